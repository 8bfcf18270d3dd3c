import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { EXPRESS_COMPANY_CODES, TIER_CODES } from '@mall/shared';

const MEDIA_URL = /^\/media\/[0-9a-f]{64}\.(png|jpg|webp)$/;

export class MallItemDto {
  @ApiProperty({ enum: ['coupon', 'goods', 'product'] }) @IsIn(['coupon', 'goods', 'product']) kind!: 'coupon' | 'goods' | 'product';
  @ApiProperty({ maxLength: 60 }) @IsString() @MinLength(1) @MaxLength(60) name!: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ maxLength: 20 }) @IsOptional() @IsString() @MaxLength(20) category?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(9) @Matches(MEDIA_URL, { each: true, message: '图片须是上传的图片' }) imageUrls?: string[];
  @ApiProperty({ description: 'Cash price in fen (0 = none)' }) @IsInt() @Min(0) @Max(100_000_000) cashPriceFen!: number;
  @ApiProperty({ description: 'Points price (0 = none)' }) @IsInt() @Min(0) @Max(100_000_000) pointsPrice!: number;
  @ApiPropertyOptional({ description: 'The coupon template issued (kind coupon)' }) @IsOptional() @IsUUID() couponTemplateId?: string;
  @ApiProperty({ description: 'Initial stock when created; an edit keeps the current stock (POST …/stock adjusts it)' }) @IsInt() @Min(0) @Max(10_000_000) stock!: number;
  @ApiPropertyOptional({ description: '0 = no limit' }) @IsOptional() @IsInt() @Min(0) @Max(10_000) perMemberLimit?: number;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() saleStartsAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() saleEndsAt?: string;
  @ApiPropertyOptional({ type: [String], enum: TIER_CODES, description: 'Empty = every tier' }) @IsOptional() @IsArray() @IsIn(TIER_CODES as unknown as string[], { each: true }) tiersAllowed?: string[];
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(-10_000) @Max(10_000) sortOrder?: number;
  @ApiPropertyOptional({ enum: ['on', 'off'] }) @IsOptional() @IsIn(['on', 'off']) status?: 'on' | 'off';
}

export class StockAdjustDto {
  @ApiProperty({ description: 'Units to add (negative to take away); stock never goes below zero', minimum: -10_000_000, maximum: 10_000_000 })
  @IsInt()
  @Min(-10_000_000)
  @Max(10_000_000)
  delta!: number;
}

export class MallItemResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['coupon', 'goods', 'product'] }) kind!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: [String] }) imageUrls!: string[];
  @ApiProperty() cashPriceFen!: number;
  @ApiProperty() pointsPrice!: number;
  @ApiProperty() stock!: number;
  @ApiProperty() sold!: number;
  @ApiProperty() perMemberLimit!: number;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) saleStartsAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) saleEndsAt!: string | null;
  @ApiProperty({ type: [String] }) tiersAllowed!: string[];
  @ApiProperty() sortOrder!: number;
  @ApiProperty({ enum: ['on', 'off'] }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) couponTemplateId!: string | null;
}

export class MallItemListResponse {
  @ApiProperty({ type: [MallItemResponse] }) items!: MallItemResponse[];
}

export class MallItemsQuery {
  @ApiPropertyOptional({ maxLength: 20 }) @IsOptional() @IsString() @MaxLength(20) category?: string;
}

export class OrderLineDto {
  @ApiProperty() @IsUUID() itemId!: string;
  @ApiProperty({ minimum: 1, maximum: 99 }) @IsInt() @Min(1) @Max(99) quantity!: number;
}

export class CreateOrderDto {
  @ApiProperty({ type: [OrderLineDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => OrderLineDto) items!: OrderLineDto[];
  @ApiPropertyOptional({ description: 'Points put against the cash price' }) @IsOptional() @IsInt() @Min(0) @Max(100_000_000) pointsToUse?: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() couponId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() addressId?: string;
  @ApiProperty({ description: 'Made once per checkout screen; the same key returns the same order', minLength: 8, maxLength: 64 })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'idempotencyKey must be 8-64 letters, digits, - or _' })
  idempotencyKey!: string;
}

export class OrderLineResponse {
  @ApiProperty() itemId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() name!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() unitCashFen!: number;
  @ApiProperty() unitPoints!: number;
}

export class OrderAddressResponse {
  @ApiProperty() name!: string;
  @ApiProperty() phone!: string;
  @ApiProperty() region!: string;
  @ApiProperty() detail!: string;
}

export class PaymentParamsResponse {
  @ApiProperty() timeStamp!: string;
  @ApiProperty() nonceStr!: string;
  @ApiProperty({ example: 'prepay_id=wx201410272009395522657a690389285100' }) package!: string;
  @ApiProperty({ enum: ['RSA'] }) signType!: 'RSA';
  @ApiProperty() paySign!: string;
}

export class OrderResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['pending_payment', 'to_ship', 'shipped', 'received', 'completed', 'closed', 'refunding', 'refunded'] }) status!: string;
  @ApiProperty() cashSubtotalFen!: number;
  @ApiProperty() memberDayDiscountFen!: number;
  @ApiProperty() couponDiscountFen!: number;
  @ApiProperty() pointsUsed!: number;
  @ApiProperty() pointsValueFen!: number;
  @ApiProperty() cashDueFen!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) couponId!: string | null;
  @ApiPropertyOptional({ type: OrderAddressResponse, nullable: true }) address!: OrderAddressResponse | null;
  @ApiProperty({ type: [OrderLineResponse] }) lines!: OrderLineResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time', description: 'An unpaid order closes at this time' }) expiresAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) paidAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) closeReason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) refundedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) refundReason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['processing', 'success', 'abnormal', 'closed'], description: "WeChat's side of a cash refund" }) refundState!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "WeChat's delivery_id, e.g. SF" }) expressCompany!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) trackingNo!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) shippedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) receivedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['pending', 'uploaded', 'failed'], description: 'Shipment reported to WeChat (paid orders)' }) shippingUpload!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) shippingUploadError!: string | null;
  @ApiPropertyOptional({ type: PaymentParamsResponse, description: 'For an unpaid order: the parameters for wx.requestPayment' }) payment?: PaymentParamsResponse;
}

export class ShipOrderDto {
  @ApiProperty({ enum: EXPRESS_COMPANY_CODES, description: "WeChat's delivery_id" }) @IsIn(EXPRESS_COMPANY_CODES, { message: '请选择快递公司' }) expressCompany!: string;
  @ApiProperty({ minLength: 4, maxLength: 40 }) @Matches(/^[A-Za-z0-9-]{4,40}$/, { message: '快递单号为 4-40 位字母、数字或 -' }) trackingNo!: string;
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class SalesQuery {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'Store day; default 29 days before `to`' }) @IsOptional() @Matches(DAY, { message: 'from 须为 YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Store day; default today' }) @IsOptional() @Matches(DAY, { message: 'to 须为 YYYY-MM-DD' }) to?: string;
}

export class SalesTotals {
  @ApiProperty({ description: 'Paid orders, not refunded' }) orders!: number;
  @ApiProperty() revenueFen!: number;
  @ApiProperty() pointsRedeemed!: number;
}

export class SalesDayResponse extends SalesTotals {
  @ApiProperty({ example: '2026-11-23' }) date!: string;
}

export class SalesTopItemResponse {
  @ApiProperty() itemId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() revenueFen!: number;
  @ApiProperty() points!: number;
}

export class SalesResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [SalesDayResponse] }) days!: SalesDayResponse[];
  @ApiProperty({ type: SalesTotals }) totals!: SalesTotals;
  @ApiProperty({ type: [SalesTopItemResponse] }) topItems!: SalesTopItemResponse[];
}

export class AdminOrdersQuery {
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
  @ApiPropertyOptional({ enum: ['pending_payment', 'to_ship', 'shipped', 'received', 'completed', 'closed', 'refunding', 'refunded'] })
  @IsOptional()
  @IsIn(['pending_payment', 'to_ship', 'shipped', 'received', 'completed', 'closed', 'refunding', 'refunded'])
  status?: 'pending_payment' | 'to_ship' | 'shipped' | 'received' | 'completed' | 'closed' | 'refunding' | 'refunded';
}

const ORDER_STATUSES = ['pending_payment', 'to_ship', 'shipped', 'received', 'completed', 'closed', 'refunding', 'refunded'] as const;

export class MemberOrdersQuery {
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) page?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
  @ApiPropertyOptional({ description: 'One or more statuses, comma-separated (the app’s tabs)', example: 'received,completed' })
  @IsOptional()
  @Matches(new RegExp(`^(${ORDER_STATUSES.join('|')})(,(${ORDER_STATUSES.join('|')})){0,7}$`), { message: 'status must be order statuses separated by commas' })
  status?: string;
}

export class RefundDto {
  @ApiProperty({ maxLength: 80 }) @IsString() @MinLength(2) @MaxLength(80) reason!: string;
}

export class OrderPageResponse {
  @ApiProperty({ type: [OrderResponse] }) items!: OrderResponse[];
  @ApiProperty() total!: number;
}

export class AddressDto {
  @ApiProperty({ maxLength: 20 }) @IsString() @MinLength(1) @MaxLength(20) name!: string;
  @ApiProperty() @Matches(/^1\d{10}$/, { message: '请填写 11 位手机号' }) phone!: string;
  @ApiProperty({ maxLength: 60, example: '上海市 上海市 浦东新区' }) @IsString() @MinLength(2) @MaxLength(60) region!: string;
  @ApiProperty({ maxLength: 120 }) @IsString() @MinLength(2) @MaxLength(120) detail!: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isDefault?: boolean;
}

export class AddressResponse extends OrderAddressResponse {
  @ApiProperty() id!: string;
  @ApiProperty() isDefault!: boolean;
}

export class AddressListResponse {
  @ApiProperty({ type: [AddressResponse] }) items!: AddressResponse[];
}

export class CheckoutTermsResponse {
  @ApiProperty({ enum: TIER_CODES }) tier!: string;
  @ApiProperty({ description: 'Points balance' }) balance!: number;
  @ApiProperty({ description: 'Today is member day (store time zone)' }) isMemberDay!: boolean;
  @ApiProperty({ description: 'The member’s tier price on member day, percent of the cash price' }) memberDayPricePct!: number;
  @ApiProperty({ description: 'Points worth 5 yuan' }) pointsPer5Yuan!: number;
  @ApiProperty({ description: 'Largest share of the cash price points may pay, percent' }) maxShareOfCashPct!: number;
}
