import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Public } from '../auth/auth.decorators';
import { RedisService } from '../redis/redis.service';

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded', 'unhealthy'] }) status!: 'ok' | 'degraded' | 'unhealthy';
  @ApiProperty({ enum: ['sqlite', 'mysql'] }) db!: 'sqlite' | 'mysql';
  @ApiPropertyOptional({ enum: ['ok', 'down'], description: 'Only when REDIS_URL is set' }) redis?: 'ok' | 'down';
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
    private readonly redis: RedisService,
  ) {}

  /**
   * Liveness plus a real round trip to the database, and to Redis when REDIS_URL is set: 503 while
   * the database cannot answer; 200 `degraded` while only Redis cannot (the instance still serves,
   * with the fallbacks the README describes).
   */
  @Public()
  @Get('health')
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const db = this.config.database.kind;
    const [dbUp, redisUp] = await Promise.all([
      withTimeout(this.dataSource.query('SELECT 1'), 2000).then(() => true, () => false),
      this.redis.enabled ? this.redis.ping(2000).then(() => true, () => false) : Promise.resolve(undefined),
    ]);
    const redis = redisUp === undefined ? {} : { redis: redisUp ? ('ok' as const) : ('down' as const) };
    if (dbUp && redisUp !== false) return { status: 'ok', db, ...redis };
    // Without Redis the instance still serves (per-instance limits, database locks): degraded, not
    // down, so a load balancer keeps it. Without the database nothing works: 503.
    if (dbUp) return { status: 'degraded', db, ...redis, code: 'REDIS_UNAVAILABLE', message: 'Redis 暂时不可用，服务降级运行' };
    void reply.status(503);
    return { status: 'unhealthy', db, ...redis, code: 'DB_UNAVAILABLE', message: '数据库暂时不可用' };
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

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
