import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MemberEntity, MemberWechatSessionEntity } from './member.entity';
import { MembersService } from './members.service';
import { AdminMembersController } from './admin-members.controller';

@Module({
  imports: [TypeOrmModule.forFeature([MemberEntity, MemberWechatSessionEntity])],
  controllers: [AdminMembersController],
  providers: [MembersService],
  exports: [MembersService],
})
export class MembersModule {}
