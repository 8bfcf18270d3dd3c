import { Tag } from 'antd';

const LABELS: Record<string, string> = {
  q: '搜索', tier: '等级', joinedFrom: '注册起', joinedTo: '注册止', activeFrom: '活跃起', activeTo: '活跃止', segment: '分群',
  pointsMin: '积分≥', pointsMax: '积分≤', spendMinFen: '消费(分)≥', spendMaxFen: '消费(分)≤', ordersMin: '订单≥', ordersMax: '订单≤',
  hasPhone: '有手机号', inviterId: '邀请人', platform: '平台', audienceId: '受众',
};

/** Export filters as small tags ("全部会员" when none). */
export function FilterTags({ filters }: { filters: Record<string, string | number> }) {
  const entries = Object.entries(filters);
  if (!entries.length) return <span>全部会员</span>;
  return (
    <>
      {entries.map(([k, v]) => (
        <Tag key={k}>
          {LABELS[k] ?? k}: {String(v)}
        </Tag>
      ))}
    </>
  );
}
