import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MemberAdminModule } from '../member-admin/member-admin.module';
import { MemberExportAuditEntity, MemberExportJobEntity } from './member-export.entities';
import { MemberExportsService } from './member-exports.service';
import { ExportJobsService } from './export-jobs.service';
import { MemberExportsController } from './member-exports.controller';

/** Member CSV exports: direct downloads, background export jobs with expiring files, and their audit. */
@Module({
  imports: [TypeOrmModule.forFeature([MemberExportAuditEntity, MemberExportJobEntity]), MemberAdminModule],
  controllers: [MemberExportsController],
  providers: [MemberExportsService, ExportJobsService],
  exports: [ExportJobsService],
})
export class MemberExportsModule {}
