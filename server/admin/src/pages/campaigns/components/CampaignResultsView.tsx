import { Alert, Button, Card, Col, Descriptions, Row, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { STATUS_LABELS, describeTrigger, pct, pp, yuan } from '../labels';
import { fetchCampaign, fetchCampaignResults, type CampaignResults } from '../service';

type Group = CampaignResults['treated'];

/** One campaign's results: reach, offers, and conversion of the treated group against the holdout. */
export function CampaignResultsView({ id, onBack }: { id: string; onBack: () => void }) {
  const campaign = useQuery({ queryKey: ['campaign', id], queryFn: () => fetchCampaign(id) });
  const { data: r, isLoading } = useQuery({ queryKey: ['campaign-results', id], queryFn: () => fetchCampaignResults(id) });
  const c = campaign.data;
  const stat = (title: string, value: number | string | undefined, testId: string) => (
    <Col span={4} data-testid={testId}><Statistic title={title} value={value ?? 0} loading={isLoading} /></Col>
  );
  const groups: { key: string; label: string; g: Group }[] = r ? [{ key: 'treated', label: '实验组（已发送）', g: r.treated }, { key: 'holdout', label: '对照组（未发送）', g: r.holdoutGroup }] : [];

  return (
    <Card
      title={<><Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label="返回活动列表" /> 活动效果{c ? `：${c.name}` : ''}</>}
      extra={c && <Tag color={STATUS_LABELS[c.status].color}>{STATUS_LABELS[c.status].label}</Tag>}
    >
      {c && (
        <Typography.Paragraph type="secondary">
          {describeTrigger(c.trigger)}；对照组 {c.holdoutPct}%；归因窗口 {r?.attributionDays ?? c.attributionDays} 天（发送后该天数内的支付订单计入）
        </Typography.Paragraph>
      )}
      <Row gutter={16} style={{ marginBottom: 24 }}>
        {stat('受众人数', r?.audienceSize, 'result-audience')}
        {stat('已发送', r?.sent, 'result-sent')}
        {stat('对照组', r?.holdout, 'result-holdout')}
        {stat('打开', r?.opened, 'result-opened')}
        {stat('领取优惠', r?.offersClaimed, 'result-claimed')}
        {stat('使用优惠', r?.offersUsed, 'result-used')}
      </Row>
      <Table
        rowKey="key"
        pagination={false}
        loading={isLoading}
        dataSource={groups}
        columns={[
          { title: '分组', dataIndex: 'label' },
          { title: '会员数', render: (_, x) => x.g.members },
          { title: '下单会员', render: (_, x) => x.g.convertedMembers },
          { title: '转化率', render: (_, x) => <span data-testid={`conversion-${x.key}`}>{pct(x.g.conversionRate)}</span> },
          { title: '订单数', render: (_, x) => x.g.orders },
          { title: '收入', render: (_, x) => <span data-testid={`revenue-${x.key}`}>{yuan(x.g.revenueFen)}</span> },
        ]}
      />
      <div style={{ marginTop: 24 }} data-testid="campaign-lift">
        {r && !r.lift && <Alert type="info" showIcon message="实验组或对照组暂无会员，还不能计算提升" />}
        {r?.lift && (
          <Descriptions title="转化提升（实验组 − 对照组）" bordered column={2} size="small">
            <Descriptions.Item label="提升">{pp(r.lift.difference)}</Descriptions.Item>
            <Descriptions.Item label="相对提升">{pct(r.lift.relativeLift)}</Descriptions.Item>
            <Descriptions.Item label="95% 置信区间">
              {pp(r.lift.ci95[0])} ～ {pp(r.lift.ci95[1])}
            </Descriptions.Item>
            <Descriptions.Item label="结论">
              {r.lift.significant
                ? <Tag color="success">显著（区间不含 0）</Tag>
                : <Tag>不显著（区间包含 0，可能只是随机波动）</Tag>}
            </Descriptions.Item>
          </Descriptions>
        )}
      </div>
    </Card>
  );
}
