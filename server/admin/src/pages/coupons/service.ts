import { api, call } from '../../api/client';
import type { components } from '@mall/shared';

export type CouponTemplate = components['schemas']['CouponTemplateResponse'];
export type CouponTemplateInput = components['schemas']['CouponTemplateDto'];

export const fetchCouponTemplates = () => call(api.GET('/api/admin/coupon-templates'));
export const createCouponTemplate = (body: CouponTemplateInput) => call(api.POST('/api/admin/coupon-templates', { body }));
