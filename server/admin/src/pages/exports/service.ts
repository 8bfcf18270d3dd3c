import { api, call } from '../../api/client';

export const fetchMyExportJobs = () => call(api.GET('/api/admin/members/exports'));
