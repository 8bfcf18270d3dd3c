import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CheckinEntity } from './checkin.entity';
import { CheckinService } from './checkin.service';
import { CheckinAdminService } from './checkin-admin.service';
import { CheckinController } from './checkin.controller';
import { CheckinReminderJob } from './checkin-reminder.job';
import { CheckinDefaultsService } from './checkin-defaults.service';
import { PointsModule } from '../points/points.module';
import { CouponsModule } from '../coupons/coupons.module';
import { TiersModule } from '../tiers/tiers.module';
import { NoticesModule } from '../notices/notices.module';
import { MemberDayModule } from '../member-day/member-day.module';

@Module({
  imports: [TypeOrmModule.forFeature([CheckinEntity]), PointsModule, CouponsModule, TiersModule, NoticesModule, MemberDayModule],
  controllers: [CheckinController],
  providers: [CheckinService, CheckinAdminService, CheckinReminderJob, CheckinDefaultsService],
  exports: [CheckinService],
})
export class CheckinModule {}
