import { DynamicModule, Global, Module } from '@nestjs/common';
import { DailyJobsService } from './daily-jobs.service';
import { DevJobsController } from './dev-jobs.controller';

@Global()
@Module({})
export class JobsModule {
  static register(fakeClock: boolean): DynamicModule {
    return {
      module: JobsModule,
      controllers: fakeClock ? [DevJobsController] : [],
      providers: [DailyJobsService],
      exports: [DailyJobsService],
    };
  }
}
