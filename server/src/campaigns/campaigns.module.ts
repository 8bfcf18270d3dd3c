import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CouponsModule } from '../coupons/coupons.module';
import { PointsModule } from '../points/points.module';
import { CampaignEntity, CampaignSendEntity } from './campaign.entities';
import { CampaignOffersController } from './campaign-offers.controller';
import { CampaignOffersService } from './campaign-offers.service';

/** Retention campaigns: triggers, the send runner, member offers and measured results. */
@Module({
  imports: [TypeOrmModule.forFeature([CampaignEntity, CampaignSendEntity]), CouponsModule, PointsModule],
  controllers: [CampaignOffersController],
  providers: [CampaignOffersService],
})
export class CampaignsModule {}
