import { useMemo } from 'react';
import { Card, Col, Row, Statistic, Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { fenToYuan } from '@mall/shared';
import { EChart } from '../../components/EChart';
import { fetchPointsEconomy, type PointsEconomy } from './service';

const SERIES = [
  { key: 'issued', name: '发放', color: '#1677ff' },
  { key: 'spent', name: '使用', color: '#52c41a' },
  { key: 'expired', name: '过期', color: '#faad14' },
] as const;

/** Points issued / spent / expired per store month, what members hold and what it would cost the mall. */
export default function PointsEconomyPage() {
  const { data, isLoading } = useQuery({ queryKey: ['points-economy'], queryFn: fetchPointsEconomy });
  const option = useMemo(() => chartOption(data), [data]);
  const hint = (title: string, text: string) => (
    <span>
      {title} <Tooltip title={text}><QuestionCircleOutlined /></Tooltip>
    </span>
  );

  return (
    <Card title="积分经济">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6} data-testid="economy-outstanding">
          <Statistic title={hint('未使用积分', '会员当前持有的积分总数')} value={data?.outstandingPoints ?? 0} loading={isLoading} />
        </Col>
        <Col span={6} data-testid="economy-liability">
          <Statistic
            title={hint('积分负债（元）', `按积分抵现比例（${data?.pointsPer5Yuan ?? 100} 积分 = 5 元）折算，向下取整到分`)}
            value={data ? fenToYuan(data.liabilityFen) : '0.00'}
            prefix="¥"
            loading={isLoading}
          />
        </Col>
        <Col span={6} data-testid="economy-breakage">
          <Statistic
            title={hint('积分沉淀率', '近 12 个月过期积分 ÷ 近 12 个月发放积分')}
            value={data?.breakageRate == null ? '—' : `${(data.breakageRate * 100).toFixed(1)}%`}
            loading={isLoading}
          />
        </Col>
        <Col span={6} data-testid="economy-issued">
          <Statistic title="近 12 个月发放 / 过期" value={data ? `${data.issued12m} / ${data.expired12m}` : '—'} loading={isLoading} />
        </Col>
      </Row>
      <EChart option={option} height={340} testId="economy-chart" />
      <div style={{ color: '#888' }}>
        按门店时区自然月统计。发放：签到、连签、邀请、新人礼、生日、会员日、营销活动和后台加分；使用：下单、兑换、补签，扣除退款和取消订单退回的积分。
      </div>
    </Card>
  );
}

function chartOption(data: PointsEconomy | undefined) {
  const months = data?.months ?? [];
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: SERIES.map((s) => s.name) },
    grid: { left: 56, right: 24, bottom: 32, top: 40 },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', name: '积分', minInterval: 1 },
    series: SERIES.map((s) => ({ name: s.name, type: 'bar', itemStyle: { color: s.color }, data: months.map((m) => m[s.key]) })),
  };
}
