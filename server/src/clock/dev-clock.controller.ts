import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { ClockService } from './clock.service';
import { Public } from '../auth/auth.decorators';

export class SetClockDto {
  @ApiProperty({ example: '2026-03-01T15:59:00.000Z', description: 'ISO 8601 instant' })
  @IsISO8601({ strict: true })
  now!: string;
}

export class ClockResponse {
  @ApiProperty() now!: string;
  @ApiProperty({ description: 'The store calendar day of `now`' }) today!: string;
}

/** Test clock; only registered when FAKE_CLOCK=1 (see ClockModule). */
@ApiTags('dev')
@Controller('api/dev/clock')
export class DevClockController {
  constructor(private readonly clock: ClockService) {}

  @Public()
  @Get()
  get(): ClockResponse {
    return this.describe();
  }

  @Public()
  @Put()
  set(@Body() dto: SetClockDto): ClockResponse {
    this.clock.setNow(new Date(dto.now));
    return this.describe();
  }

  @Public()
  @Delete()
  @HttpCode(200)
  reset(): ClockResponse {
    this.clock.reset();
    return this.describe();
  }

  private describe(): ClockResponse {
    const now = this.clock.now();
    return { now: now.toISOString(), today: this.clock.today(now) };
  }
}
