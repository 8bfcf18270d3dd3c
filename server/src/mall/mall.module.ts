import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PointsModule } from '../points/points.module';
import { CouponsModule } from '../coupons/coupons.module';
import { TiersModule } from '../tiers/tiers.module';
import { MemberDayModule } from '../member-day/member-day.module';
import { MallItemEntity, MemberAddressEntity, OrderEntity, OrderLineEntity } from './mall.entities';
import { MallItemsService } from './mall-items.service';
import { OrdersService } from './orders.service';
import { AddressesService } from './addresses.service';
import { MallController } from './mall.controller';
import { PaymentNotifyController } from './payment-notify.controller';
import { OrderPaymentsService } from './order-payments.service';
import { OrderRefundsService } from './order-refunds.service';
import { WechatModule } from '../wechat/wechat.module';
import { MembersModule } from '../members/members.module';
import { OrderShippingService } from './order-shipping.service';
import { RefundQueryService } from './refund-query.service';
import { MallJobsService } from './mall-jobs.service';
import { MallSalesService } from './mall-sales.service';
import { CheckoutTermsService } from './checkout-terms.service';

@Module({
  imports: [TypeOrmModule.forFeature([MallItemEntity, OrderEntity, OrderLineEntity, MemberAddressEntity]), PointsModule, CouponsModule, TiersModule, MemberDayModule, WechatModule, MembersModule],
  controllers: [MallController, PaymentNotifyController],
  providers: [MallItemsService, OrdersService, OrderPaymentsService, OrderRefundsService, AddressesService, OrderShippingService, RefundQueryService, MallJobsService, MallSalesService, CheckoutTermsService],
  exports: [OrdersService, MallItemsService],
})
export class MallModule {}
