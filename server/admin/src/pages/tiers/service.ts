import { api, call } from '../../api/client';
import { session } from '../../api/session';
import type { components } from '@mall/shared';

export type TierSettings = components['schemas']['TierSettingsResponse'];
export type UpdateTierSettings = components['schemas']['UpdateTierSettingsDto'];

export const fetchTierSettings = () => call(api.GET('/api/admin/tiers'));
export const saveTierSettings = (body: UpdateTierSettings) => call(api.PUT('/api/admin/tiers', { body }));

/** Multipart upload (openapi-fetch sends JSON), with the same error handling as every call. */
export async function uploadTierIcon(tier: string, file: File): Promise<TierSettings> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch(`/api/admin/tiers/${tier}/icon`, { method: 'PUT', headers: { Authorization: `Bearer ${session.token()}` }, body: form });
  return call(Promise.resolve({ data: res.ok ? await res.json() : undefined, error: res.ok ? undefined : await res.json().catch(() => ({})), response: res }));
}
