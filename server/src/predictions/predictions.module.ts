import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MallModule } from '../mall/mall.module';
import { ItemPairEntity, MemberReplenishmentEntity, MemberScoreEntity, PurchaseCycleEntity } from './prediction.entities';
import { PredictionsController } from './predictions.controller';
import { PredictionsJob } from './predictions.job';
import { PredictionsService } from './predictions.service';

/** Purchase cycles, churn risk, RFM and bought-together, computed daily into tables. */
@Module({
  imports: [TypeOrmModule.forFeature([MemberScoreEntity, PurchaseCycleEntity, MemberReplenishmentEntity, ItemPairEntity]), MallModule],
  controllers: [PredictionsController],
  providers: [PredictionsJob, PredictionsService],
  exports: [PredictionsService],
})
export class PredictionsModule {}
