import type { ExportAuditRow, ExportJobResponse } from './member-exports.dto';
import type { MemberExportAuditEntity, MemberExportJobEntity } from './member-export.entities';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toExportJobResponse(j: MemberExportJobEntity): ExportJobResponse {
  return {
    id: j.id,
    status: j.status,
    rowsMatched: j.rowsMatched,
    rowsWritten: j.rowsWritten,
    unmasked: !!j.unmasked,
    filters: JSON.parse(j.filters),
    createdAt: j.createdAt.toISOString(),
    finishedAt: iso(j.finishedAt),
    expiresAt: iso(j.expiresAt),
    error: j.error,
  };
}

export function toExportAuditRow(a: MemberExportAuditEntity): ExportAuditRow {
  return {
    id: a.id,
    adminId: a.adminId,
    adminUsername: a.adminUsername,
    adminRole: a.adminRole,
    kind: a.kind,
    jobId: a.jobId,
    filters: JSON.parse(a.filters),
    columns: JSON.parse(a.columns),
    unmasked: !!a.unmasked,
    rowCount: a.rowCount,
    status: a.status,
    createdAt: a.createdAt.toISOString(),
    finishedAt: iso(a.finishedAt),
  };
}
