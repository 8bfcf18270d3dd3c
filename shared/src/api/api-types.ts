import type { components } from './openapi-schema';

/** Friendly aliases for the generated OpenAPI schema types. */
export type Schemas = components['schemas'];
export type ApiError = Schemas['ErrorResponse'];
export type MemberSummary = Schemas['MemberSummary'];
export type MemberProfile = Schemas['MyAccountResponse'];
export type MyTier = Schemas['MyTierResponse'];
export type PointsEntry = Schemas['PointsEntryResponse'];
export type WalletCoupon = Schemas['WalletCouponResponse'];
export type LoginResponse = Schemas['LoginResponse'];
export type AdminMemberRow = Schemas['AdminMemberListRow'];
export type ExportJob = Schemas['ExportJobResponse'];
export type ExportAuditRow = Schemas['ExportAuditRow'];
export type DashboardResponse = Schemas['DashboardResponse'];
export type MallItem = Schemas['MallItemResponse'];
export type MallOrder = Schemas['OrderResponse'];
export type MemberAddress = Schemas['AddressResponse'];
export type CheckoutTerms = Schemas['CheckoutTermsResponse'];
