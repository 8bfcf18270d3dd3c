import { api, call } from '../../api/client';
import type { components } from '@mall/shared';

export type PointsEconomy = components['schemas']['PointsEconomyResponse'];

export const fetchPointsEconomy = () => call(api.GET('/api/admin/points-economy'));
