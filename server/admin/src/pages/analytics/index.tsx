import { useState } from 'react';
import { Select, Space, Tabs } from 'antd';
import { TIER_CODES, TIER_LABELS, addDays, storeDate } from '@mall/shared';
import type { TierCode } from '@mall/shared';
import { DevicesTab } from './components/DevicesTab';
import { VisitsTab } from './components/VisitsTab';
import { RetentionTab } from './components/RetentionTab';
import { SegmentsTab } from './components/SegmentsTab';
import type { RangeFilter } from './service';

const RANGES = [7, 30, 90];

/** Store days up to yesterday (today is rolled up tomorrow). */
function lastDays(days: number): RangeFilter {
  const to = addDays(storeDate(Date.now()), -1);
  return { from: addDays(to, -(days - 1)), to };
}

export default function AnalyticsPage() {
  const [days, setDays] = useState(30);
  const [tier, setTier] = useState<TierCode | undefined>();
  const range = lastDays(days);
  const filters = (withTier: boolean) => (
    <Space style={{ marginBottom: 16 }}>
      <Select value={days} onChange={setDays} style={{ width: 120 }} options={RANGES.map((d) => ({ value: d, label: `近 ${d} 天` }))} data-testid="range-select" />
      {withTier && (
        <Select allowClear placeholder="全部等级" value={tier} onChange={setTier} style={{ width: 120 }} options={TIER_CODES.map((t) => ({ value: t, label: TIER_LABELS[t] }))} />
      )}
    </Space>
  );
  return (
    <Tabs
      destroyInactiveTabPane
      items={[
        { key: 'devices', label: '设备', children: <>{filters(true)}<DevicesTab range={range} tier={tier} /></> },
        { key: 'visits', label: '访问', children: <>{filters(false)}<VisitsTab range={range} /></> },
        { key: 'retention', label: '留存', children: <RetentionTab /> },
        { key: 'segments', label: '分群', children: <SegmentsTab /> },
      ]}
    />
  );
}
