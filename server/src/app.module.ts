import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { ClockModule } from './clock/clock.module';
import { DatabaseModule } from './database/database.module';
import { AuthModule } from './auth/auth.module';
import { AccessGuard } from './auth/access.guard';
import { MembersModule } from './members/members.module';
import { AdminUsersModule } from './admin-users/admin-users.module';
import { WechatModule } from './wechat/wechat.module';
import { HealthController } from './health/health.controller';
import { SeedModule } from './seed/seed.module';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { PlatformModule } from './database/platform.module';
import { JobsModule } from './jobs/jobs.module';
import { NoticesModule } from './notices/notices.module';
import { PointsModule } from './points/points.module';
import { TiersModule } from './tiers/tiers.module';
import { MediaModule } from './media/media.module';
import { AccountModule } from './account/account.module';
import { CouponsModule } from './coupons/coupons.module';
import { CheckinModule } from './checkin/checkin.module';
import { MemberDayModule } from './member-day/member-day.module';
import { ReferralsModule } from './referrals/referrals.module';
import { MallModule } from './mall/mall.module';
import { RedisModule } from './redis/redis.module';
import { RedisService } from './redis/redis.service';
import { RedisThrottlerStorage } from './redis/redis-throttler.storage';
import { AnalyticsModule } from './analytics/analytics.module';
import { MemberAdminModule } from './member-admin/member-admin.module';
import { MemberExportsModule } from './member-exports/member-exports.module';
import { PredictionsModule } from './predictions/predictions.module';
import { AudiencesModule } from './audiences/audiences.module';
import { CampaignsModule } from './campaigns/campaigns.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password', 'req.body.code'],
            customProps: () => ({ service: 'mall-server' }),
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        ClockModule.register(config.fakeClock),
        RedisModule,
        // With Redis the limits are counted across every instance; without it, in this process.
        ThrottlerModule.forRootAsync({
          inject: [RedisService],
          useFactory: (redis: RedisService) => ({
            throttlers: [{ name: 'login', ttl: 60_000, limit: config.auth.loginRateLimitPerMinute }],
            storage: redis.enabled ? new RedisThrottlerStorage(redis) : undefined,
          }),
        }),
        ScheduleModule.forRoot(),
        EventEmitterModule.forRoot(),
        DatabaseModule,
        PlatformModule,
        JobsModule.register(config.fakeClock),
        WechatModule,
        AuthModule,
        MembersModule,
        AdminUsersModule,
        AccountModule,
        NoticesModule,
        PointsModule,
        TiersModule,
        CouponsModule,
        CheckinModule,
        MemberDayModule,
        ReferralsModule,
        MallModule,
        AnalyticsModule,
        MemberAdminModule,
        MemberExportsModule,
        PredictionsModule,
        AudiencesModule,
        CampaignsModule.register(config.fakeClock),
        MediaModule,
        SeedModule,
      ],
      controllers: [HealthController],
      // Every route must declare its access (Public / MemberAuth / AdminAuth) or it is refused.
      providers: [{ provide: APP_GUARD, useExisting: AccessGuard }],
    };
  }
}
