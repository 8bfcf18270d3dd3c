import { PLATFORM_LABELS, TIER_LABELS, type AudienceRule, type AudienceRuleKind, type TierCode } from '@mall/shared';

export const RULE_LABELS: Record<AudienceRuleKind, string> = {
  tier: '会员等级',
  joined: '注册时间',
  lastActive: '最近活跃',
  lastOrder: '最近下单',
  spend: '累计消费',
  orders: '订单数',
  points: '积分余额',
  rfm: 'RFM 评分',
  churnRisk: '流失风险',
  replenishment: '预计回购日',
  expiringPoints: '即将过期积分',
  inviter: '邀请来源',
  platform: '使用平台',
};

export const CHURN_LABELS: Record<string, string> = { unknown: '未知', low: '低', medium: '中', high: '高' };
export const RFM_LABELS: Record<string, string> = { r: '最近购买 R', f: '购买频次 F', m: '消费金额 M' };

/** A blank rule of a kind, with sensible starting values. */
export function newRule(kind: AudienceRuleKind): AudienceRule {
  switch (kind) {
    case 'tier':
      return { kind, in: ['gold'] };
    case 'joined':
    case 'lastActive':
    case 'lastOrder':
      return { kind, daysAgoMax: 30 };
    case 'spend':
    case 'orders':
    case 'points':
      return { kind, min: kind === 'spend' ? 10000 : 1 };
    case 'rfm':
      return { kind, measure: 'r', min: 4, max: 5 };
    case 'churnRisk':
      return { kind, in: ['high'] };
    case 'replenishment':
      return { kind, fromDays: 0, toDays: 7 };
    case 'expiringPoints':
      return { kind, withinDays: 30, min: 100 };
    case 'inviter':
      return { kind, invited: true };
    case 'platform':
      return { kind, in: ['ios'] };
  }
}

const range = (min: number | undefined, max: number | undefined, unit: string, f = (n: number) => String(n)) =>
  min !== undefined && max !== undefined ? `${f(min)}–${f(max)}${unit}` : min !== undefined ? `≥ ${f(min)}${unit}` : `≤ ${f(max!)}${unit}`;

/** One line of Chinese describing a rule, for the list. */
export function describeRule(rule: AudienceRule): string {
  const label = RULE_LABELS[rule.kind];
  switch (rule.kind) {
    case 'tier':
      return `${label}：${rule.in.map((t: TierCode) => TIER_LABELS[t]).join('、')}`;
    case 'joined':
    case 'lastActive':
    case 'lastOrder':
      return `${label}：${range(rule.daysAgoMin, rule.daysAgoMax, ' 天前')}`;
    case 'spend':
      return `${label}：${range(rule.min, rule.max, ' 元', (n) => (n / 100).toFixed(2))}`;
    case 'orders':
    case 'points':
      return `${label}：${range(rule.min, rule.max, '')}`;
    case 'rfm':
      return `${RFM_LABELS[rule.measure]}：${rule.min}–${rule.max} 分`;
    case 'churnRisk':
      return `${label}：${rule.in.map((r) => CHURN_LABELS[r]).join('、')}`;
    case 'replenishment':
      return `${label}：今天 ${rule.fromDays >= 0 ? '+' : ''}${rule.fromDays} 到 ${rule.toDays >= 0 ? '+' : ''}${rule.toDays} 天`;
    case 'expiringPoints':
      return `${rule.withinDays} 天内过期积分 ≥ ${rule.min}`;
    case 'inviter':
      return rule.invited ? '由好友邀请注册' : '非邀请注册';
    case 'platform':
      return `${label}（最近登录）：${rule.in.map((p) => PLATFORM_LABELS[p]).join('、')}`;
  }
}
