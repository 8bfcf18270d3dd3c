import { api, call } from '../../api/client';
import type { components } from '@mall/shared';

export type MallItem = components['schemas']['MallItemResponse'];
export type MallItemInput = components['schemas']['MallItemDto'];

export const fetchMallItems = () => call(api.GET('/api/admin/mall/items'));
export const createMallItem = (body: MallItemInput) => call(api.POST('/api/admin/mall/items', { body }));
export const updateMallItem = (id: string, body: MallItemInput) => call(api.PUT('/api/admin/mall/items/{id}', { params: { path: { id } }, body }));
export const adjustStock = (id: string, delta: number) => call(api.POST('/api/admin/mall/items/{id}/stock', { params: { path: { id } }, body: { delta } }));
