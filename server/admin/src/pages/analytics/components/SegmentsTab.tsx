import { useState } from 'react';
import { Button, Card, Skeleton, Space, Table, Typography, message } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { session } from '../../../api/session';
import { fetchSegments, type SegmentsFigures } from '../service';

type Segment = SegmentsFigures['items'][number];

/** The shared definitions (shared/src/analytics/segments.ts), in words for the merchant. */
const DEFINITIONS: Record<string, string> = {
  active: '近 30 天内活跃过',
  dormant_30: '30 天以上未活跃（或从未活跃）',
  dormant_60: '60 天以上未活跃（或从未活跃）',
  dormant_90: '90 天以上未活跃（或从未活跃）',
  high_value: '累计实付（已支付未退款）位于消费会员的前 10%',
  at_risk: '此前 90 天签到至少 4 次，近 30 天签到不足此前月均的一半',
};

/** Downloads through fetch so the admin token goes along; the file name comes from the server. */
async function download(url: string, key: string): Promise<void> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${session.token() ?? ''}` } });
  if (!res.ok) throw new Error(`导出失败（${res.status}）`);
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `members-${key}.csv`;
  a.click();
  URL.revokeObjectURL(a.href);
}

export function SegmentsTab() {
  const { data, isLoading } = useQuery({ queryKey: ['analytics-segments'], queryFn: fetchSegments });
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  if (isLoading || !data) return <Skeleton active />;
  const exportSegment = async (s: Segment) => {
    setBusy(s.key);
    try {
      await download(s.exportUrl, s.key);
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card>
      <Typography.Paragraph type="secondary">
        高价值门槛：{data.highValueThresholdFen === null ? '暂无消费' : `累计实付 ≥ ¥${(data.highValueThresholdFen / 100).toFixed(2)}`}
      </Typography.Paragraph>
      <Table<Segment>
        rowKey="key"
        pagination={false}
        dataSource={data.items}
        columns={[
          { title: '分群', dataIndex: 'label' },
          { title: '会员数', dataIndex: 'count', render: (n: number, s) => <span data-testid={`segment-count-${s.key}`}>{n}</span> },
          { title: '定义', dataIndex: 'key', render: (key: string) => <Typography.Text type="secondary">{DEFINITIONS[key] ?? key}</Typography.Text> },
          {
            title: '操作',
            render: (_, s) => (
              <Space>
                <Button size="small" onClick={() => navigate(s.membersUrl.replace(/^\/admin/, ''))}>查看会员</Button>
                <Button size="small" icon={<DownloadOutlined />} loading={busy === s.key} onClick={() => void exportSegment(s)}>导出 CSV</Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
