import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MemberNoticeEntity, MemberSubscriptionEntity } from './notice.entities';
import { NoticesService } from './notices.service';
import { NoticesController } from './notices.controller';
import { WechatModule } from '../wechat/wechat.module';

@Module({
  imports: [TypeOrmModule.forFeature([MemberNoticeEntity, MemberSubscriptionEntity]), WechatModule],
  controllers: [NoticesController],
  providers: [NoticesService],
  exports: [NoticesService],
})
export class NoticesModule {}
