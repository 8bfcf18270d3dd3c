import { useEffect } from 'react';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { MEMBER_PLATFORMS, SEGMENT_KEYS, PLATFORM_LABELS, SEGMENTS, TIER_CODES, TIER_LABELS, fenToYuan, yuanToFen } from '@mall/shared';
import type { MemberFilters } from '../service';

interface FormValues {
  q?: string;
  tier?: MemberFilters['tier'];
  segment?: MemberFilters['segment'];
  joined?: [Dayjs, Dayjs] | null;
  active?: [Dayjs, Dayjs] | null;
  pointsMin?: number | null;
  pointsMax?: number | null;
  spendMin?: string;
  spendMax?: string;
  ordersMin?: number | null;
  ordersMax?: number | null;
  hasPhone?: 'true' | 'false';
  inviterId?: string;
  platform?: MemberFilters['platform'];
}

const DAY = 'YYYY-MM-DD';
const range = (from?: string, to?: string): [Dayjs, Dayjs] | null => (from && to ? [dayjs(from), dayjs(to)] : null);
const num = (v?: number | null) => (v === null || v === undefined ? undefined : v);
const fen = (v?: string) => (v && v.trim() ? (yuanToFen(v) ?? undefined) : undefined);
const yuanRule = { validator: (_: unknown, v?: string) => (!v || yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error('请输入金额，最多两位小数'))) };

function toValues(f: MemberFilters): FormValues {
  return {
    ...f,
    joined: range(f.joinedFrom, f.joinedTo),
    active: range(f.activeFrom, f.activeTo),
    spendMin: f.spendMinFen === undefined ? undefined : fenToYuan(f.spendMinFen),
    spendMax: f.spendMaxFen === undefined ? undefined : fenToYuan(f.spendMaxFen),
  };
}

function toFilters(v: FormValues): MemberFilters {
  return {
    q: v.q?.trim() || undefined,
    tier: v.tier,
    segment: v.segment,
    joinedFrom: v.joined?.[0].format(DAY),
    joinedTo: v.joined?.[1].format(DAY),
    activeFrom: v.active?.[0].format(DAY),
    activeTo: v.active?.[1].format(DAY),
    pointsMin: num(v.pointsMin),
    pointsMax: num(v.pointsMax),
    spendMinFen: fen(v.spendMin),
    spendMaxFen: fen(v.spendMax),
    ordersMin: num(v.ordersMin),
    ordersMax: num(v.ordersMax),
    hasPhone: v.hasPhone,
    inviterId: v.inviterId?.trim() || undefined,
    platform: v.platform,
  };
}

/** Every member filter; they combine. Values come from and go to the URL through the page. */
export function MemberFilterForm({ value, onChange }: { value: MemberFilters; onChange: (filters: MemberFilters) => void }) {
  const [form] = Form.useForm<FormValues>();
  useEffect(() => form.setFieldsValue({ ...emptyValues, ...toValues(value) } as Parameters<typeof form.setFieldsValue>[0]), [form, value]);
  const col = { xs: 24, sm: 12, lg: 6 };
  return (
    <Form form={form} layout="vertical" name="member-filters" onFinish={(v) => onChange(toFilters(v))} data-testid="member-filters">
      <Row gutter={12}>
        <Col {...col}><Form.Item name="q" label="昵称/会员ID/邀请码"><Input allowClear placeholder="搜索昵称或会员ID" /></Form.Item></Col>
        <Col {...col}>
          <Form.Item name="tier" label="会员等级">
            <Select allowClear placeholder="全部等级" data-testid="filter-tier" options={TIER_CODES.map((t) => ({ value: t, label: TIER_LABELS[t] }))} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="segment" label="会员分群">
            <Select allowClear placeholder="全部会员" options={SEGMENT_KEYS.map((s) => ({ value: s, label: SEGMENTS[s].label }))} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="platform" label="主要平台">
            <Select allowClear placeholder="全部平台" options={MEMBER_PLATFORMS.map((p) => ({ value: p, label: PLATFORM_LABELS[p] }))} />
          </Form.Item>
        </Col>
        <Col {...col}><Form.Item name="joined" label="注册日期"><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item></Col>
        <Col {...col}><Form.Item name="active" label="最近活跃日期"><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item></Col>
        <Col {...col}>
          <Form.Item label="积分余额">
            <Space.Compact block>
              <Form.Item name="pointsMin" noStyle><InputNumber min={0} precision={0} placeholder="最少" style={{ width: '50%' }} /></Form.Item>
              <Form.Item name="pointsMax" noStyle><InputNumber min={0} precision={0} placeholder="最多" style={{ width: '50%' }} /></Form.Item>
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="累计消费(元)">
            <Space.Compact block>
              <Form.Item name="spendMin" noStyle rules={[yuanRule]}><Input placeholder="最少" style={{ width: '50%' }} /></Form.Item>
              <Form.Item name="spendMax" noStyle rules={[yuanRule]}><Input placeholder="最多" style={{ width: '50%' }} /></Form.Item>
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="支付订单数">
            <Space.Compact block>
              <Form.Item name="ordersMin" noStyle><InputNumber min={0} precision={0} placeholder="最少" style={{ width: '50%' }} /></Form.Item>
              <Form.Item name="ordersMax" noStyle><InputNumber min={0} precision={0} placeholder="最多" style={{ width: '50%' }} /></Form.Item>
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="hasPhone" label="手机号">
            <Select allowClear placeholder="不限" options={[{ value: 'true', label: '已绑定' }, { value: 'false', label: '未绑定' }]} />
          </Form.Item>
        </Col>
        <Col {...col}><Form.Item name="inviterId" label="邀请人ID"><Input allowClear placeholder="会员ID" /></Form.Item></Col>
        <Col {...col}>
          <Form.Item label=" ">
            <Space>
              <Button type="primary" htmlType="submit" data-testid="filter-submit">查询</Button>
              <Button onClick={() => onChange({})}>重置</Button>
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}

const emptyValues: FormValues = {
  q: undefined, tier: undefined, segment: undefined, joined: null, active: null, pointsMin: null, pointsMax: null,
  spendMin: undefined, spendMax: undefined, ordersMin: null, ordersMax: null, hasPhone: undefined, inviterId: undefined, platform: undefined,
};
