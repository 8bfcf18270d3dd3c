import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PredictionsModule } from '../predictions/predictions.module';
import { AudienceEntity } from './audience.entity';
import { AudiencesController } from './audiences.controller';
import { AudiencesService } from './audiences.service';

/** Saved rule-based audiences over members and the daily predictions (campaigns will use them). */
@Module({
  imports: [TypeOrmModule.forFeature([AudienceEntity]), PredictionsModule],
  controllers: [AudiencesController],
  providers: [AudiencesService],
  exports: [AudiencesService],
})
export class AudiencesModule {}
