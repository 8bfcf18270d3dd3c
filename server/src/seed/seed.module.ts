import { Module } from '@nestjs/common';
import { DemoSeedService } from './demo-seed.service';
import { MallDemoSeedService } from './mall-demo-seed.service';
import { PointsModule } from '../points/points.module';
import { TiersModule } from '../tiers/tiers.module';
import { AnalyticsModule } from '../analytics/analytics.module';
import { DemoAnalyticsSeeder } from './demo-analytics.seed';
import { MediaModule } from '../media/media.module';

@Module({ imports: [PointsModule, TiersModule, AnalyticsModule, MediaModule], providers: [DemoSeedService, DemoAnalyticsSeeder, MallDemoSeedService] })
export class SeedModule {}
