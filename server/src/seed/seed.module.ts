import { Module } from '@nestjs/common';
import { DemoSeedService } from './demo-seed.service';
import { MallDemoSeedService } from './mall-demo-seed.service';
import { PointsModule } from '../points/points.module';
import { TiersModule } from '../tiers/tiers.module';
import { MediaModule } from '../media/media.module';

@Module({ imports: [PointsModule, TiersModule, MediaModule], providers: [DemoSeedService, MallDemoSeedService] })
export class SeedModule {}
