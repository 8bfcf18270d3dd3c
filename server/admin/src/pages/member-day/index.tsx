import { useEffect, useState } from 'react';
import { Button, Card, DatePicker, Form, Image, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tag, Upload, message } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TIER_CODES, TIER_LABELS } from '@mall/shared';
import { fetchCouponTemplates } from '../coupons/service';
import { fetchMallItems } from '../mall-items/service';
import { createBanner, deleteBanner, fetchBanners, fetchMemberDaySettings, saveMemberDaySettings, updateBanner, uploadImage, type Banner, type BannerInput, type MemberDaySettings } from './service';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export default function MemberDayPage() {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MemberDaySettings>();
  const kind = Form.useWatch(['schedule', 'kind'], form);
  const { data } = useQuery({ queryKey: ['member-day'], queryFn: fetchMemberDaySettings });
  const { data: coupons } = useQuery({ queryKey: ['coupon-templates'], queryFn: fetchCouponTemplates });
  const { data: banners } = useQuery({ queryKey: ['banners'], queryFn: fetchBanners });
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);
  const save = useMutation({
    mutationFn: saveMemberDaySettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(['member-day'], saved);
      void message.success('会员日设置已保存');
    },
  });
  const remove = useMutation({ mutationFn: deleteBanner, onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['banners'] }) });
  const couponOptions = coupons?.items.map((c) => ({ value: c.id, label: c.name })) ?? [];

  return (
    <>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ ...data!, ...v })}>
        <Card title="会员日" extra={<Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>}>
          <Space wrap size="large" align="start">
            <Form.Item label="周期" name={['schedule', 'kind']}>
              <Radio.Group options={[{ label: '每月固定日', value: 'monthDay' }, { label: '每周固定日', value: 'weekday' }]} />
            </Form.Item>
            {kind === 'weekday' ? (
              <Form.Item label="星期" name={['schedule', 'weekday']} rules={[{ required: true }]}>
                <Select style={{ width: 120 }} options={WEEKDAYS.map((w, i) => ({ value: i, label: w }))} />
              </Form.Item>
            ) : (
              <Form.Item label="每月几号（小月取月末）" name={['schedule', 'day']} rules={[{ required: true }]}>
                <InputNumber min={1} max={31} precision={0} />
              </Form.Item>
            )}
            <Form.Item label="额外会员日" name={['schedule', 'extraDates']}>
              <Select mode="tags" style={{ width: 260 }} placeholder="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item label="提醒时间（点）" name="reminderHour">
              <InputNumber min={0} max={23} precision={0} />
            </Form.Item>
          </Space>
          <Space wrap size="large">
            {TIER_CODES.map((t) => (
              <Form.Item key={t} label={`${TIER_LABELS[t]} 会员日券`} name={['couponTemplates', t]}>
                <Select allowClear style={{ width: 200 }} placeholder="不发券" options={couponOptions} />
              </Form.Item>
            ))}
          </Space>
          <div style={{ color: '#888' }}>会员日折扣按等级在「会员等级」中设置；签到积分倍率在「签到设置」中设置。</div>
        </Card>
      </Form>
      <BannersCard banners={banners?.items ?? []} onDelete={(id) => remove.mutate(id)} />
    </>
  );
}

type BannerForm = { title: string; targetType: 'item' | 'page' | 'coupon'; targetValue: string; window: [Dayjs, Dayjs]; tiers?: string[]; memberDayOnly?: boolean; sortOrder?: number };

const TARGET_LABELS = { item: '商品', page: '页面', coupon: '领券' } as const;

function BannersCard({ banners, onDelete }: { banners: Banner[]; onDelete: (id: string) => void }) {
  const queryClient = useQueryClient();
  // null: closed; 'new': creating; a banner: editing it.
  const [editing, setEditing] = useState<Banner | 'new' | null>(null);
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  const [form] = Form.useForm<BannerForm>();
  const title = Form.useWatch('title', form);
  const targetType = Form.useWatch('targetType', form);
  const { data: coupons } = useQuery({ queryKey: ['coupon-templates'], queryFn: fetchCouponTemplates });
  const { data: items } = useQuery({ queryKey: ['mall-items'], queryFn: fetchMallItems });
  const names = new Map<string, string>([...(coupons?.items ?? []), ...(items?.items ?? [])].map((x) => [x.id, x.name]));
  const close = () => {
    setEditing(null);
    setImageUrl(null);
    form.resetFields();
  };
  const save = useMutation({
    mutationFn: (body: BannerInput) => (editing && editing !== 'new' ? updateBanner(editing.id, body) : createBanner(body)),
    onSuccess: () => {
      void message.success('横幅已保存');
      close();
      void queryClient.invalidateQueries({ queryKey: ['banners'] });
    },
  });
  const upload = useMutation({ mutationFn: uploadImage, onSuccess: setImageUrl });
  const edit = (b: Banner) => {
    setEditing(b);
    setImageUrl(b.imageUrl);
    form.setFieldsValue({ ...b, window: [dayjs(b.startsAt), dayjs(b.endsAt)] });
  };
  const targetOptions =
    targetType === 'coupon'
      ? coupons?.items.filter((c) => c.status === 'active').map((c) => ({ value: c.id, label: c.name }))
      : items?.items.map((i) => ({ value: i.id, label: i.name }));
  return (
    <Card title="首页横幅" style={{ marginTop: 16 }} extra={<Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>新建横幅</Button>}>
      <Table<Banner>
        rowKey="id"
        dataSource={banners}
        pagination={false}
        columns={[
          { title: '图片', dataIndex: 'imageUrl', render: (u: string) => <Image src={u} width={120} /> },
          { title: '标题', dataIndex: 'title' },
          { title: '跳转', render: (_, b) => `${TARGET_LABELS[b.targetType]}：${names.get(b.targetValue) ?? b.targetValue}` },
          { title: '时间', render: (_, b) => `${dayjs(b.startsAt).format('MM-DD HH:mm')} ~ ${dayjs(b.endsAt).format('MM-DD HH:mm')}` },
          { title: '可见等级', render: (_, b) => (b.tiers.length ? b.tiers.map((t) => <Tag key={t}>{TIER_LABELS[t]}</Tag>) : '全部') },
          { title: '仅会员日', render: (_, b) => (b.memberDayOnly ? '是' : '否') },
          { title: '排序', dataIndex: 'sortOrder' },
          {
            title: '',
            render: (_, b) => (
              <Space>
                <Button size="small" onClick={() => edit(b)}>编辑</Button>
                <Button danger size="small" onClick={() => onDelete(b.id)}>删除</Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={editing && editing !== 'new' ? '编辑横幅' : '新建横幅'}
        open={editing !== null}
        onCancel={close}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        forceRender
        width={560}
      >
        <Upload accept="image/png,image/jpeg,image/webp" showUploadList={false} beforeUpload={(file) => (upload.mutate(file), false)}>
          <Button icon={<UploadOutlined />} loading={upload.isPending}>上传图片（PNG/JPEG/WebP，≤512KB）</Button>
        </Upload>
        {imageUrl && (
          <div style={{ margin: '12px 0', position: 'relative', width: 375 }} data-testid="banner-preview">
            <Image src={imageUrl} width={375} height={140} style={{ objectFit: 'cover', borderRadius: 8 }} preview={false} />
            <span style={{ position: 'absolute', left: 12, bottom: 10, color: '#fff', fontWeight: 600 }}>{title}</span>
          </div>
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ targetType: 'page', targetValue: 'pages/mall/index', sortOrder: 0, window: [dayjs().startOf('minute'), dayjs().add(30, 'day').endOf('day')] }}
          onValuesChange={(changed) => {
            if ('targetType' in changed) form.setFieldValue('targetValue', changed.targetType === 'page' ? 'pages/mall/index' : undefined);
          }}
          onFinish={(v) => {
            if (!imageUrl) return void message.error('请先上传图片');
            save.mutate({
              imageUrl,
              title: v.title,
              targetType: v.targetType,
              targetValue: v.targetValue,
              startsAt: v.window[0].toISOString(),
              endsAt: v.window[1].toISOString(),
              tiers: (v.tiers ?? []) as never,
              memberDayOnly: v.memberDayOnly ?? false,
              sortOrder: v.sortOrder ?? 0,
            });
          }}
        >
          <Form.Item label="标题" name="title" rules={[{ required: true, max: 40 }]}><Input /></Form.Item>
          <Space>
            <Form.Item label="跳转类型" name="targetType"><Select style={{ width: 120 }} options={[{ value: 'page', label: '页面' }, { value: 'item', label: '商品' }, { value: 'coupon', label: '领券' }]} /></Form.Item>
            <Form.Item label={targetType === 'coupon' ? '领取的优惠券' : targetType === 'item' ? '商品' : '页面路径'} name="targetValue" rules={[{ required: true }]}>
              {targetType === 'page' ? (
                <Input style={{ width: 260 }} placeholder="pages/mall/index" />
              ) : (
                <Select showSearch optionFilterProp="label" style={{ width: 260 }} options={targetOptions ?? []} placeholder="请选择" />
              )}
            </Form.Item>
          </Space>
          <Form.Item label="展示时间" name="window" rules={[{ required: true }]}><DatePicker.RangePicker showTime /></Form.Item>
          <Space>
            <Form.Item label="可见等级" name="tiers"><Select mode="multiple" style={{ width: 240 }} options={TIER_CODES.map((t) => ({ value: t, label: TIER_LABELS[t] }))} /></Form.Item>
            <Form.Item label="仅会员日" name="memberDayOnly" valuePropName="checked"><Switch /></Form.Item>
            <Form.Item label="排序" name="sortOrder"><InputNumber min={0} precision={0} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
