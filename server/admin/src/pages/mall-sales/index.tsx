import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Row, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { EChart } from '../../components/EChart';
import { fetchSales, type SalesReport } from './service';

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Sales by store day: paid orders (not refunded), cash revenue and points redeemed, and the best sellers. */
export default function MallSalesPage() {
  // Until the merchant picks a range the server's default applies: the last 30 store days (store time zone, not the browser's).
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const from = range?.[0].format('YYYY-MM-DD');
  const to = range?.[1].format('YYYY-MM-DD');
  const { data, isLoading } = useQuery({ queryKey: ['mall-sales', from, to], queryFn: () => fetchSales(from, to) });
  const option = useMemo(() => chartOption(data), [data]);

  return (
    <>
      <Card
        title="销售数据"
        extra={
          <DatePicker.RangePicker
            allowClear={false}
            value={range ?? (data ? [dayjs(data.from), dayjs(data.to)] : null)}
            disabledDate={(d) => d.isAfter(dayjs().add(1, 'day'), 'day')}
            onChange={(v) => v?.[0] && v?.[1] && setRange([v[0], v[1]])}
          />
        }
      >
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col span={8} data-testid="sales-orders"><Statistic title="支付订单" value={data?.totals.orders ?? 0} loading={isLoading} /></Col>
          <Col span={8}><Statistic title="现金收入（元）" value={yuan(data?.totals.revenueFen ?? 0)} loading={isLoading} /></Col>
          <Col span={8}><Statistic title="兑换积分" value={data?.totals.pointsRedeemed ?? 0} loading={isLoading} /></Col>
        </Row>
        <EChart option={option} height={320} testId="sales-chart" />
        <div style={{ color: '#888' }}>按门店时区自然日统计已支付且未退款的订单。</div>
      </Card>
      <Card title="热销商品" style={{ marginTop: 16 }}>
        <Table
          rowKey="itemId"
          pagination={false}
          loading={isLoading}
          dataSource={data?.topItems ?? []}
          columns={[
            { title: '商品', dataIndex: 'name' },
            { title: '销量', dataIndex: 'quantity' },
            { title: '现金（元）', render: (_, i) => yuan(i.revenueFen) },
            { title: '积分', dataIndex: 'points' },
          ]}
        />
      </Card>
    </>
  );
}

function chartOption(data: SalesReport | undefined) {
  const days = data?.days ?? [];
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['支付订单', '现金收入（元）', '兑换积分'] },
    grid: { left: 48, right: 56, bottom: 32, top: 40 },
    xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)) },
    yAxis: [
      { type: 'value', name: '订单 / 积分', minInterval: 1 },
      { type: 'value', name: '元' },
    ],
    series: [
      { name: '支付订单', type: 'bar', data: days.map((d) => d.orders) },
      { name: '现金收入（元）', type: 'line', yAxisIndex: 1, smooth: true, data: days.map((d) => Number(yuan(d.revenueFen))) },
      { name: '兑换积分', type: 'line', data: days.map((d) => d.pointsRedeemed) },
    ],
  };
}
