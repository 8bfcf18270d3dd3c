import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CouponTemplateEntity, MemberCouponEntity } from './coupon.entities';
import { CouponsService } from './coupons.service';
import { CouponTemplatesService } from './coupon-templates.service';
import { CouponsController } from './coupons.controller';

@Module({
  imports: [TypeOrmModule.forFeature([CouponTemplateEntity, MemberCouponEntity])],
  controllers: [CouponsController],
  providers: [CouponsService, CouponTemplatesService],
  exports: [CouponsService],
})
export class CouponsModule {}
