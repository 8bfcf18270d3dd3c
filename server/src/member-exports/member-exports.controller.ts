import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../auth/auth.decorators';
import { rolesWith } from '../admin-users/admin-permissions';
import { unwrap } from '../common/errors';
import { PageQuery } from '../common/pagination.dto';
import { MemberExportQuery } from '../member-admin/member-filters.dto';
import { ExportAuditPageResponse, ExportJobListResponse, ExportJobResponse } from './member-exports.dto';
import { toExportAuditRow, toExportJobResponse } from './member-exports.mapper';
import { MemberExportsService } from './member-exports.service';
import { ExportJobsService } from './export-jobs.service';

function sendCsv(reply: FastifyReply, stream: Readable, fileName: string, bytes?: number): void {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff');
  if (bytes !== undefined) void reply.header('content-length', String(bytes));
  void reply.send(stream);
}

@ApiTags('admin')
@Controller('api/admin')
export class MemberExportsController {
  constructor(
    private readonly exportsService: MemberExportsService,
    private readonly jobs: ExportJobsService,
  ) {}

  @AdminAuth(...rolesWith('members.export'))
  @Get('members/export.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'UTF-8 CSV with BOM, CRLF, Chinese headers; streamed' })
  async exportCsv(@CurrentAdmin() admin: AdminPrincipal, @Query() query: MemberExportQuery, @Res() reply: FastifyReply): Promise<void> {
    const { stream, fileName } = unwrap(await this.exportsService.direct(admin, query));
    sendCsv(reply, stream, fileName);
  }

  @AdminAuth(...rolesWith('members.export'))
  @Post('members/exports')
  @ApiCreatedResponse({ type: ExportJobResponse })
  async startJob(@CurrentAdmin() admin: AdminPrincipal, @Query() query: MemberExportQuery): Promise<ExportJobResponse> {
    return toExportJobResponse(unwrap(await this.jobs.start(admin, query)));
  }

  @AdminAuth(...rolesWith('members.export'))
  @Get('members/exports')
  @ApiOkResponse({ type: ExportJobListResponse })
  async myJobs(@CurrentAdmin() admin: AdminPrincipal): Promise<ExportJobListResponse> {
    return { items: (await this.jobs.listMine(admin)).map(toExportJobResponse) };
  }

  @AdminAuth(...rolesWith('members.export'))
  @Get('members/exports/:jobId')
  @ApiOkResponse({ type: ExportJobResponse })
  async job(@CurrentAdmin() admin: AdminPrincipal, @Param('jobId', new ParseUUIDPipe()) jobId: string): Promise<ExportJobResponse> {
    return toExportJobResponse(unwrap(await this.jobs.get(admin, jobId)));
  }

  @AdminAuth(...rolesWith('members.export'))
  @Get('members/exports/:jobId/file')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The finished CSV, until it expires (410 after)' })
  async download(@CurrentAdmin() admin: AdminPrincipal, @Param('jobId', new ParseUUIDPipe()) jobId: string, @Res() reply: FastifyReply): Promise<void> {
    const { stream, fileName, bytes } = unwrap(await this.jobs.download(admin, jobId));
    sendCsv(reply, stream, fileName, bytes);
  }

  @AdminAuth(...rolesWith('exports.audit'))
  @Get('exports/audit')
  @ApiOkResponse({ type: ExportAuditPageResponse })
  async audit(@Query() query: PageQuery): Promise<ExportAuditPageResponse> {
    const page = await this.exportsService.auditPage(query.page, query.pageSize);
    return { ...page, items: page.items.map(toExportAuditRow) };
  }
}
