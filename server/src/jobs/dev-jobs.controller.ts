import { Controller, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { AppHttpError } from '../common/errors';
import { DailyJobsService } from './daily-jobs.service';

export class JobRunResponse {
  @ApiProperty() ran!: boolean;
  @ApiProperty({ required: false }) affected?: number;
  @ApiProperty({ required: false }) reason?: string;
}

/** Test clock companion (FAKE_CLOCK only): run a daily job's occurrence for the clock's store day now. */
@ApiTags('dev')
@Controller('api/dev/jobs')
export class DevJobsController {
  constructor(private readonly jobs: DailyJobsService) {}

  @Public()
  @Post(':name')
  async run(@Param('name') name: string): Promise<JobRunResponse> {
    if (!this.jobs.names().includes(name)) throw new AppHttpError(HttpStatus.NOT_FOUND, 'JOB_NOT_FOUND', `没有名为 ${name} 的任务`);
    return this.jobs.runNow(name);
  }
}
