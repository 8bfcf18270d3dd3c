import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TokenService } from './token.service';
import { AccessGuard } from './access.guard';
import { RefreshTokenEntity } from './refresh-token.entity';
import { MemberAuthService } from './member-auth.service';
import { AuthController } from './auth.controller';
import { MembersModule } from '../members/members.module';
import { WechatModule } from '../wechat/wechat.module';

@Module({
  imports: [JwtModule.register({}), TypeOrmModule.forFeature([RefreshTokenEntity]), MembersModule, WechatModule],
  controllers: [AuthController],
  providers: [TokenService, AccessGuard, MemberAuthService],
  exports: [TokenService, AccessGuard],
})
export class AuthModule {}
