import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, AdminPrincipal, CurrentAdmin, CurrentMember, MemberAuth, MemberPrincipal } from '../auth/auth.decorators';
import { unwrap } from '../common/errors';
import type { OrderStatus } from './mall.entities';
import {
  AddressDto, AddressListResponse, AddressResponse, AdminOrdersQuery, CheckoutTermsResponse, MemberOrdersQuery, CreateOrderDto, RefundDto, MallItemDto, MallItemListResponse, MallItemResponse, MallItemsQuery, OrderPageResponse, OrderResponse,
  SalesQuery, SalesResponse, ShipOrderDto, StockAdjustDto,
} from './mall.dto';
import { OrderShippingService } from './order-shipping.service';
import { MallSalesService } from './mall-sales.service';
import { toAddressResponse, toItemResponse, toOrderResponse } from './mall.mapper';
import { MallItemsService } from './mall-items.service';
import { OrdersService } from './orders.service';
import { AddressesService } from './addresses.service';
import { OrderRefundsService } from './order-refunds.service';
import { CheckoutTermsService } from './checkout-terms.service';

@ApiTags('mall')
@Controller('api')
export class MallController {
  constructor(
    private readonly items: MallItemsService,
    private readonly orders: OrdersService,
    private readonly addresses: AddressesService,
    private readonly refunds: OrderRefundsService,
    private readonly shipping: OrderShippingService,
    private readonly sales: MallSalesService,
    private readonly terms: CheckoutTermsService,
  ) {}

  @MemberAuth()
  @Get('mall/items')
  @ApiOkResponse({ type: MallItemListResponse })
  async list(@Query() query: MallItemsQuery): Promise<MallItemListResponse> {
    return { items: (await this.items.listed(query.category)).map(toItemResponse) };
  }

  @MemberAuth()
  @Get('mall/items/:id')
  @ApiOkResponse({ type: MallItemResponse })
  async one(@Param('id', ParseUUIDPipe) id: string): Promise<MallItemResponse> {
    return toItemResponse(unwrap(await this.items.listedOne(id)));
  }

  /** The member's balance, tier and today's pricing rules, so the app prices a cart as checkout will. */
  @MemberAuth()
  @Get('mall/checkout-terms')
  @ApiOkResponse({ type: CheckoutTermsResponse })
  async checkoutTerms(@CurrentMember() me: MemberPrincipal): Promise<CheckoutTermsResponse> {
    return unwrap(await this.terms.forMember(me.memberId));
  }

  @MemberAuth()
  @Post('orders')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OrderResponse })
  async checkout(@CurrentMember() me: MemberPrincipal, @Body() dto: CreateOrderDto): Promise<OrderResponse> {
    return toOrderResponse(unwrap(await this.orders.checkout(me.memberId, dto)));
  }

  @MemberAuth()
  @Get('orders')
  @ApiOkResponse({ type: OrderPageResponse })
  async mine(@CurrentMember() me: MemberPrincipal, @Query() query: MemberOrdersQuery): Promise<OrderPageResponse> {
    const statuses = query.status ? (query.status.split(',') as OrderStatus[]) : undefined;
    const { items, total } = await this.orders.mine(me.memberId, query.page ?? 1, query.pageSize ?? 20, statuses);
    return { items: items.map(toOrderResponse), total };
  }

  @MemberAuth()
  @Get('orders/:id')
  @ApiOkResponse({ type: OrderResponse })
  async order(@CurrentMember() me: MemberPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<OrderResponse> {
    return toOrderResponse(unwrap(await this.orders.one(me.memberId, id)));
  }

  @MemberAuth()
  @Post('orders/:id/payment')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OrderResponse, description: 'The order with fresh wx.requestPayment parameters' })
  async pay(@CurrentMember() me: MemberPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<OrderResponse> {
    return toOrderResponse(unwrap(await this.orders.paymentFor(me.memberId, id)));
  }

  @MemberAuth()
  @Post('orders/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OrderResponse })
  async cancel(@CurrentMember() me: MemberPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<OrderResponse> {
    return toOrderResponse(unwrap(await this.orders.cancel(me.memberId, id)));
  }

  @MemberAuth()
  @Post('orders/:id/receive')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OrderResponse, description: 'The member confirms a shipped order arrived' })
  async receive(@CurrentMember() me: MemberPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<OrderResponse> {
    unwrap(await this.shipping.receive(me.memberId, id));
    return toOrderResponse(unwrap(await this.orders.one(me.memberId, id)));
  }

  @MemberAuth()
  @Get('addresses')
  @ApiOkResponse({ type: AddressListResponse })
  async addressList(@CurrentMember() me: MemberPrincipal): Promise<AddressListResponse> {
    return { items: (await this.addresses.list(me.memberId)).map(toAddressResponse) };
  }

  @MemberAuth()
  @Post('addresses')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AddressResponse })
  async addAddress(@CurrentMember() me: MemberPrincipal, @Body() dto: AddressDto): Promise<AddressResponse> {
    return toAddressResponse(unwrap(await this.addresses.save(me.memberId, dto)));
  }

  @MemberAuth()
  @Put('addresses/:id')
  @ApiOkResponse({ type: AddressResponse })
  async updateAddress(@CurrentMember() me: MemberPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddressDto): Promise<AddressResponse> {
    return toAddressResponse(unwrap(await this.addresses.save(me.memberId, dto, id)));
  }

  @MemberAuth()
  @Delete('addresses/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  async removeAddress(@CurrentMember() me: MemberPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    unwrap(await this.addresses.remove(me.memberId, id));
  }

  @AdminAuth()
  @Get('admin/mall/items')
  @ApiOkResponse({ type: MallItemListResponse })
  async adminList(): Promise<MallItemListResponse> {
    return { items: (await this.items.all()).map(toItemResponse) };
  }

  @AdminAuth('owner', 'operator')
  @Post('admin/mall/items')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MallItemResponse })
  async create(@CurrentAdmin() admin: AdminPrincipal, @Body() dto: MallItemDto): Promise<MallItemResponse> {
    return toItemResponse(unwrap(await this.items.create(admin, dto)));
  }

  @AdminAuth('owner', 'operator')
  @Put('admin/mall/items/:id')
  @ApiOkResponse({ type: MallItemResponse })
  async update(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MallItemDto): Promise<MallItemResponse> {
    return toItemResponse(unwrap(await this.items.update(admin, id, dto)));
  }

  @AdminAuth('owner', 'operator')
  @Post('admin/mall/items/:id/stock')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MallItemResponse })
  async adjustStock(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: StockAdjustDto): Promise<MallItemResponse> {
    return toItemResponse(unwrap(await this.items.adjustStock(admin, id, dto.delta)));
  }

  @AdminAuth()
  @Get('admin/orders')
  @ApiOkResponse({ type: OrderPageResponse })
  async adminOrders(@Query() query: AdminOrdersQuery): Promise<OrderPageResponse> {
    const { items, total } = await this.orders.adminPage(query.page ?? 1, query.pageSize ?? 20, query.status);
    return { items: items.map(toOrderResponse), total };
  }

  @AdminAuth()
  @Get('admin/orders/:id')
  @ApiOkResponse({ type: OrderResponse })
  async adminOrder(@Param('id', ParseUUIDPipe) id: string): Promise<OrderResponse> {
    return toOrderResponse(unwrap(await this.orders.adminOne(id)));
  }

  /** Ships a paid goods order (once, however often clicked) and reports the shipment to WeChat. */
  @AdminAuth('owner', 'operator')
  @Post('admin/orders/:id/ship')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OrderResponse })
  async ship(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ShipOrderDto): Promise<OrderResponse> {
    unwrap(await this.shipping.ship(admin, id, { expressCompany: dto.expressCompany, trackingNo: dto.trackingNo }));
    return toOrderResponse(unwrap(await this.orders.adminOne(id)));
  }

  @AdminAuth()
  @Get('admin/mall/sales')
  @ApiOkResponse({ type: SalesResponse })
  async salesReport(@Query() query: SalesQuery): Promise<SalesResponse> {
    return unwrap(await this.sales.report(query.from, query.to));
  }

  /** Refunds a paid order in full: cash through WeChat Pay (settled by its notification), then points and stock. */
  @AdminAuth('owner', 'operator')
  @Post('admin/orders/:id/refund')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OrderResponse })
  async refund(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RefundDto): Promise<OrderResponse> {
    unwrap(await this.refunds.refund(admin, id, dto.reason));
    return toOrderResponse(unwrap(await this.orders.adminOne(id)));
  }
}
