import { api, call } from '../../api/client';
import { session } from '../../api/session';
import type { components } from '@mall/shared';

export type ReferralSettings = components['schemas']['ReferralSettingsDto'];
export type PosterDesign = components['schemas']['PosterDesignDto'];

export const fetchReferralSettings = () => call(api.GET('/api/admin/referrals/settings'));
export const saveReferralSettings = (body: ReferralSettings) => call(api.PUT('/api/admin/referrals/settings', { body }));
export const fetchReferrals = (page: number, pageSize: number) => call(api.GET('/api/admin/referrals', { params: { query: { page, pageSize } } }));
export const fetchSuspiciousInviters = () => call(api.GET('/api/admin/referrals/suspicious'));
export const fetchReferralFunnel = () => call(api.GET('/api/admin/referrals/funnel'));

/** The poster as drawn for a sample member with the design being edited (an object URL for <img>). */
export async function previewPoster(design: PosterDesign): Promise<string> {
  const res = await fetch('/api/admin/referrals/poster-preview', {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.token()}`, 'content-type': 'application/json' },
    body: JSON.stringify(design),
  });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    await call(Promise.resolve({ data: undefined, error: body, response: res }));
  }
  return URL.createObjectURL(await res.blob());
}
