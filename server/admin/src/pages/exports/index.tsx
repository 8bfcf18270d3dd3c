import { Card, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ExportJob } from '@mall/shared';
import { JobActions, JobProgress } from '../members/components/ExportMembers';
import { fetchMyExportJobs } from './service';
import { FilterTags } from '../export-audit/FilterTags';

const STATUS: Record<ExportJob['status'], { label: string; color: string }> = {
  running: { label: '生成中', color: 'processing' },
  done: { label: '可下载', color: 'success' },
  failed: { label: '失败', color: 'error' },
  expired: { label: '已过期', color: 'default' },
};

/** The admin's own export jobs: progress while running, download until the file expires. */
export default function ExportsPage() {
  const { data, isFetching } = useQuery({
    queryKey: ['export-jobs'],
    queryFn: fetchMyExportJobs,
    refetchInterval: (q) => (q.state.data?.items.some((j) => j.status === 'running') ? 1000 : false),
  });
  return (
    <Card title="我的导出">
      <Table<ExportJob>
        rowKey="id"
        loading={isFetching && !data}
        dataSource={data?.items ?? []}
        pagination={false}
        columns={[
          { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: '筛选条件', dataIndex: 'filters', render: (f: ExportJob['filters']) => <FilterTags filters={f} /> },
          { title: '完整手机号', dataIndex: 'unmasked', render: (u: boolean) => (u ? <Tag color="red">是</Tag> : '否') },
          { title: '状态', dataIndex: 'status', render: (s: ExportJob['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
          { title: '进度', key: 'progress', width: 320, render: (_, job) => <JobProgress job={job} /> },
          { title: '操作', key: 'actions', render: (_, job) => <JobActions job={job} /> },
        ]}
      />
    </Card>
  );
}
