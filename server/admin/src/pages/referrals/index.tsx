import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Statistic, Table, Tabs, Tag, Upload, message } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EChart } from '../../components/EChart';
import { uploadImage } from '../../api/media';
import { api, call } from '../../api/client';
import { fetchCouponTemplates } from '../coupons/service';
import {
  fetchReferralFunnel,
  fetchReferralSettings,
  fetchReferrals,
  fetchSuspiciousInviters,
  previewPoster,
  saveReferralSettings,
  type ReferralSettings,
} from './service';

const STATES: Record<string, { label: string; color: string }> = {
  bound: { label: '待达标', color: 'gold' },
  qualified: { label: '已奖励', color: 'green' },
  capped: { label: '超出每日上限', color: 'default' },
  blocked: { label: '疑似同一人', color: 'red' },
};
const BLOCK_REASONS: Record<string, string> = { same_phone: '同一手机号', same_device: '同一设备' };

export default function ReferralsPage() {
  // Same cache entry as the layout's: no second request.
  const { data: me } = useQuery({ queryKey: ['me'], queryFn: () => call(api.GET('/api/admin/me')) });
  const canEdit = me?.role === 'owner' || me?.role === 'operator';
  return (
    <Tabs
      items={[
        { key: 'funnel', label: '邀请漏斗', children: <FunnelTab /> },
        { key: 'rules', label: '规则与新人礼', children: <RulesTab canEdit={canEdit} /> },
        { key: 'list', label: '邀请记录', children: <InvitationsTab /> },
        { key: 'suspicious', label: '可疑邀请人', children: <SuspiciousTab /> },
      ]}
    />
  );
}

function FunnelTab() {
  const { data } = useQuery({ queryKey: ['referral-funnel'], queryFn: fetchReferralFunnel });
  const steps = data ? [
    { name: '分享', value: data.totals.shares },
    { name: '打开', value: data.totals.opens },
    { name: '注册', value: data.totals.registrations },
    { name: '达标', value: data.totals.qualified },
  ] : [];
  const funnel = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', label: { formatter: '{b} {c}' }, data: steps }],
    }),
    [data],
  );
  const daily = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['分享', '打开', '注册', '达标'] },
      xAxis: { type: 'category', data: data?.days.map((d) => d.day.slice(5)) ?? [] },
      yAxis: { type: 'value', minInterval: 1 },
      series: (['shares', 'opens', 'registrations', 'qualified'] as const).map((key, i) => ({
        name: ['分享', '打开', '注册', '达标'][i],
        type: 'line',
        smooth: true,
        data: data?.days.map((d) => d[key]) ?? [],
      })),
    }),
    [data],
  );
  const rate = (a: number, b: number) => (b > 0 ? `${Math.round((a / b) * 100)}%` : '—');
  return (
    <>
      <Row gutter={16}>
        {steps.map((s, i) => (
          <Col span={6} key={s.name}>
            <Card>
              <Statistic title={`近 30 天${s.name}`} value={s.value} suffix={i > 0 ? <span style={{ fontSize: 14, color: '#888' }}>转化 {rate(s.value, steps[i - 1].value)}</span> : undefined} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={10}>
          <Card title="邀请漏斗（近 30 天）">
            <EChart option={funnel} height={320} testId="referral-funnel" />
          </Card>
        </Col>
        <Col span={14}>
          <Card title="每日趋势">
            <EChart option={daily} height={320} testId="referral-daily" />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function RulesTab({ canEdit }: { canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReferralSettings>();
  const { data } = useQuery({ queryKey: ['referral-settings'], queryFn: fetchReferralSettings });
  const { data: coupons } = useQuery({ queryKey: ['coupon-templates'], queryFn: fetchCouponTemplates });
  const [preview, setPreview] = useState<string | null>(null);
  const background = Form.useWatch(['poster', 'backgroundUrl'], form);
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);
  const save = useMutation({
    mutationFn: saveReferralSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(['referral-settings'], saved);
      void message.success('邀请规则已保存');
    },
  });
  const upload = useMutation({ mutationFn: uploadImage, onSuccess: (url) => form.setFieldValue(['poster', 'backgroundUrl'], url) });
  const draw = useMutation({
    mutationFn: () => previewPoster({ backgroundUrl: form.getFieldValue(['poster', 'backgroundUrl']) ?? null, slogan: form.getFieldValue(['poster', 'slogan']) ?? '' }),
    onSuccess: (url) => setPreview((old) => (old && URL.revokeObjectURL(old), url)),
  });

  return (
    <Form form={form} layout="vertical" disabled={!canEdit} onFinish={(v) => save.mutate({ ...data!, ...v, poster: { ...v.poster, backgroundUrl: v.poster.backgroundUrl ?? null } })}>
      <Row gutter={16}>
        <Col span={12}>
          <Card title="奖励规则" extra={canEdit && <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>}>
            <Form.Item label="好友新人礼：积分" name={['welcomePack', 'points']} rules={[{ required: true }]}>
              <InputNumber min={0} max={100000} precision={0} addonAfter="积分" />
            </Form.Item>
            <Form.Item label="好友新人礼：优惠券（最多 5 张）" name={['welcomePack', 'couponTemplateIds']}>
              <Select mode="multiple" maxCount={5} placeholder="不发券" options={coupons?.items.map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
            <Form.Item label="邀请人奖励" name="inviterRewardPoints" rules={[{ required: true }]}>
              <InputNumber min={0} max={100000} precision={0} addonAfter="积分" />
            </Form.Item>
            <Form.Item label="好友完成以下行为后发放邀请奖励" name="qualifyingAction">
              <Radio.Group options={[{ value: 'first_checkin', label: '首次签到' }, { value: 'first_paid_order', label: '首笔支付订单' }]} />
            </Form.Item>
            <Form.Item label="每位邀请人每天最多获奖人数" name="dailyCapPerInviter" rules={[{ required: true }]}>
              <InputNumber min={0} max={10000} precision={0} addonAfter="人" />
            </Form.Item>
            <Alert type="info" showIcon message="好友与邀请人手机号或设备相同时不发放邀请奖励；每位好友只会绑定第一次邀请他的人。" />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="邀请海报" extra={<Button onClick={() => draw.mutate()} loading={draw.isPending} disabled={false}>预览海报</Button>}>
            <Form.Item label="海报标语" name={['poster', 'slogan']} rules={[{ required: true, message: '请填写标语' }, { max: 30, message: '标语最多 30 个字' }]}>
              <Input maxLength={30} showCount />
            </Form.Item>
            <Form.Item label="背景图（建议 750×1334）" name={['poster', 'backgroundUrl']}>
              <Space>
                <Upload accept="image/png,image/jpeg,image/webp" showUploadList={false} beforeUpload={(file) => (upload.mutate(file), false)}>
                  <Button icon={<UploadOutlined />} loading={upload.isPending}>上传背景（≤512KB）</Button>
                </Upload>
                {background && <Button onClick={() => form.setFieldValue(['poster', 'backgroundUrl'], null)}>使用默认渐变</Button>}
              </Space>
            </Form.Item>
            {preview && <img src={preview} alt="海报预览" data-testid="poster-preview" style={{ width: 300, borderRadius: 8, border: '1px solid #eee' }} />}
          </Card>
        </Col>
      </Row>
    </Form>
  );
}

function InvitationsTab() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, isLoading } = useQuery({ queryKey: ['referrals', page], queryFn: () => fetchReferrals(page.page, page.pageSize) });
  return (
    <Table
      rowKey="inviteeId"
      loading={isLoading}
      dataSource={data?.items}
      pagination={{ current: page.page, pageSize: page.pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 条邀请`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
      columns={[
        { title: '邀请人', dataIndex: 'inviterNickname' },
        { title: '好友', dataIndex: 'inviteeNickname' },
        { title: '绑定时间', dataIndex: 'boundAt', render: (v: string) => new Date(v).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
        { title: '状态', dataIndex: 'state', render: (v: string, r) => <Tag color={STATES[v]?.color}>{STATES[v]?.label ?? v}{r.blockReason ? `（${BLOCK_REASONS[r.blockReason] ?? r.blockReason}）` : ''}</Tag> },
        { title: '好友新人礼', dataIndex: 'welcomePoints', render: (v: number) => `${v} 积分` },
        { title: '邀请奖励', dataIndex: 'rewardPoints', render: (v: number) => `${v} 积分` },
      ]}
    />
  );
}

function SuspiciousTab() {
  const { data, isLoading } = useQuery({ queryKey: ['referral-suspicious'], queryFn: fetchSuspiciousInviters });
  return (
    <Card title="可疑邀请人" extra={<span style={{ color: '#888' }}>触达每日上限或与好友同设备/同手机号的邀请人</span>}>
      <Table
        rowKey="inviterId"
        loading={isLoading}
        dataSource={data?.items}
        pagination={false}
        columns={[
          { title: '邀请人', dataIndex: 'nickname' },
          { title: '邀请总数', dataIndex: 'invitations' },
          { title: '超出上限', dataIndex: 'capped' },
          { title: '同设备/手机号', dataIndex: 'blocked', render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : v) },
        ]}
      />
    </Card>
  );
}
