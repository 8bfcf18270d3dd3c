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

@Module({
  imports: [TypeOrmModule.forFeature([MallItemEntity, OrderEntity, OrderLineEntity, MemberAddressEntity]), PointsModule, CouponsModule, TiersModule, MemberDayModule],
  controllers: [MallController],
  providers: [MallItemsService, OrdersService, AddressesService],
  exports: [OrdersService],
})
export class MallModule {}
