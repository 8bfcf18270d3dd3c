import { api, call } from '../../api/client';
import type { components, TierCode } from '@mall/shared';

export type DevicesFigures = components['schemas']['DevicesResponse'];
export type VisitsFigures = components['schemas']['VisitsResponse'];
export type RetentionFigures = components['schemas']['RetentionResponse'];
export type SegmentsFigures = components['schemas']['SegmentsResponse'];
export type { TierCode } from '@mall/shared';

export interface RangeFilter {
  from?: string;
  to?: string;
}

export const fetchDevices = (range: RangeFilter, tier?: TierCode) => call(api.GET('/api/admin/analytics/devices', { params: { query: { ...range, tier } } }));
export const fetchVisits = (range: RangeFilter) => call(api.GET('/api/admin/analytics/visits', { params: { query: range } }));
export const fetchRetention = () => call(api.GET('/api/admin/analytics/retention'));
export const fetchSegments = () => call(api.GET('/api/admin/analytics/segments'));
