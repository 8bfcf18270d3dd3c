import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsIngestService } from './analytics-ingest.service';
import { AnalyticsFiguresService } from './analytics-figures.service';
import { AnalyticsRetentionService } from './analytics-retention.service';
import { AnalyticsRollupJob } from './analytics-rollup.job';

@Module({
  imports: [MembersModule],
  controllers: [AnalyticsController],
  providers: [AnalyticsIngestService, AnalyticsFiguresService, AnalyticsRetentionService, AnalyticsRollupJob],
  exports: [AnalyticsRetentionService, AnalyticsRollupJob],
})
export class AnalyticsModule {}
