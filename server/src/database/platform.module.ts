import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TransactionRunner } from './transaction-runner';
import { JobRunEntity } from '../jobs/job-run.entity';
import { JobLockService } from '../jobs/job-lock.service';
import { StoreSettingEntity } from '../settings/store-setting.entity';
import { SettingsService } from '../settings/settings.service';
import { AdminAuditEntity } from '../audit/admin-audit.entity';
import { AuditService } from '../audit/audit.service';

/** Cross-cutting services every domain module uses: transactions, run-once jobs, settings, audit. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([JobRunEntity, StoreSettingEntity, AdminAuditEntity])],
  providers: [TransactionRunner, JobLockService, SettingsService, AuditService],
  exports: [TransactionRunner, JobLockService, SettingsService, AuditService],
})
export class PlatformModule {}
