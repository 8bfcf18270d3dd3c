import { useState } from 'react';
import { Avatar, Card, Input, Table, Tag } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { TIER_LABELS, type AdminMemberRow } from '@mall/shared';
import { fetchMembers, MemberQuery } from './service';
import { MemberPointsDrawer } from './components/MemberPointsDrawer';
import { api, call } from '../../api/client';

dayjs.extend(utc);
dayjs.extend(timezone);
const STORE_TZ = 'Asia/Shanghai';
const formatTime = (iso?: string | null) => (iso ? dayjs(iso).tz(STORE_TZ).format('YYYY-MM-DD HH:mm') : '—');
const TIER_COLORS = { normal: 'default', silver: 'geekblue', gold: 'gold', diamond: 'purple' } as const;

export default function MembersPage() {
  const [query, setQuery] = useState<MemberQuery>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQuery({ queryKey: ['members', query], queryFn: () => fetchMembers(query), placeholderData: keepPreviousData });
  const { data: me } = useQuery({ queryKey: ['me'], queryFn: () => call(api.GET('/api/admin/me')) });
  const [selected, setSelected] = useState<AdminMemberRow | null>(null);

  return (
    <Card
      title="会员管理"
      extra={
        <Input.Search
          placeholder="搜索昵称或会员ID"
          allowClear
          style={{ width: 280 }}
          onSearch={(q) => setQuery((prev) => ({ ...prev, page: 1, q: q.trim() || undefined }))}
        />
      }
    >
      <div data-testid="members-table">
        <Table<AdminMemberRow>
          rowKey="id"
          loading={isFetching}
          onRow={(m) => ({ onClick: () => setSelected(m), style: { cursor: 'pointer' } })}
          dataSource={data?.items ?? []}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 位会员`,
            onChange: (page, pageSize) => setQuery((prev) => ({ ...prev, page, pageSize })),
          }}
          columns={[
            {
              title: '会员',
              dataIndex: 'nickname',
              render: (_, m) => (
                <span>
                  <Avatar size="small" src={m.avatarUrl || undefined} icon={<UserOutlined />} style={{ marginRight: 8 }} />
                  {m.nickname}
                </span>
              ),
            },
            { title: '会员ID', dataIndex: 'id', ellipsis: true, width: 300 },
            { title: '等级', dataIndex: 'tier', render: (t: AdminMemberRow['tier']) => <Tag color={TIER_COLORS[t]}>{TIER_LABELS[t]}</Tag> },
            { title: '积分', dataIndex: 'points', align: 'right' },
            { title: '手机号', dataIndex: 'phoneMasked', render: (p?: string | null) => p ?? '—' },
            { title: '加入时间', dataIndex: 'joinedAt', render: formatTime },
            { title: '最近活跃', dataIndex: 'lastActiveAt', render: formatTime },
          ]}
        />
      </div>
      <MemberPointsDrawer member={selected} canAdjust={me?.role === 'owner' || me?.role === 'operator'} onClose={() => setSelected(null)} />
    </Card>
  );
}
