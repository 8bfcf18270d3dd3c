import { useState } from 'react';
import { Button, Card, DatePicker, Form, Image, Input, InputNumber, Modal, Popover, Radio, Select, Space, Switch, Table, Tag, Upload, message } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { TIER_CODES, TIER_LABELS, type TierCode } from '@mall/shared';
import { api, call } from '../../api/client';
import { uploadImage } from '../../api/media';
import { fetchCouponTemplates } from '../coupons/service';
import { adjustStock, createMallItem, fetchMallItems, updateMallItem, type MallItem, type MallItemInput } from './service';

const KINDS: Record<string, { label: string; color: string }> = {
  coupon: { label: '优惠券', color: 'orange' },
  goods: { label: '实物（需发货）', color: 'blue' },
  product: { label: '普通商品', color: 'green' },
};
const yuan = (fen: number) => (fen / 100).toFixed(2);

type FormValues = Omit<MallItemInput, 'cashPriceFen' | 'saleStartsAt' | 'saleEndsAt' | 'status'> & { cashYuan?: number; window?: [Dayjs | null, Dayjs | null] | null; on: boolean };

export function priceText(item: Pick<MallItem, 'cashPriceFen' | 'pointsPrice'>): string {
  const parts = [item.cashPriceFen ? `¥${yuan(item.cashPriceFen)}` : '', item.pointsPrice ? `${item.pointsPrice} 积分` : ''].filter(Boolean);
  return parts.join(' + ');
}

export default function MallItemsPage() {
  const { data: me } = useQuery({ queryKey: ['me'], queryFn: () => call(api.GET('/api/admin/me')) });
  const canEdit = me?.role === 'owner' || me?.role === 'operator';
  const { data, isLoading } = useQuery({ queryKey: ['mall-items'], queryFn: fetchMallItems });
  const [editing, setEditing] = useState<MallItem | 'new' | null>(null);

  return (
    <Card title="商品管理" extra={canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新建商品</Button>}>
      <Table<MallItem>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        columns={[
          { title: '封面', render: (_, i) => (i.imageUrls[0] ? <Image src={i.imageUrls[0]} width={56} height={56} style={{ objectFit: 'cover' }} /> : '—') },
          { title: '名称', render: (_, i) => <span data-testid="item-name">{i.name}</span> },
          { title: '类型', render: (_, i) => <Tag color={KINDS[i.kind]?.color}>{KINDS[i.kind]?.label ?? i.kind}</Tag> },
          { title: '分类', dataIndex: 'category' },
          { title: '价格', render: (_, i) => priceText(i) },
          { title: '库存', render: (_, i) => (canEdit ? <StockCell item={i} /> : i.stock) },
          { title: '已售', dataIndex: 'sold' },
          { title: '每人限购', render: (_, i) => i.perMemberLimit || '不限' },
          { title: '等级', render: (_, i) => (i.tiersAllowed.length ? i.tiersAllowed.map((t) => <Tag key={t}>{TIER_LABELS[t as TierCode]}</Tag>) : '全部') },
          { title: '排序', dataIndex: 'sortOrder' },
          { title: '状态', render: (_, i) => (i.status === 'on' ? <Tag color="green">上架</Tag> : <Tag>下架</Tag>) },
          ...(canEdit ? [{ title: '', render: (_: unknown, i: MallItem) => <Button size="small" onClick={() => setEditing(i)}>编辑</Button> }] : []),
        ]}
      />
      {editing && <ItemModal item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function StockCell({ item }: { item: MallItem }) {
  const queryClient = useQueryClient();
  const [delta, setDelta] = useState<number | null>(null);
  const adjust = useMutation({
    mutationFn: (d: number) => adjustStock(item.id, d),
    onSuccess: () => {
      setDelta(null);
      void queryClient.invalidateQueries({ queryKey: ['mall-items'] });
      void message.success('库存已调整');
    },
  });
  const content = (
    <Space>
      <InputNumber placeholder="+10 或 -5" precision={0} value={delta} onChange={setDelta} data-testid="stock-delta" />
      <Button type="primary" size="small" disabled={!delta} loading={adjust.isPending} onClick={() => delta && adjust.mutate(delta)}>确定</Button>
    </Space>
  );
  return (
    <Popover title="调整库存（增减数量）" trigger="click" content={content}>
      <Button size="small" type="link">{item.stock}</Button>
    </Popover>
  );
}

function ItemModal({ item, onClose }: { item: MallItem | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const [images, setImages] = useState<string[]>(item?.imageUrls ?? []);
  const { data: templates } = useQuery({ queryKey: ['coupon-templates'], queryFn: fetchCouponTemplates });
  const upload = useMutation({ mutationFn: uploadImage, onSuccess: (url) => setImages((list) => (list.includes(url) ? list : [...list, url])) });
  const save = useMutation({
    mutationFn: (body: MallItemInput) => (item ? updateMallItem(item.id, body) : createMallItem(body)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['mall-items'] });
      void message.success(item ? '商品已保存' : '商品已创建');
      onClose();
    },
  });
  const initial: Partial<FormValues> = item
    ? {
        ...item,
        kind: item.kind as MallItemInput['kind'],
        couponTemplateId: item.couponTemplateId ?? undefined,
        tiersAllowed: item.tiersAllowed as TierCode[],
        cashYuan: item.cashPriceFen / 100,
        window: item.saleStartsAt || item.saleEndsAt ? [item.saleStartsAt ? dayjs(item.saleStartsAt) : null, item.saleEndsAt ? dayjs(item.saleEndsAt) : null] : null,
        on: item.status === 'on',
      }
    : { kind: 'goods', cashYuan: 0, pointsPrice: 0, stock: 100, perMemberLimit: 0, sortOrder: 0, on: true, tiersAllowed: [] };

  const submit = ({ cashYuan, window, on, ...v }: FormValues) =>
    save.mutate({
      ...v,
      cashPriceFen: Math.round((cashYuan ?? 0) * 100),
      imageUrls: images,
      saleStartsAt: window?.[0]?.toISOString(),
      saleEndsAt: window?.[1]?.toISOString(),
      status: on ? 'on' : 'off',
      couponTemplateId: v.kind === 'coupon' ? v.couponTemplateId : undefined,
    });

  return (
    <Modal title={item ? '编辑商品' : '新建商品'} open onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} width={640} destroyOnClose>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item label="类型" name="kind">
          <Radio.Group options={Object.entries(KINDS).map(([value, k]) => ({ value, label: k.label }))} disabled={!!item} />
        </Form.Item>
        <Form.Item label="名称" name="name" rules={[{ required: true, message: '请填写名称' }, { max: 60 }]}>
          <Input data-testid="item-name-input" />
        </Form.Item>
        <Form.Item label="图片（第一张为封面，PNG/JPEG/WebP，≤512KB）">
          <Space wrap>
            {images.map((url) => (
              <div key={url} style={{ position: 'relative' }} data-testid="item-image">
                <Image src={url} width={72} height={72} style={{ objectFit: 'cover' }} />
                <Button size="small" type="link" danger onClick={() => setImages((list) => list.filter((u) => u !== url))}>移除</Button>
              </div>
            ))}
            {images.length < 9 && (
              <Upload accept="image/png,image/jpeg,image/webp" showUploadList={false} beforeUpload={(file) => (upload.mutate(file), false)}>
                <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="item-image-upload">上传图片</Button>
              </Upload>
            )}
          </Space>
        </Form.Item>
        {kind === 'coupon' && (
          <Form.Item label="发放的优惠券" name="couponTemplateId" rules={[{ required: true, message: '请选择优惠券' }]}>
            <Select options={(templates?.items ?? []).map((t) => ({ value: t.id, label: t.name }))} />
          </Form.Item>
        )}
        <Space size="large" wrap>
          <Form.Item label="现金价" name="cashYuan" tooltip="0 表示不收现金">
            <InputNumber min={0} max={1_000_000} precision={2} addonAfter="元" data-testid="item-cash" />
          </Form.Item>
          <Form.Item label="积分价" name="pointsPrice" tooltip="0 表示不需积分">
            <InputNumber min={0} max={100_000_000} precision={0} addonAfter="积分" data-testid="item-points" />
          </Form.Item>
          <Form.Item label={item ? '库存（在列表中调整）' : '初始库存'} name="stock" rules={[{ required: true }]}>
            <InputNumber min={0} max={10_000_000} precision={0} disabled={!!item} data-testid="item-stock" />
          </Form.Item>
          <Form.Item label="每人限购（0 不限）" name="perMemberLimit">
            <InputNumber min={0} max={10_000} precision={0} />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item label="分类" name="category" rules={[{ max: 20 }]}>
            <Input placeholder="如：周边" />
          </Form.Item>
          <Form.Item label="排序（小的在前）" name="sortOrder">
            <InputNumber min={-10_000} max={10_000} precision={0} />
          </Form.Item>
          <Form.Item label="上架" name="on" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item label="售卖时间（不填为长期）" name="window">
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item label="可购买等级（不选为全部，选中即会员专区）" name="tiersAllowed">
          <Select mode="multiple" options={TIER_CODES.map((t) => ({ value: t, label: TIER_LABELS[t] }))} />
        </Form.Item>
        <Form.Item label="描述" name="description" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
