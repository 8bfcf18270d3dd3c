import { Button, Input, InputNumber, Radio, Select, Space } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { AUDIENCE_RULE_KINDS, CHURN_RISKS, MEMBER_PLATFORMS, PLATFORM_LABELS, TIER_CODES, TIER_LABELS, type AudienceRule, type AudienceRuleKind } from '@mall/shared';
import { CHURN_LABELS, RFM_LABELS, RULE_LABELS, newRule } from '../rule-labels';

interface Props {
  rule: AudienceRule;
  onChange: (rule: AudienceRule) => void;
  onRemove: () => void;
  disabled?: boolean;
}

type Bound = number | undefined;
const num = (v: number | null): Bound => (v === null ? undefined : v);

/** One condition of the rule builder: the kind, then the inputs that kind needs. */
export function RuleRow({ rule, onChange, onRemove, disabled }: Props) {
  const set = (patch: Record<string, unknown>) => {
    const next: Record<string, unknown> = { ...rule, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    onChange(next as unknown as AudienceRule);
  };
  const pair = (lo: string, hi: string, loLabel: string, hiLabel: string, unit: string, scale = 1) => (
    <Space>
      <InputNumber aria-label={loLabel} placeholder={loLabel} min={0} precision={scale === 1 ? 0 : 2} value={(rule as never)[lo] === undefined ? null : (rule as never as Record<string, number>)[lo] / scale}
        onChange={(v) => set({ [lo]: v === null ? undefined : Math.round(v * scale) })} disabled={disabled} />
      <span>至</span>
      <InputNumber aria-label={hiLabel} placeholder={hiLabel} min={0} precision={scale === 1 ? 0 : 2} value={(rule as never)[hi] === undefined ? null : (rule as never as Record<string, number>)[hi] / scale}
        onChange={(v) => set({ [hi]: v === null ? undefined : Math.round(v * scale) })} disabled={disabled} />
      <span>{unit}</span>
    </Space>
  );

  let inputs: JSX.Element;
  switch (rule.kind) {
    case 'tier':
      inputs = <Select mode="multiple" style={{ minWidth: 240 }} value={rule.in} disabled={disabled} onChange={(v) => set({ in: v })} options={TIER_CODES.map((t) => ({ value: t, label: TIER_LABELS[t] }))} />;
      break;
    case 'churnRisk':
      inputs = <Select mode="multiple" style={{ minWidth: 240 }} value={rule.in} disabled={disabled} onChange={(v) => set({ in: v })} options={CHURN_RISKS.map((r) => ({ value: r, label: CHURN_LABELS[r] }))} />;
      break;
    case 'platform':
      inputs = (
        <Select mode="multiple" aria-label="平台" style={{ minWidth: 240 }} value={rule.in} disabled={disabled} onChange={(v) => set({ in: v })}
          options={MEMBER_PLATFORMS.map((p) => ({ value: p, label: PLATFORM_LABELS[p] }))} />
      );
      break;
    case 'joined':
    case 'lastActive':
    case 'lastOrder':
      inputs = pair('daysAgoMin', 'daysAgoMax', '最少', '最多', '天前');
      break;
    case 'spend':
      inputs = pair('min', 'max', '最低', '最高', '元', 100);
      break;
    case 'orders':
    case 'points':
      inputs = pair('min', 'max', '最少', '最多', rule.kind === 'orders' ? '单' : '分');
      break;
    case 'rfm':
      inputs = (
        <Space>
          <Select style={{ width: 140 }} value={rule.measure} disabled={disabled} onChange={(v) => set({ measure: v })} options={Object.entries(RFM_LABELS).map(([value, label]) => ({ value, label }))} />
          <InputNumber aria-label="最低分" min={1} max={5} precision={0} value={rule.min} disabled={disabled} onChange={(v) => set({ min: num(v) })} />
          <span>至</span>
          <InputNumber aria-label="最高分" min={1} max={5} precision={0} value={rule.max} disabled={disabled} onChange={(v) => set({ max: num(v) })} />
          <span>分</span>
        </Space>
      );
      break;
    case 'replenishment':
      inputs = (
        <Space>
          <span>今天</span>
          <InputNumber aria-label="起" precision={0} value={rule.fromDays} disabled={disabled} onChange={(v) => set({ fromDays: num(v) })} />
          <span>到</span>
          <InputNumber aria-label="止" precision={0} value={rule.toDays} disabled={disabled} onChange={(v) => set({ toDays: num(v) })} />
          <span>天（负数为已过期）</span>
        </Space>
      );
      break;
    case 'expiringPoints':
      inputs = (
        <Space>
          <InputNumber aria-label="天数" min={0} precision={0} value={rule.withinDays} disabled={disabled} onChange={(v) => set({ withinDays: num(v) })} />
          <span>天内过期的积分 ≥</span>
          <InputNumber aria-label="积分" min={1} precision={0} value={rule.min} disabled={disabled} onChange={(v) => set({ min: num(v) })} />
        </Space>
      );
      break;
    case 'inviter':
      inputs = (
        <Space>
          <Radio.Group value={rule.invited} disabled={disabled} onChange={(e) => set({ invited: e.target.value, inviteCode: undefined })} options={[{ label: '由好友邀请', value: true }, { label: '非邀请', value: false }]} />
          {rule.invited && (
            <Input aria-label="邀请人邀请码" style={{ width: 160 }} placeholder="邀请人邀请码（可选）" allowClear value={rule.inviteCode} disabled={disabled}
              onChange={(e) => set({ inviteCode: e.target.value.trim() || undefined })} />
          )}
        </Space>
      );
      break;
  }

  return (
    <Space wrap style={{ width: '100%', marginBottom: 8 }} data-testid="audience-rule">
      <Select<AudienceRuleKind> style={{ width: 140 }} value={rule.kind} disabled={disabled} onChange={(k) => onChange(newRule(k))}
        options={AUDIENCE_RULE_KINDS.map((k) => ({ value: k, label: RULE_LABELS[k] }))} />
      {inputs}
      {!disabled && <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除条件" onClick={onRemove} />}
    </Space>
  );
}
