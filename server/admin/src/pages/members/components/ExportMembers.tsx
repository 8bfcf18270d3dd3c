import { useState } from 'react';
import { Button, Checkbox, Modal, Progress, Space, Typography, message } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ExportJob } from '@mall/shared';
import { api, call } from '../../../api/client';
import { downloadFile } from '../../../api/download';
import { DIRECT_EXPORT_MAX_ROWS, downloadMembersCsv, startExportJob, type MemberFilters } from '../service';

/**
 * Exports the filtered members: up to DIRECT_EXPORT_MAX_ROWS download at once; more start an export
 * job whose progress is shown until the file can be downloaded. Owners may ask for full phones.
 */
export function ExportMembers({ filters, matched, canUnmask }: { filters: MemberFilters; matched: number; canUnmask: boolean }) {
  const [unmask, setUnmask] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const direct = useMutation({
    mutationFn: () => downloadMembersCsv(filters, unmask && canUnmask),
    onSuccess: (r) => void message.success(`已导出 ${r.fileName}`),
  });
  const start = useMutation({ mutationFn: () => startExportJob(filters, unmask && canUnmask), onSuccess: (job) => setJobId(job.id) });
  const large = matched > DIRECT_EXPORT_MAX_ROWS;
  return (
    <Space>
      {canUnmask && (
        <Checkbox checked={unmask} onChange={(e) => setUnmask(e.target.checked)} data-testid="export-unmask">
          导出完整手机号
        </Checkbox>
      )}
      <Button
        icon={<DownloadOutlined />}
        loading={direct.isPending || start.isPending}
        disabled={matched === 0}
        data-testid="export-members"
        onClick={() => (large ? start.mutate() : direct.mutate())}
      >
        {large ? `导出 ${matched} 位会员（后台生成）` : `导出 ${matched} 位会员`}
      </Button>
      <ExportJobModal jobId={jobId} onClose={() => setJobId(null)} />
    </Space>
  );
}

export function ExportJobModal({ jobId, onClose }: { jobId: string | null; onClose: () => void }) {
  const { data: job } = useQuery({
    queryKey: ['export-job', jobId],
    queryFn: () => call(api.GET('/api/admin/members/exports/{jobId}', { params: { path: { jobId: jobId! } } })),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  return (
    <Modal title="导出会员" open={!!jobId} onCancel={onClose} footer={job ? <JobActions job={job} onClose={onClose} /> : null} destroyOnClose>
      {job && <JobProgress job={job} />}
    </Modal>
  );
}

export function JobProgress({ job }: { job: ExportJob }) {
  const percent = job.rowsMatched ? Math.floor((job.rowsWritten / job.rowsMatched) * 100) : job.status === 'done' ? 100 : 0;
  const status = job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active';
  return (
    <div data-testid="export-progress">
      <Progress percent={percent} status={status} />
      <Typography.Text type="secondary">
        已写入 {job.rowsWritten} / {job.rowsMatched} 行
        {job.status === 'done' && job.expiresAt && `，文件保留至 ${new Date(job.expiresAt).toLocaleString('zh-CN')}`}
        {job.status === 'failed' && `，${job.error ?? '导出失败'}`}
        {job.status === 'expired' && '，文件已过期'}
      </Typography.Text>
    </div>
  );
}

export function JobActions({ job, onClose }: { job: ExportJob; onClose?: () => void }) {
  const download = useMutation({ mutationFn: () => downloadFile(`/api/admin/members/exports/${job.id}/file`) });
  return (
    <Space>
      {onClose && <Button onClick={onClose}>关闭</Button>}
      <Button type="primary" disabled={job.status !== 'done'} loading={download.isPending} onClick={() => download.mutate()} data-testid="export-download">
        下载文件
      </Button>
    </Space>
  );
}
