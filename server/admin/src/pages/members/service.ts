import type { paths } from '@mall/shared';
import { api, call } from '../../api/client';
import { downloadFile } from '../../api/download';

export type MemberListQuery = NonNullable<paths['/api/admin/members']['get']['parameters']['query']>;
export type MemberFilters = Omit<MemberListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

/** Up to this many matching members are downloaded at once; more go through an export job. */
export const DIRECT_EXPORT_MAX_ROWS = 10_000;

export const FILTER_KEYS = [
  'q', 'tier', 'joinedFrom', 'joinedTo', 'activeFrom', 'activeTo', 'segment', 'pointsMin', 'pointsMax',
  'spendMinFen', 'spendMaxFen', 'ordersMin', 'ordersMax', 'hasPhone', 'inviterId', 'platform',
] as const satisfies readonly (keyof MemberFilters)[];
const NUMERIC = new Set(['pointsMin', 'pointsMax', 'spendMinFen', 'spendMaxFen', 'ordersMin', 'ordersMax']);

/** The list's state lives in the URL (`/members?segment=at_risk&tier=gold`), so links can open it filtered. */
export function queryFromSearch(params: URLSearchParams): MemberListQuery {
  const query: Record<string, string | number> = {};
  for (const key of [...FILTER_KEYS, 'sort', 'order', 'page', 'pageSize']) {
    const value = params.get(key);
    if (value === null || value === '') continue;
    query[key] = NUMERIC.has(key) || key === 'page' || key === 'pageSize' ? Number(value) : value;
  }
  return { page: 1, pageSize: 20, ...query } as MemberListQuery;
}

export function searchFromQuery(query: Partial<MemberListQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  return params;
}

export function filtersOf(query: MemberListQuery): MemberFilters {
  const filters: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) if (query[key] !== undefined) filters[key] = query[key];
  return filters as MemberFilters;
}

export const fetchMembers = (query: MemberListQuery) => call(api.GET('/api/admin/members', { params: { query } }));

export const downloadMembersCsv = (filters: MemberFilters, unmask: boolean) =>
  downloadFile(`/api/admin/members/export.csv?${searchFromQuery({ ...filters, ...(unmask ? { unmask: 'true' } : {}) } as Partial<MemberListQuery>)}`);

export const startExportJob = (filters: MemberFilters, unmask: boolean) =>
  call(api.POST('/api/admin/members/exports', { params: { query: { ...filters, ...(unmask ? { unmask: 'true' as const } : {}) } } }));

export const fetchMemberDetail = (memberId: string) => call(api.GET('/api/admin/members/{memberId}', { params: { path: { memberId } } }));

export const fetchMemberLedger = (memberId: string, page: number) =>
  call(api.GET('/api/admin/members/{memberId}/points/ledger', { params: { path: { memberId }, query: { page, pageSize: 20 } } }));

export const adjustPoints = (memberId: string, delta: number, note: string) =>
  call(api.POST('/api/admin/members/{memberId}/points/adjustments', { params: { path: { memberId } }, body: { delta, note } }));
