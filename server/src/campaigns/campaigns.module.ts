import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AudiencesModule } from '../audiences/audiences.module';
import { CouponsModule } from '../coupons/coupons.module';
import { PointsModule } from '../points/points.module';
import { CampaignEntity, CampaignSendEntity } from './campaign.entities';
import { CampaignOffersController } from './campaign-offers.controller';
import { CampaignOffersService } from './campaign-offers.service';
import { CampaignResultsService } from './campaign-results.service';
import { CampaignSettingsController, CampaignsAdminController } from './campaigns-admin.controller';
import { CampaignsAdminService } from './campaigns-admin.service';

/** Retention campaigns: triggers, the send runner, member offers and measured results. */
@Module({
  imports: [TypeOrmModule.forFeature([CampaignEntity, CampaignSendEntity]), AudiencesModule, CouponsModule, PointsModule],
  controllers: [CampaignOffersController, CampaignsAdminController, CampaignSettingsController],
  providers: [CampaignOffersService, CampaignsAdminService, CampaignResultsService],
})
export class CampaignsModule {}
