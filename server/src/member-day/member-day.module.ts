import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BannerEntity } from './banner.entity';
import { MemberDayService } from './member-day.service';
import { MemberDayOverviewService } from './member-day-overview.service';
import { MemberDayAdminService } from './member-day-admin.service';
import { MemberDayController } from './member-day.controller';
import { MemberDayReminderJob } from './member-day-reminder.job';
import { MembersModule } from '../members/members.module';
import { CouponsModule } from '../coupons/coupons.module';
import { TiersModule } from '../tiers/tiers.module';
import { MediaModule } from '../media/media.module';
import { NoticesModule } from '../notices/notices.module';

@Module({
  imports: [TypeOrmModule.forFeature([BannerEntity]), MembersModule, CouponsModule, TiersModule, MediaModule, NoticesModule],
  controllers: [MemberDayController],
  providers: [MemberDayService, MemberDayOverviewService, MemberDayAdminService, MemberDayReminderJob],
  exports: [MemberDayService],
})
export class MemberDayModule {}
