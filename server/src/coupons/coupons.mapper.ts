import { isTierCode } from '@mall/shared';
import type { CouponTemplateEntity, MemberCouponEntity } from './coupon.entities';
import type { CouponTemplateResponse, WalletCouponResponse } from './coupons.dto';

export function toCouponTemplateResponse(t: CouponTemplateEntity): CouponTemplateResponse {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    amountOffFen: t.amountOffFen,
    thresholdFen: t.thresholdFen,
    percentPay: t.percentPay,
    capFen: t.capFen,
    validFrom: t.validFrom?.toISOString() ?? null,
    validTo: t.validTo?.toISOString() ?? null,
    validDays: t.validDays,
    tiers: t.tiers.split(',').filter(isTierCode),
    totalLimit: t.totalLimit,
    perMemberLimit: t.perMemberLimit,
    issuedCount: t.issuedCount,
    status: t.status,
  };
}

export function toWalletCouponResponse(c: MemberCouponEntity, t: CouponTemplateEntity, state: WalletCouponResponse['state']): WalletCouponResponse {
  return {
    id: c.id,
    name: t.name,
    kind: t.kind,
    amountOffFen: t.amountOffFen,
    thresholdFen: t.thresholdFen,
    percentPay: t.percentPay,
    capFen: t.capFen,
    state,
    validFrom: c.validFrom.toISOString(),
    validTo: c.validTo.toISOString(),
    source: c.source,
  };
}
