import { api, call } from '../../api/client';
import type { components } from '@mall/shared';

export type SalesReport = components['schemas']['SalesResponse'];

export const fetchSales = (from?: string, to?: string) => call(api.GET('/api/admin/mall/sales', { params: { query: from && to ? { from, to } : {} } }));
