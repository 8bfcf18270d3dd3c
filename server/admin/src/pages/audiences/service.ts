import type { AudienceRule } from '@mall/shared';
import { api, call } from '../../api/client';

export type Audience = Awaited<ReturnType<typeof fetchAudiences>>['items'][number];
export interface AudienceInput {
  name: string;
  description?: string;
  rules: AudienceRule[];
}

export const fetchAudiences = () => call(api.GET('/api/admin/audiences'));

export const previewAudience = (rules: AudienceRule[]) => call(api.POST('/api/admin/audiences/preview', { body: { rules: rules as never } }));

export const createAudience = (input: AudienceInput) => call(api.POST('/api/admin/audiences', { body: input as never }));

export const updateAudience = (id: string, input: AudienceInput) => call(api.PUT('/api/admin/audiences/{id}', { params: { path: { id } }, body: input as never }));

export const deleteAudience = (id: string) => call(api.DELETE('/api/admin/audiences/{id}', { params: { path: { id } } }));

export const fetchAudienceMembers = (id: string, page: number) =>
  call(api.GET('/api/admin/audiences/{id}/members', { params: { path: { id }, query: { page, pageSize: 20 } } }));

/** A background export job of the audience's members (the member export pipeline: same CSV, masking and audit). */
export const startAudienceExport = (audienceId: string, unmask: boolean) =>
  call(api.POST('/api/admin/members/exports', { params: { query: { audienceId, ...(unmask ? { unmask: 'true' as const } : {}) } } }));
