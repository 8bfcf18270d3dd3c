import { useState } from 'react';
import { Modal, Table, Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { TIER_LABELS, type TierCode } from '@mall/shared';
import { fetchAudienceMembers, type Audience } from '../service';
import { CHURN_LABELS } from '../rule-labels';

type Row = Awaited<ReturnType<typeof fetchAudienceMembers>>['items'][number];
const CHURN_COLORS: Record<string, string> = { high: 'red', medium: 'orange', low: 'green', unknown: 'default' };

/** The audience's members, a page at a time, with the prediction that put them there. */
export function AudienceMembers({ audience, onClose }: { audience: Audience | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const { data, isLoading } = useQuery({
    queryKey: ['audience-members', audience?.id, page],
    queryFn: () => fetchAudienceMembers(audience!.id, page),
    enabled: !!audience,
  });
  return (
    <Modal title={audience ? `受众成员：${audience.name}` : ''} open={!!audience} onCancel={() => { setPage(1); onClose(); }} footer={null} width={960} destroyOnClose>
      <Table<Row>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 人` }}
        columns={[
          { title: '昵称', dataIndex: 'nickname' },
          { title: '等级', render: (_, m) => TIER_LABELS[m.tier as TierCode] ?? m.tier },
          { title: '积分', dataIndex: 'points' },
          { title: '订单', dataIndex: 'orders' },
          { title: '消费', render: (_, m) => `¥${(m.spendFen / 100).toFixed(2)}` },
          { title: '最近下单', render: (_, m) => m.lastOrderOn ?? '—' },
          { title: 'RFM', render: (_, m) => m.rfm ?? '—' },
          {
            title: '流失风险',
            render: (_, m) => (
              <Tooltip title={m.churnExplanation}>
                <Tag color={CHURN_COLORS[m.churnRisk]}>{CHURN_LABELS[m.churnRisk]}</Tag>
              </Tooltip>
            ),
          },
          { title: '说明', render: (_, m) => m.churnExplanation ?? '' },
          { title: '预计回购', render: (_, m) => m.nextReplenishOn ?? '—' },
        ]}
      />
    </Modal>
  );
}
