import { Module } from '@nestjs/common';
import { DemoSeedService } from './demo-seed.service';
import { PointsModule } from '../points/points.module';
import { TiersModule } from '../tiers/tiers.module';

@Module({ imports: [PointsModule, TiersModule], providers: [DemoSeedService] })
export class SeedModule {}
