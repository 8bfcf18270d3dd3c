import { useMemo } from 'react';
import { Card, Col, Row, Skeleton, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { EChart } from '../../../components/EChart';
import { fetchVisits, type RangeFilter, type VisitsFigures } from '../service';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const SCENES: Record<number, string> = { 0: '未知', 1001: '发现栏小程序主入口', 1007: '单人聊天会话卡片', 1008: '群聊会话卡片', 1011: '扫描二维码', 1047: '扫描小程序码', 1053: '搜一搜', 1089: '微信聊天主界面下拉', 1256: '我的小程序' };

const bar = (labels: string[], values: number[], name: string) => ({
  tooltip: { trigger: 'axis' },
  grid: { left: 48, right: 16, top: 16, bottom: 32 },
  xAxis: { type: 'category', data: labels },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', name, data: values }],
});

export function VisitsTab({ range }: { range: RangeFilter }) {
  const { data, isLoading } = useQuery({ queryKey: ['analytics-visits', range], queryFn: () => fetchVisits(range) });
  const options = useMemo(() => {
    if (!data) return null;
    return {
      hours: bar(data.byHour.map((_, h) => `${h}时`), data.byHour, '平均活跃会员'),
      weekdays: bar(WEEKDAYS, data.byWeekday, '平均日活'),
      trend: {
        tooltip: { trigger: 'axis' },
        legend: { data: ['日活 DAU', '周活 WAU', '月活 MAU'] },
        grid: { left: 48, right: 16, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: data.trend.map((d) => d.day.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: (['dau', 'wau', 'mau'] as const).map((k, i) => ({ name: ['日活 DAU', '周活 WAU', '月活 MAU'][i], type: 'line', smooth: true, data: data.trend.map((d) => d[k]) })),
      },
      scenes: {
        tooltip: { trigger: 'item', formatter: '{b}: {c} 次 ({d}%)' },
        legend: { bottom: 0, type: 'scroll' },
        series: [{ type: 'pie', radius: ['35%', '65%'], data: data.scenes.map((s) => ({ name: `${SCENES[s.scene] ?? '场景'} ${s.scene}`, value: s.launches })) }],
      },
    };
  }, [data]);
  if (isLoading || !data || !options) return <Skeleton active />;
  type Page = VisitsFigures['pages'][number];
  return (
    <Row gutter={16}>
      <Col xs={24} style={{ marginBottom: 16 }}>
        <Card title="DAU / WAU / MAU 趋势"><EChart option={options.trend} height={300} testId="active-trend-chart" /></Card>
      </Col>
      <Col xs={24} md={12} style={{ marginBottom: 16 }}>
        <Card title="活跃时段（门店时区）"><EChart option={options.hours} height={260} testId="hour-chart" /></Card>
      </Col>
      <Col xs={24} md={12} style={{ marginBottom: 16 }}>
        <Card title="按星期的平均日活"><EChart option={options.weekdays} height={260} testId="weekday-chart" /></Card>
      </Col>
      <Col xs={24} md={10} style={{ marginBottom: 16 }}>
        <Card title="启动场景"><EChart option={options.scenes} height={300} testId="scene-chart" /></Card>
      </Col>
      <Col xs={24} md={14} style={{ marginBottom: 16 }}>
        <Card title="页面访问">
          <Table<Page>
            size="small"
            rowKey="page"
            pagination={{ pageSize: 8 }}
            dataSource={data.pages}
            columns={[
              { title: '页面', dataIndex: 'page' },
              { title: '浏览', dataIndex: 'views' },
              { title: '平均停留', dataIndex: 'avgDwellMs', render: (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} 秒`) },
              { title: '入口次数', dataIndex: 'entries' },
              { title: '退出次数', dataIndex: 'exits' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
