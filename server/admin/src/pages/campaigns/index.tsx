import { useState } from 'react';
import { Button, Card, Popconfirm, Space, Table, Tag, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { STATUS_LABELS, describeOffer, describeTrigger } from './labels';
import {
  deleteCampaign, fetchAudiences, fetchCampaigns, fetchCouponTemplates, moveCampaign, type Campaign, type CampaignListItem, type CampaignTransition,
} from './service';
import { CampaignEditor } from './components/CampaignEditor';
import { CampaignResultsView } from './components/CampaignResultsView';
import { SendPolicyCard } from './components/SendPolicyCard';

const MOVED: Record<CampaignTransition, string> = { activate: '活动已启用', pause: '活动已暂停', end: '活动已结束' };


/** 营销活动: the list with activate / pause / end, the editor, each campaign's results, and the send rules. */
export default function CampaignsPage() {
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const resultsOf = params.get('results');
  const { data: me } = useQuery({ queryKey: ['me'], queryFn: () => call(api.GET('/api/admin/me')) });
  const canWrite = me?.role === 'owner' || me?.role === 'operator';
  const { data, isLoading } = useQuery({ queryKey: ['campaigns'], queryFn: fetchCampaigns });
  const audiences = useQuery({ queryKey: ['audiences'], queryFn: fetchAudiences });
  const coupons = useQuery({ queryKey: ['coupon-templates'], queryFn: fetchCouponTemplates });
  const audienceName = (id: string | null) => (id === null ? '全部会员' : audiences.data?.items.find((a) => a.id === id)?.name ?? '（已删除的受众）');
  const couponName = (id: string) => coupons.data?.items.find((c) => c.id === id)?.name;
  const [editing, setEditing] = useState<Campaign | null>(null);
  const [editorOpen, setEditorOpen] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
  const move = useMutation({
    mutationFn: ({ id, to }: { id: string; to: CampaignTransition }) => moveCampaign(id, to),
    onSuccess: (_, { to }) => {
      refresh();
      void message.success(MOVED[to]);
    },
  });
  const remove = useMutation({
    mutationFn: deleteCampaign,
    onSuccess: () => {
      refresh();
      void message.success('活动已删除');
    },
  });
  const edit = (c: Campaign | null) => {
    setEditing(c);
    setEditorOpen(true);
  };

  if (resultsOf) return <CampaignResultsView id={resultsOf} onBack={() => setParams({})} />;

  return (
    <>
      <Card title="营销活动" extra={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(null)}>新建活动</Button>}>
        <Table<CampaignListItem>
          rowKey="id"
          loading={isLoading}
          dataSource={data?.items ?? []}
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '状态', render: (_, c) => <Tag color={STATUS_LABELS[c.status].color}>{STATUS_LABELS[c.status].label}</Tag> },
            { title: '触发', render: (_, c) => describeTrigger(c.trigger) },
            { title: '受众', render: (_, c) => audienceName(c.audienceId ?? null) },
            { title: '优惠', render: (_, c) => (c.trigger.kind === 'winBack' ? `${(c.trigger.steps ?? []).map((s) => describeOffer(s, couponName)).join(' → ')}` : describeOffer(c.offer, couponName)) },
            { title: '已发送 / 对照组', render: (_, c) => <span data-testid={`campaign-counts-${c.id}`}>{`${c.sent} / ${c.holdout}`}</span> },
            {
              title: '操作',
              render: (_, c) => (
                <Space size={0} wrap>
                  <Button type="link" onClick={() => setParams({ results: c.id })}>效果</Button>
                  {canWrite && c.status !== 'ended' && <Button type="link" onClick={() => edit(c)}>编辑</Button>}
                  {canWrite && (c.status === 'draft' || c.status === 'paused') && (
                    <Button type="link" onClick={() => move.mutate({ id: c.id, to: 'activate' })}>启用</Button>
                  )}
                  {canWrite && c.status === 'active' && <Button type="link" onClick={() => move.mutate({ id: c.id, to: 'pause' })}>暂停</Button>}
                  {canWrite && c.status !== 'ended' && (
                    <Popconfirm title="结束后不能再启用或修改，确定结束？" onConfirm={() => move.mutate({ id: c.id, to: 'end' })}>
                      <Button type="link">结束</Button>
                    </Popconfirm>
                  )}
                  {canWrite && c.status === 'draft' && (
                    <Popconfirm title="删除这个活动？" onConfirm={() => remove.mutate(c.id)}>
                      <Button type="link" danger>删除</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
        <CampaignEditor open={editorOpen} editing={editing} onClose={() => setEditorOpen(false)} />
      </Card>
      <SendPolicyCard canWrite={canWrite} />
    </>
  );
}
