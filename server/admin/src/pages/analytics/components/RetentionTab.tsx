import { useMemo } from 'react';
import { Card, Col, Row, Skeleton, Statistic, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { EChart } from '../../../components/EChart';
import { fetchRetention } from '../service';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toFixed(2)}`);

export function RetentionTab() {
  const { data, isLoading } = useQuery({ queryKey: ['analytics-retention'], queryFn: fetchRetention });
  const heatmap = useMemo(() => {
    if (!data) return null;
    const width = data.cohorts.length;
    const cells: [number, number, number][] = [];
    data.cohorts.forEach((c, y) => (c.retention ?? []).forEach((v, x) => v !== null && cells.push([x, y, Math.round(v * 1000) / 10])));
    return {
      tooltip: { formatter: (p: { value: [number, number, number] }) => `${data.cohorts[p.value[1]].cohort} 第 ${p.value[0]} 月：${p.value[2]}%` },
      grid: { left: 120, right: 24, top: 16, bottom: 64 },
      xAxis: { type: 'category', data: Array.from({ length: width }, (_, i) => `第 ${i} 月`), splitArea: { show: true } },
      yAxis: { type: 'category', inverse: true, data: data.cohorts.map((c) => `${c.cohort}（${c.size} 人）`), splitArea: { show: true } },
      visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f0f5ff', '#1d39c4'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: true, formatter: (p: { value: [number, number, number] }) => `${p.value[2]}%` } }],
    };
  }, [data]);
  if (isLoading || !data || !heatmap) return <Skeleton active />;
  const o = data.orders;
  const stat = (title: string, value: string, hint: string) => (
    <Col xs={12} md={6} style={{ marginBottom: 16 }}>
      <Card>
        <Tooltip title={hint}>
          <Statistic title={title} value={value} />
        </Tooltip>
      </Card>
    </Col>
  );
  return (
    <>
      <Row gutter={16}>
        {stat('签到率（近 30 天）', pct(data.checkinRate.rate), `${data.checkinRate.checkedIn} 位签到 / ${data.checkinRate.active} 位活跃`)}
        {stat('积分使用率', pct(data.pointsUsage.rate), `已使用 ${data.pointsUsage.spent} / 已发放 ${data.pointsUsage.issued}`)}
        {stat('复购率', pct(o.repurchaseRate), `${o.purchasers} 位下单会员中下单 2 次及以上的比例`)}
        {stat('客单价', yuan(o.aovFen), `${o.paidOrders} 笔已支付订单的平均实付`)}
        {stat('购买频次（年）', o.purchaseFrequency === null ? '—' : o.purchaseFrequency.toFixed(2), '近 365 天订单数 / 近 365 天下单会员数')}
        {stat('平均生命周期', o.lifespanYears === null ? '—' : `${o.lifespanYears.toFixed(2)} 年`, '首次支付到最后活跃的平均时长')}
        {stat('客户终身价值', yuan(o.clvFen), '客单价 × 购买频次 × 生命周期')}
      </Row>
      <Card title="月度留存（按加入月份）">
        <EChart option={heatmap} height={340} testId="cohort-heatmap" />
      </Card>
    </>
  );
}
