import { useState } from 'react';
import { Button, Card, Popconfirm, Space, Table, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AudienceRule } from '@mall/shared';
import { api, call } from '../../api/client';
import { deleteAudience, fetchAudiences, type Audience } from './service';
import { describeRule } from './rule-labels';
import { AudienceEditor } from './components/AudienceEditor';
import { AudienceMembers } from './components/AudienceMembers';
import { AudienceExport } from './components/AudienceExport';

export default function AudiencesPage() {
  const queryClient = useQueryClient();
  const { data: me } = useQuery({ queryKey: ['me'], queryFn: () => call(api.GET('/api/admin/me')) });
  const canWrite = me?.role === 'owner' || me?.role === 'operator';
  const { data, isLoading } = useQuery({ queryKey: ['audiences'], queryFn: fetchAudiences });
  const [editing, setEditing] = useState<Audience | null>(null);
  const [editorOpen, setEditorOpen] = useState(false);
  const [viewing, setViewing] = useState<Audience | null>(null);
  const remove = useMutation({
    mutationFn: deleteAudience,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['audiences'] });
      void message.success('受众已删除');
    },
  });
  const edit = (a: Audience | null) => {
    setEditing(a);
    setEditorOpen(true);
  };

  return (
    <Card title="受众" extra={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(null)}>新建受众</Button>}>
      <Table<Audience>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '条件（全部满足）', render: (_, a) => (a.rules.length ? (a.rules as unknown as AudienceRule[]).map((r, i) => <div key={i}>{describeRule(r)}</div>) : '全部会员') },
          { title: '人数', dataIndex: 'memberCount' },
          { title: '更新时间', render: (_, a) => new Date(a.updatedAt).toLocaleString('zh-CN') },
          {
            title: '操作',
            render: (_, a) => (
              <Space>
                <Button type="link" onClick={() => setViewing(a)}>查看成员</Button>
                <AudienceExport audience={a} canUnmask={me?.role === 'owner'} />
                {canWrite && <Button type="link" onClick={() => edit(a)}>编辑</Button>}
                {canWrite && (
                  <Popconfirm title="删除这个受众？" onConfirm={() => remove.mutate(a.id)}>
                    <Button type="link" danger>删除</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <AudienceEditor open={editorOpen} editing={editing} onClose={() => setEditorOpen(false)} />
      <AudienceMembers audience={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}
