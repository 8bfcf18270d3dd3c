import { DynamicModule, Global, Module } from '@nestjs/common';
import { ClockService } from './clock.service';
import { DevClockController } from './dev-clock.controller';

@Global()
@Module({})
export class ClockModule {
  static register(fakeClock: boolean): DynamicModule {
    return {
      module: ClockModule,
      controllers: fakeClock ? [DevClockController] : [],
      providers: [ClockService],
      exports: [ClockService],
    };
  }
}
