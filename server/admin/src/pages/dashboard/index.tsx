import { useMemo } from 'react';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { TIER_CODES, TIER_LABELS } from '@mall/shared';
import { EChart } from '../../components/EChart';
import { fetchDashboard } from './service';

export default function DashboardPage() {
  const { data, isLoading } = useQuery({ queryKey: ['dashboard'], queryFn: fetchDashboard });

  const tierOption = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: TIER_CODES.map((t) => ({ name: TIER_LABELS[t], value: data?.byTier[t] ?? 0 })),
        },
      ],
    }),
    [data],
  );

  if (isLoading || !data) return <Skeleton active />;
  return (
    <>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Card data-testid="stat-total-members">
            <Statistic title="会员总数" value={data.totalMembers} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="今日新增" value={data.joinedToday} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="近 7 天新增" value={data.joinedLast7Days} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="近 7 天活跃" value={data.activeLast7Days} />
          </Card>
        </Col>
      </Row>
      <Card title="会员等级分布" style={{ marginTop: 16 }}>
        <EChart option={tierOption} height={320} testId="tier-chart" />
      </Card>
    </>
  );
}
