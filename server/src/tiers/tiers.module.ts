import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GrowthEntryEntity, TierHistoryEntity } from './tier.entities';
import { TiersService } from './tiers.service';
import { TiersAdminService } from './tiers-admin.service';
import { TiersController } from './tiers.controller';
import { TierReviewJob } from './tier-review.job';
import { BirthdayGiftJob } from './birthday-gift.job';
import { MembersModule } from '../members/members.module';
import { MediaModule } from '../media/media.module';
import { PointsModule } from '../points/points.module';
import { NoticesModule } from '../notices/notices.module';

@Module({
  imports: [TypeOrmModule.forFeature([GrowthEntryEntity, TierHistoryEntity]), MembersModule, MediaModule, PointsModule, NoticesModule],
  controllers: [TiersController],
  providers: [TiersService, TiersAdminService, TierReviewJob, BirthdayGiftJob],
  exports: [TiersService],
})
export class TiersModule {}
