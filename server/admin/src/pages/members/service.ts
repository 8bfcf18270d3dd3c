import { api, call } from '../../api/client';

export interface MemberQuery {
  page: number;
  pageSize: number;
  q?: string;
}

export const fetchMembers = (query: MemberQuery) =>
  call(api.GET('/api/admin/members', { params: { query: { page: query.page, pageSize: query.pageSize, ...(query.q ? { q: query.q } : {}) } } }));

export const fetchMemberLedger = (memberId: string, page: number) =>
  call(api.GET('/api/admin/members/{memberId}/points/ledger', { params: { path: { memberId }, query: { page, pageSize: 20 } } }));

export const adjustPoints = (memberId: string, delta: number, note: string) =>
  call(api.POST('/api/admin/members/{memberId}/points/adjustments', { params: { path: { memberId } }, body: { delta, note } }));
