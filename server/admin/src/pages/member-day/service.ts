import { api, call } from '../../api/client';
import type { components } from '@mall/shared';

export type MemberDaySettings = components['schemas']['MemberDaySettingsDto'];
export type Banner = components['schemas']['BannerResponse'];
export type BannerInput = components['schemas']['BannerDto'];

export const fetchMemberDaySettings = () => call(api.GET('/api/admin/member-day'));
export const saveMemberDaySettings = (body: MemberDaySettings) => call(api.PUT('/api/admin/member-day', { body }));
export const fetchBanners = () => call(api.GET('/api/admin/member-day/banners'));
export const createBanner = (body: BannerInput) => call(api.POST('/api/admin/member-day/banners', { body }));
export const updateBanner = (id: string, body: BannerInput) => call(api.PUT('/api/admin/member-day/banners/{id}', { params: { path: { id } }, body }));
export const deleteBanner = (id: string) => call(api.DELETE('/api/admin/member-day/banners/{id}', { params: { path: { id } } }).then((r) => ({ ...r, data: r.response.ok ? true : undefined })));

export { uploadImage } from '../../api/media';
