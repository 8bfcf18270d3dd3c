import { api, call } from '../../api/client';
import type { components } from '@mall/shared';

export type Order = components['schemas']['OrderResponse'];

export const fetchOrders = (page: number, pageSize: number, status?: string) =>
  call(api.GET('/api/admin/orders', { params: { query: { page, pageSize, ...(status ? { status: status as never } : {}) } } }));
export const fetchOrder = (id: string) => call(api.GET('/api/admin/orders/{id}', { params: { path: { id } } }));
export const shipOrder = (id: string, body: components['schemas']['ShipOrderDto']) => call(api.POST('/api/admin/orders/{id}/ship', { params: { path: { id } }, body }));
export const refundOrder = (id: string, reason: string) => call(api.POST('/api/admin/orders/{id}/refund', { params: { path: { id } }, body: { reason } }));
