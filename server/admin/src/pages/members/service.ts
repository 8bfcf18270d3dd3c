import { api, call } from '../../api/client';

export interface MemberQuery {
  page: number;
  pageSize: number;
  q?: string;
}

export const fetchMembers = (query: MemberQuery) =>
  call(api.GET('/api/admin/members', { params: { query: { page: query.page, pageSize: query.pageSize, ...(query.q ? { q: query.q } : {}) } } }));
