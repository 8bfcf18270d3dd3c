import { api, call } from '../../api/client';

export const fetchExportAudit = (page: number, pageSize: number) => call(api.GET('/api/admin/exports/audit', { params: { query: { page, pageSize } } }));
