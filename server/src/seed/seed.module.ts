import { Module } from '@nestjs/common';
import { DemoSeedService } from './demo-seed.service';
import { PointsModule } from '../points/points.module';
import { TiersModule } from '../tiers/tiers.module';
import { AnalyticsModule } from '../analytics/analytics.module';
import { DemoAnalyticsSeeder } from './demo-analytics.seed';

@Module({ imports: [PointsModule, TiersModule, AnalyticsModule], providers: [DemoSeedService, DemoAnalyticsSeeder] })
export class SeedModule {}
