import { api, call } from '../../api/client';

export const fetchDashboard = () => call(api.GET('/api/admin/dashboard'));
