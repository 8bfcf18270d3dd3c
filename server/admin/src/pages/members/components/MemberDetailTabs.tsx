import { Descriptions, Empty, Table, Tag } from 'antd';
import type { TabsProps } from 'antd';
import { PLATFORM_LABELS, TIER_LABELS, fenToYuan, type MemberPlatform, type Schemas } from '@mall/shared';

type Detail = Schemas['AdminMemberDetailResponse'];
const time = (iso?: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—');
const TIER_REASONS: Record<string, string> = { upgrade: '升级', review_downgrade: '年度复核降级', admin: '商家调整' };
const DAY_STATES: Record<string, { label: string; color: string }> = {
  checked: { label: '已签', color: 'green' },
  made_up: { label: '补签', color: 'blue' },
  missed: { label: '漏签', color: 'default' },
  today: { label: '今天', color: 'gold' },
  future: { label: '', color: 'default' },
};

/** The member's profile line and the detail tabs after the points tab (tier, coupons, orders, …). */
export function MemberProfile({ detail }: { detail?: Detail }) {
  if (!detail) return null;
  const p = detail.profile;
  return (
    <Descriptions column={2} size="small" style={{ marginBottom: 8 }} data-testid="member-profile">
      <Descriptions.Item label="邀请码">{p.inviteCode}</Descriptions.Item>
      <Descriptions.Item label="生日">{p.birthday ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="邀请人">{p.inviterId ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="注册时间">{time(p.joinedAt)}</Descriptions.Item>
      <Descriptions.Item label="最近活跃">{time(p.lastActiveAt)}</Descriptions.Item>
      <Descriptions.Item label="本月签到">{`连续 ${detail.checkinCalendar.streak} 天`}</Descriptions.Item>
    </Descriptions>
  );
}

export function detailTabs(detail: Detail | undefined): NonNullable<TabsProps['items']> {
  if (!detail) return [];
  return [
    {
      key: 'tiers',
      label: '等级变化',
      children: (
        <Table size="small" rowKey={(r) => r.createdAt + r.toTier} pagination={false} dataSource={detail.tierHistory} columns={[
          { title: '时间', dataIndex: 'createdAt', render: time },
          { title: '变化', key: 'change', render: (_, r) => `${TIER_LABELS[r.fromTier]} → ${TIER_LABELS[r.toTier]}` },
          { title: '原因', dataIndex: 'reason', render: (r: string) => TIER_REASONS[r] ?? r },
          { title: '近12月成长值', dataIndex: 'growth12m' },
        ]} />
      ),
    },
    {
      key: 'coupons',
      label: `优惠券 (${detail.coupons.length})`,
      children: (
        <Table size="small" rowKey="id" pagination={false} dataSource={detail.coupons} columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '状态', dataIndex: 'state', render: (s: string) => ({ unused: '未使用', used: '已使用', expired: '已过期' })[s] ?? s },
          { title: '有效期至', dataIndex: 'validTo', render: time },
        ]} />
      ),
    },
    {
      key: 'orders',
      label: `订单 (${detail.ordersTotal})`,
      children: (
        <Table size="small" rowKey="id" pagination={false} dataSource={detail.orders} columns={[
          { title: '下单时间', dataIndex: 'createdAt', render: time },
          { title: '状态', dataIndex: 'status' },
          { title: '实付(元)', dataIndex: 'cashDueFen', render: (f: number) => fenToYuan(f) },
          { title: '积分', dataIndex: 'pointsUsed' },
        ]} />
      ),
    },
    {
      key: 'checkins',
      label: '签到日历',
      children: (
        <div data-testid="member-calendar" style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 4 }}>
          {detail.checkinCalendar.days.map((d) => (
            <Tag key={d.date} color={DAY_STATES[d.state]?.color} style={{ textAlign: 'center', margin: 0 }}>
              {d.date.slice(8)} {DAY_STATES[d.state]?.label}
            </Tag>
          ))}
        </div>
      ),
    },
    {
      key: 'invitations',
      label: `邀请 (${detail.invitations.length})`,
      children: (
        <Table size="small" rowKey="friendId" pagination={false} dataSource={detail.invitations} columns={[
          { title: '好友', dataIndex: 'friendNickname' },
          { title: '绑定时间', dataIndex: 'boundAt', render: time },
          { title: '状态', dataIndex: 'state' },
          { title: '奖励积分', dataIndex: 'rewardPoints' },
        ]} />
      ),
    },
    {
      key: 'devices',
      label: '设备',
      children: detail.devices.length ? (
        <Table size="small" rowKey="lastLoginAt" pagination={false} dataSource={detail.devices} columns={[
          { title: '平台', dataIndex: 'platform', render: (p: MemberPlatform | null) => (p ? PLATFORM_LABELS[p] : '—') },
          { title: '设备指纹', dataIndex: 'deviceFingerprint', render: (f: string | null) => f ?? '—' },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: time },
        ]} />
      ) : (
        <Empty description="暂无设备" />
      ),
    },
  ];
}
