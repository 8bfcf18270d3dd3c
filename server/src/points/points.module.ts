import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PointsEntryEntity, PointsHoldEntity, PointsLotEntity, PointsLotTakeEntity } from './points.entities';
import { PointsService } from './points.service';
import { PointsController } from './points.controller';
import { AdminPointsController } from './admin-points.controller';
import { AdminPointsSettingsController } from './admin-points-settings.controller';
import { AdminPointsService } from './admin-points.service';
import { PointsExpiryJob } from './points-expiry.job';
import { PointsEconomyService } from './points-economy.service';
import { AdminPointsEconomyController } from './admin-points-economy.controller';
import { MembersModule } from '../members/members.module';
import { NoticesModule } from '../notices/notices.module';

@Module({
  imports: [TypeOrmModule.forFeature([PointsEntryEntity, PointsLotEntity, PointsLotTakeEntity, PointsHoldEntity]), MembersModule, NoticesModule],
  controllers: [PointsController, AdminPointsController, AdminPointsSettingsController, AdminPointsEconomyController],
  providers: [PointsService, AdminPointsService, PointsExpiryJob, PointsEconomyService],
  exports: [PointsService],
})
export class PointsModule {}
