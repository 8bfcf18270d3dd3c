import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AudiencesModule } from '../audiences/audiences.module';
import { CouponsModule } from '../coupons/coupons.module';
import { MemberDayModule } from '../member-day/member-day.module';
import { NoticesModule } from '../notices/notices.module';
import { PointsModule } from '../points/points.module';
import { PredictionsModule } from '../predictions/predictions.module';
import { TiersModule } from '../tiers/tiers.module';
import { CampaignEntity, CampaignSendEntity } from './campaign.entities';
import { CampaignDeliveryService } from './campaign-delivery.service';
import { CampaignOffersController } from './campaign-offers.controller';
import { CampaignOffersService } from './campaign-offers.service';
import { CampaignOfferUsageListener } from './campaign-offer-usage.listener';
import { CampaignResultsService } from './campaign-results.service';
import { CampaignRunnerService } from './campaign-runner.service';
import { CampaignSettingsController, CampaignsAdminController } from './campaigns-admin.controller';
import { CampaignsAdminService } from './campaigns-admin.service';
import { CampaignsDevController } from './campaigns-dev.controller';

/** Retention campaigns: triggers, the send runner, member offers and measured results. */
@Module({})
export class CampaignsModule {
  /** With the test clock, a dev endpoint runs the tick on demand (like api/dev/jobs). */
  static register(fakeClock: boolean): DynamicModule {
    return {
      module: CampaignsModule,
      imports: [TypeOrmModule.forFeature([CampaignEntity, CampaignSendEntity]), AudiencesModule, CouponsModule, PointsModule, NoticesModule, MemberDayModule, TiersModule, PredictionsModule],
      controllers: [CampaignOffersController, CampaignsAdminController, CampaignSettingsController, ...(fakeClock ? [CampaignsDevController] : [])],
      providers: [CampaignOffersService, CampaignsAdminService, CampaignResultsService, CampaignDeliveryService, CampaignRunnerService, CampaignOfferUsageListener],
    };
  }
}
