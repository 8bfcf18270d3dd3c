import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Public } from '../auth/auth.decorators';
import { JobRunResponse } from '../jobs/dev-jobs.controller';
import { CampaignRunnerService } from './campaign-runner.service';

export class RunCampaignsDto {
  @ApiPropertyOptional({ description: 'Run key (default: the store minute); tests pass distinct keys to run two ticks at once' })
  @IsOptional()
  @IsString()
  @MaxLength(48)
  runKey?: string;
}

/** Test clock companion (FAKE_CLOCK only): run the campaign tick now under the test clock. */
@ApiTags('dev')
@Controller('api/dev/campaigns')
export class CampaignsDevController {
  constructor(private readonly runner: CampaignRunnerService) {}

  @Public()
  @Post('run')
  @HttpCode(200)
  @ApiOkResponse({ type: JobRunResponse })
  run(@Body() dto: RunCampaignsDto): Promise<JobRunResponse> {
    return this.runner.runNow(dto.runKey);
  }
}
