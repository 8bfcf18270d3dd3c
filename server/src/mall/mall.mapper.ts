import type { MallItemEntity, MemberAddressEntity } from './mall.entities';
import type { OrderWithLines } from './orders.service';
import type { AddressResponse, MallItemResponse, OrderResponse } from './mall.dto';

export function toItemResponse(i: MallItemEntity): MallItemResponse {
  return {
    id: i.id, kind: i.kind, name: i.name, description: i.description, category: i.category, imageUrls: i.imageUrls,
    cashPriceFen: i.cashPriceFen, pointsPrice: i.pointsPrice, stock: i.stock, sold: i.sold, perMemberLimit: i.perMemberLimit,
    saleStartsAt: i.saleStartsAt?.toISOString() ?? null, saleEndsAt: i.saleEndsAt?.toISOString() ?? null,
    tiersAllowed: i.tiersAllowed, sortOrder: i.sortOrder, status: i.status, couponTemplateId: i.couponTemplateId,
  };
}

export function toOrderResponse({ order: o, lines, payment }: OrderWithLines): OrderResponse {
  return {
    id: o.id, status: o.status, cashSubtotalFen: o.cashSubtotalFen, memberDayDiscountFen: o.memberDayDiscountFen, couponDiscountFen: o.couponDiscountFen,
    pointsUsed: o.pointsUsed, pointsValueFen: o.pointsValueFen, cashDueFen: o.cashDueFen, couponId: o.couponId, address: o.address,
    lines: lines.map((l) => ({ itemId: l.itemId, kind: l.kind, name: l.name, quantity: l.quantity, unitCashFen: l.unitCashFen, unitPoints: l.unitPoints })),
    createdAt: o.createdAt.toISOString(), expiresAt: o.expiresAt?.toISOString() ?? null, paidAt: o.paidAt?.toISOString() ?? null, closeReason: o.closeReason,
    refundedAt: o.refundedAt?.toISOString() ?? null, refundReason: o.refundReason, refundState: o.refundState,
    expressCompany: o.expressCompany, trackingNo: o.trackingNo, shippedAt: o.shippedAt?.toISOString() ?? null, receivedAt: o.receivedAt?.toISOString() ?? null,
    shippingUpload: o.shippingUpload, shippingUploadError: o.shippingUploadError,
    ...(payment ? { payment } : {}),
  };
}

export function toAddressResponse(a: MemberAddressEntity): AddressResponse {
  return { id: a.id, name: a.name, phone: a.phone, region: a.region, detail: a.detail, isDefault: a.isDefault };
}
