import { useState } from 'react';
import { Card, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { MEMBER_EXPORT_COLUMNS, type ExportAuditRow } from '@mall/shared';
import { ROLE_LABELS, type AdminRole } from '../../access';
import { FilterTags } from './FilterTags';
import { fetchExportAudit } from './service';

const STATUS: Record<ExportAuditRow['status'], { label: string; color: string }> = {
  started: { label: '进行中', color: 'processing' },
  completed: { label: '完成', color: 'success' },
  aborted: { label: '中断', color: 'warning' },
  failed: { label: '失败', color: 'error' },
};
const HEADERS = Object.fromEntries(MEMBER_EXPORT_COLUMNS.map((c) => [c.key, c.header]));

/** Who exported members, when, with which filters and columns, how many rows, with full phones or not. */
export default function ExportAuditPage() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQuery({ queryKey: ['export-audit', page], queryFn: () => fetchExportAudit(page.page, page.pageSize), placeholderData: keepPreviousData });
  return (
    <Card title="导出审计">
      <div data-testid="export-audit-table">
        <Table<ExportAuditRow>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          pagination={{ current: page.page, pageSize: page.pageSize, total: data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }), showTotal: (t) => `共 ${t} 次导出` }}
          columns={[
            { title: '时间', dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
            { title: '操作人', dataIndex: 'adminUsername', render: (u: string, r) => `${u}（${ROLE_LABELS[r.adminRole as AdminRole] ?? r.adminRole}）` },
            { title: '方式', dataIndex: 'kind', render: (k: ExportAuditRow['kind']) => (k === 'job' ? '后台任务' : '直接下载') },
            { title: '筛选条件', dataIndex: 'filters', render: (f: ExportAuditRow['filters']) => <FilterTags filters={f} /> },
            { title: '列', dataIndex: 'columns', ellipsis: true, render: (c: string[]) => c.map((k) => HEADERS[k] ?? k).join('、') },
            { title: '行数', dataIndex: 'rowCount', align: 'right', render: (n: number | null) => n ?? '—' },
            { title: '完整手机号', dataIndex: 'unmasked', render: (u: boolean) => (u ? <Tag color="red">是</Tag> : '否') },
            { title: '状态', dataIndex: 'status', render: (s: ExportAuditRow['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
          ]}
        />
      </div>
    </Card>
  );
}
