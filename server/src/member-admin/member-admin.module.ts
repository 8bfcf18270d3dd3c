import { Module } from '@nestjs/common';
import { TiersModule } from '../tiers/tiers.module';
import { MembersModule } from '../members/members.module';
import { PointsModule } from '../points/points.module';
import { CouponsModule } from '../coupons/coupons.module';
import { MallModule } from '../mall/mall.module';
import { CheckinModule } from '../checkin/checkin.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { AudiencesModule } from '../audiences/audiences.module';
import { MemberDetailService } from './member-detail.service';
import { MemberSearchService } from './member-search.service';
import { MemberAdminController } from './member-admin.controller';

/**
 * Merchant member management: the filtered, sortable member list and member detail. The list is
 * one set-based read over members and their aggregates (orders, check-ins, growth, sessions);
 * everything that changes data stays in the owning modules.
 */
@Module({
  imports: [TiersModule, MembersModule, PointsModule, CouponsModule, MallModule, CheckinModule, ReferralsModule, AudiencesModule],
  controllers: [MemberAdminController],
  providers: [MemberSearchService, MemberDetailService],
  exports: [MemberSearchService],
})
export class MemberAdminModule {}
