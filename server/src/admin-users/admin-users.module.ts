import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUserEntity } from './admin-user.entity';
import { AdminUsersService } from './admin-users.service';
import { AdminAuthController } from './admin-auth.controller';
import { AuthModule } from '../auth/auth.module';

@Module({
  imports: [TypeOrmModule.forFeature([AdminUserEntity]), AuthModule],
  controllers: [AdminAuthController],
  providers: [AdminUsersService],
  exports: [AdminUsersService],
})
export class AdminUsersModule {}
