import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Public } from '../auth/auth.decorators';

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'unhealthy'] }) status!: 'ok' | 'unhealthy';
  @ApiProperty({ enum: ['sqlite', 'mysql'] }) db!: 'sqlite' | 'mysql';
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() message?: string;
}

export class AppConfigResponse {
  @ApiProperty() storeName!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timezone!: string;
  @ApiPropertyOptional({ description: 'Demo only: base URL of the local WeChat stand-in, for H5 login codes' })
  wechatSandboxBase?: string;
}

@ApiTags('health')
@Controller('api')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Liveness plus a real round trip to the database; 503 while the database cannot answer. */
  @Public()
  @Get('health')
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const db = this.config.database.kind;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return { status: 'ok', db };
    } catch {
      void reply.status(503);
      return { status: 'unhealthy', db, code: 'DB_UNAVAILABLE', message: '数据库暂时不可用' };
    }
  }

  /** Public, non-secret settings the mini-program and H5 build need before login. */
  @Public()
  @Get('app-config')
  @ApiOkResponse({ type: AppConfigResponse })
  appConfig(): AppConfigResponse {
    return {
      storeName: this.config.store.name,
      timezone: this.config.store.timezone,
      ...(this.config.isProduction || !this.config.wechat.sandboxPublicBase
        ? {}
        : { wechatSandboxBase: this.config.wechat.sandboxPublicBase }),
    };
  }
}
