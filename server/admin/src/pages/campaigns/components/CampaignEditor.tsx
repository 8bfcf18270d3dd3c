import { useEffect } from 'react';
import { Button, Checkbox, DatePicker, Divider, Drawer, Form, Input, InputNumber, Select, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { DEFAULT_HOLDOUT_PCT } from '@mall/shared';
import { TRIGGER_DEFAULTS } from '../labels';
import {
  createCampaign, fetchAudiences, fetchCouponTemplates, updateCampaign, type Campaign, type CampaignInput, type CampaignOffer, type CampaignTrigger,
} from '../service';
import { OfferFields } from './OfferFields';
import { TriggerFields } from './TriggerFields';

const DEFAULT_ATTRIBUTION_DAYS = 7;
const EVERYONE = '';

interface FormValues {
  name: string;
  audienceId: string;
  trigger: Omit<CampaignTrigger, 'at'> & { at?: Dayjs };
  offer: CampaignOffer;
  message: { title: string; body: string; page?: string; recommendPartnerItem?: boolean };
  holdoutPct: number;
  attributionDays: number;
  period?: [Dayjs | null, Dayjs | null];
}

/** Only what the offer's kind reads goes to the server. */
function offerOf(o: CampaignOffer | undefined): CampaignOffer {
  if (o?.kind === 'coupon') return { kind: 'coupon', couponTemplateId: o.couponTemplateId };
  if (o?.kind === 'points') return { kind: 'points', points: o.points };
  return { kind: 'none' };
}

function triggerOf(t: FormValues['trigger']): CampaignTrigger {
  switch (t.kind) {
    case 'once':
      return { kind: 'once', at: t.at?.toISOString() };
    case 'pointsExpiring':
      return { kind: t.kind, withinDays: t.withinDays };
    case 'redeemNudge':
      return { kind: t.kind, pointsShort: t.pointsShort };
    case 'tierNudge':
      return { kind: t.kind, growthShort: t.growthShort };
    case 'replenishment':
      return { kind: t.kind, daysBefore: t.daysBefore };
    case 'winBack':
      return { kind: t.kind, steps: (t.steps ?? []).map(offerOf) };
    case 'recurring':
      return { kind: t.kind, every: 'memberDay' };
    default:
      return { kind: t.kind };
  }
}

export function toCampaignInput(v: FormValues): CampaignInput {
  return {
    name: v.name,
    audienceId: v.audienceId || null,
    trigger: triggerOf(v.trigger),
    // A win-back's offers are its steps; the campaign-level offer is then ignored by the server.
    offer: v.trigger.kind === 'winBack' ? { kind: 'none' } : offerOf(v.offer),
    message: { title: v.message.title, body: v.message.body, page: v.message.page?.trim() || null, recommendPartnerItem: !!v.message.recommendPartnerItem },
    holdoutPct: v.holdoutPct,
    attributionDays: v.attributionDays,
    startsAt: v.period?.[0]?.toISOString() ?? null,
    endsAt: v.period?.[1]?.toISOString() ?? null,
  };
}

function formValuesOf(c: Campaign | null): Partial<FormValues> {
  if (!c) {
    return {
      audienceId: EVERYONE,
      trigger: { kind: 'pointsExpiring', ...TRIGGER_DEFAULTS, steps: [{ kind: 'coupon' }] },
      offer: { kind: 'coupon' },
      holdoutPct: DEFAULT_HOLDOUT_PCT,
      attributionDays: DEFAULT_ATTRIBUTION_DAYS,
    };
  }
  const { at, ...trigger } = c.trigger;
  return {
    name: c.name,
    audienceId: c.audienceId ?? EVERYONE,
    trigger: { ...TRIGGER_DEFAULTS, steps: [{ kind: 'coupon' }], ...trigger, ...(at ? { at: dayjs(at) } : {}) },
    offer: c.offer,
    message: { title: c.message.title, body: c.message.body, page: c.message.page ?? undefined, recommendPartnerItem: c.message.recommendPartnerItem ?? false },
    holdoutPct: c.holdoutPct,
    attributionDays: c.attributionDays,
    period: c.startsAt || c.endsAt ? [c.startsAt ? dayjs(c.startsAt) : null, c.endsAt ? dayjs(c.endsAt) : null] : undefined,
  };
}

/** Create or edit a campaign: audience, trigger, offer, message, holdout and attribution window. */
export function CampaignEditor({ open, editing, onClose }: { open: boolean; editing: Campaign | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const triggerKind = Form.useWatch(['trigger', 'kind'], form);
  const audiences = useQuery({ queryKey: ['audiences'], queryFn: fetchAudiences, enabled: open });
  const coupons = useQuery({ queryKey: ['coupon-templates'], queryFn: fetchCouponTemplates, enabled: open });
  const couponOptions = (coupons.data?.items ?? []).filter((c) => c.status === 'active').map((c) => ({ value: c.id, label: c.name }));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(formValuesOf(editing));
  }, [open, editing, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => (editing ? updateCampaign(editing.id, toCampaignInput(v)) : createCampaign(toCampaignInput(v))),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      void message.success('活动已保存');
      onClose();
    },
  });

  return (
    <Drawer title={editing ? '编辑活动' : '新建活动'} width={720} open={open} onClose={onClose} destroyOnClose
      extra={<Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="campaign-save">保存</Button>}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item label="活动名称" name="name" rules={[{ required: true, whitespace: true, max: 40 }]}>
          <Input placeholder="如：积分到期提醒" />
        </Form.Item>
        <Form.Item label="受众" name="audienceId" extra="在「受众」页保存的规则受众；发送时按当时的规则计算">
          <Select aria-label="受众" style={{ maxWidth: 360 }} loading={audiences.isLoading}
            options={[{ value: EVERYONE, label: '全部会员' }, ...(audiences.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.memberCount} 人）` }))]} />
        </Form.Item>
        <Divider orientation="left">触发</Divider>
        <TriggerFields coupons={couponOptions} />
        {triggerKind !== 'winBack' && (
          <>
            <Divider orientation="left">优惠</Divider>
            <OfferFields name={['offer']} kindPath={['offer', 'kind']} coupons={couponOptions} />
          </>
        )}
        <Divider orientation="left">消息</Divider>
        <Form.Item label="标题" name={['message', 'title']} rules={[{ required: true, whitespace: true, max: 20 }]} extra="站内通知标题，也用于订阅消息">
          <Input placeholder="如：您的积分即将过期" />
        </Form.Item>
        <Form.Item label="内容" name={['message', 'body']} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input.TextArea rows={3} placeholder="如：送您一张无门槛券，快来用掉积分吧" />
        </Form.Item>
        <Form.Item label="打开页面（可选）" name={['message', 'page']} rules={[{ pattern: /^[a-z0-9_\-/]+$/i, message: '小程序页面路径，不含参数' }, { max: 64 }]}>
          <Input placeholder="pages/index/index" />
        </Form.Item>
        <Form.Item
          name={['message', 'recommendPartnerItem']}
          valuePropName="checked"
          extra="按会员最近一笔订单，附上“常一起购买”的搭配商品，点击直接打开该商品；没有订单或搭配的会员收到原消息"
        >
          <Checkbox>推荐常一起购买的商品</Checkbox>
        </Form.Item>
        <Divider orientation="left">效果评估</Divider>
        <Form.Item label="对照组比例" name="holdoutPct" rules={[{ required: true }]} extra="随机但固定地留出这部分会员不发送，用于计算提升">
          <InputNumber aria-label="对照组比例" min={0} max={50} precision={0} addonAfter="%" />
        </Form.Item>
        <Form.Item label="归因窗口" name="attributionDays" rules={[{ required: true }]} extra="发送后多少天内的支付订单计入活动效果">
          <InputNumber aria-label="归因窗口" min={1} max={60} precision={0} addonAfter="天" />
        </Form.Item>
        <Form.Item label="活动时间（可选）" name="period">
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
