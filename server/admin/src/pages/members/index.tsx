import { useMemo, useState } from 'react';
import { Avatar, Card, Table, Tag } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { UserOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { PLATFORM_LABELS, TIER_LABELS, fenToYuan, type AdminMemberRow } from '@mall/shared';
import { fetchMembers, filtersOf, queryFromSearch, searchFromQuery, type MemberFilters, type MemberListQuery } from './service';
import { MemberFilterForm } from './components/MemberFilterForm';
import { ExportMembers } from './components/ExportMembers';
import { MemberPointsDrawer } from './components/MemberPointsDrawer';
import { api, call } from '../../api/client';

dayjs.extend(utc);
dayjs.extend(timezone);
const STORE_TZ = 'Asia/Shanghai';
const formatTime = (iso?: string | null) => (iso ? dayjs(iso).tz(STORE_TZ).format('YYYY-MM-DD HH:mm') : '—');
const TIER_COLORS = { normal: 'default', silver: 'geekblue', gold: 'gold', diamond: 'purple' } as const;
const SORT_FIELDS: Record<string, MemberListQuery['sort']> = { points: 'points', spendFen: 'spend', paidOrders: 'orders', joinedAt: 'joinedAt', lastActiveAt: 'lastActiveAt' };

export default function MembersPage() {
  const [search, setSearch] = useSearchParams();
  const query = useMemo(() => queryFromSearch(search), [search]);
  const filters = useMemo(() => filtersOf(query), [query]);
  const setQuery = (next: Partial<MemberListQuery>) => setSearch(searchFromQuery(next), { replace: false });
  const { data, isFetching } = useQuery({ queryKey: ['members', query], queryFn: () => fetchMembers(query), placeholderData: keepPreviousData });
  const { data: me } = useQuery({ queryKey: ['me'], queryFn: () => call(api.GET('/api/admin/me')) });
  const [selected, setSelected] = useState<AdminMemberRow | null>(null);
  const sortOrder = (field: string) => (SORT_FIELDS[field] === (query.sort ?? 'joinedAt') ? (query.order === 'asc' ? 'ascend' : 'descend') : null);

  return (
    <Card
      title="会员管理"
      extra={<ExportMembers filters={filters} matched={data?.total ?? 0} canUnmask={me?.role === 'owner'} />}
    >
      <MemberFilterForm value={filters} onChange={(f: MemberFilters) => setQuery({ ...f, pageSize: query.pageSize, sort: query.sort, order: query.order })} />
      <div data-testid="members-table">
        <Table<AdminMemberRow>
          rowKey="id"
          loading={isFetching}
          onRow={(m) => ({ onClick: () => setSelected(m), style: { cursor: 'pointer' } })}
          dataSource={data?.items ?? []}
          onChange={(pagination, _filters, sorter) => {
            const s = sorter as SorterResult<AdminMemberRow>;
            const sort = s.order ? SORT_FIELDS[String(s.field)] : undefined;
            const sortChanged = sort !== query.sort || (s.order === 'ascend' ? 'asc' : 'desc') !== (query.order ?? 'desc');
            setQuery({
              ...filters,
              page: sortChanged ? 1 : pagination.current,
              pageSize: pagination.pageSize,
              sort,
              order: s.order ? (s.order === 'ascend' ? 'asc' : 'desc') : undefined,
            });
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 位会员`,
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
            { title: '会员ID', dataIndex: 'id', ellipsis: true, width: 180 },
            { title: '等级', dataIndex: 'tier', render: (t: AdminMemberRow['tier']) => <Tag color={TIER_COLORS[t]}>{TIER_LABELS[t]}</Tag> },
            { title: '积分', dataIndex: 'points', align: 'right', sorter: true, sortOrder: sortOrder('points') },
            { title: '累计消费(元)', dataIndex: 'spendFen', align: 'right', sorter: true, sortOrder: sortOrder('spendFen'), render: (f: number) => fenToYuan(f) },
            { title: '支付订单', dataIndex: 'paidOrders', align: 'right', sorter: true, sortOrder: sortOrder('paidOrders') },
            { title: '手机号', dataIndex: 'phoneMasked', render: (p?: string | null) => p ?? '—' },
            { title: '平台', dataIndex: 'platform', render: (p: AdminMemberRow['platform']) => (p ? PLATFORM_LABELS[p] : '—') },
            { title: '加入时间', dataIndex: 'joinedAt', render: formatTime, sorter: true, sortOrder: sortOrder('joinedAt') },
            { title: '最近活跃', dataIndex: 'lastActiveAt', render: formatTime, sorter: true, sortOrder: sortOrder('lastActiveAt') },
          ]}
        />
      </div>
      <MemberPointsDrawer member={selected} canAdjust={me?.role === 'owner' || me?.role === 'operator'} onClose={() => setSelected(null)} />
    </Card>
  );
}
