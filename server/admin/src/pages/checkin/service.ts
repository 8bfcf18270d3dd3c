import { api, call } from '../../api/client';
import type { components } from '@mall/shared';

export type CheckinSettings = components['schemas']['CheckinSettingsDto'];

export const fetchCheckinSettings = () => call(api.GET('/api/admin/checkins/settings'));
export const saveCheckinSettings = (body: CheckinSettings) => call(api.PUT('/api/admin/checkins/settings', { body }));
export const fetchCheckinStats = () => call(api.GET('/api/admin/checkins/stats', { params: { query: { days: 30 } } }));
