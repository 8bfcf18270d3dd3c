import { useMemo } from 'react';
import { Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { EChartsCoreOption } from 'echarts/core';
import { EChart } from '../../../components/EChart';
import { fetchDevices, type RangeFilter, type TierCode } from '../service';

type Item = { value: string; members: number };

const PLATFORM_LABELS: Record<string, string> = { ios: 'iOS', android: 'Android', windows: 'Windows', mac: 'Mac', devtools: '开发者工具', ohos: '鸿蒙', h5: 'H5', unknown: '未知' };

const pie = (items: Item[], label = (v: string) => v) => ({
  tooltip: { trigger: 'item', formatter: '{b}: {c} 人 ({d}%)' },
  legend: { bottom: 0, type: 'scroll' },
  series: [{ type: 'pie', radius: ['35%', '65%'], data: items.map((i) => ({ name: label(i.value), value: i.members })) }],
});

const bars = (items: Item[]) => ({
  tooltip: { trigger: 'axis' },
  grid: { left: 120, right: 24, top: 8, bottom: 24 },
  xAxis: { type: 'value', minInterval: 1 },
  yAxis: { type: 'category', inverse: true, data: items.map((i) => i.value) },
  series: [{ type: 'bar', name: '会员数', data: items.map((i) => i.members) }],
});

export function DevicesTab({ range, tier }: { range: RangeFilter; tier?: TierCode }) {
  const { data, isLoading } = useQuery({ queryKey: ['analytics-devices', range, tier], queryFn: () => fetchDevices(range, tier) });
  const options = useMemo(
    () =>
      data && {
        platforms: pie(data.platforms, (v) => PLATFORM_LABELS[v] ?? v),
        brands: bars(data.brands),
        models: bars(data.models),
        systems: bars(data.systems),
        wechat: bars(data.wechatVersions),
        network: pie(data.networkTypes),
      },
    [data],
  );
  if (isLoading || !data || !options) return <Skeleton active />;
  if (!data.members) return <Empty description="所选时间内没有设备数据" />;
  const chart = (title: string, option: EChartsCoreOption, testId: string) => (
    <Col xs={24} md={12} style={{ marginBottom: 16 }}>
      <Card title={title}>
        <EChart option={option} height={280} testId={testId} />
      </Card>
    </Col>
  );
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Statistic title="活跃会员（按设备统计）" value={data.members} suffix="人" />
      </Card>
      <Row gutter={16}>
        {chart('平台占比', options.platforms, 'platform-chart')}
        {chart('网络类型', options.network, 'network-chart')}
        {chart('热门品牌', options.brands, 'brand-chart')}
        {chart('热门机型', options.models, 'model-chart')}
        {chart('系统版本', options.systems, 'system-chart')}
        {chart('微信版本', options.wechat, 'wechat-chart')}
      </Row>
    </>
  );
}
