import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferralEntity } from './referral.entity';
import { ReferralsService } from './referrals.service';
import { ReferralsAdminService } from './referrals-admin.service';
import { ReferralsController } from './referrals.controller';
import { PointsModule } from '../points/points.module';
import { CouponsModule } from '../coupons/coupons.module';
import { MembersModule } from '../members/members.module';
import { MediaModule } from '../media/media.module';
import { WechatModule } from '../wechat/wechat.module';
import { ReferralEventEntity } from './referral-event.entity';
import { ReferralPosterService } from './referral-poster.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReferralEntity, ReferralEventEntity]), PointsModule, CouponsModule, MembersModule, MediaModule, WechatModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralsAdminService, ReferralPosterService],
  exports: [ReferralsService],
})
export class ReferralsModule {}
