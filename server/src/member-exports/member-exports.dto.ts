import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';

const FILTERS_SCHEMA: ApiPropertyOptions = { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] }, description: 'The filters as given' };

export class ExportJobResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['running', 'done', 'failed', 'expired'] }) status!: 'running' | 'done' | 'failed' | 'expired';
  @ApiProperty() rowsMatched!: number;
  @ApiProperty() rowsWritten!: number;
  @ApiProperty() unmasked!: boolean;
  @ApiProperty(FILTERS_SCHEMA) filters!: Record<string, string | number>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) finishedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time', description: 'The file is deleted then' }) expiresAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) error!: string | null;
}

export class ExportJobListResponse {
  @ApiProperty({ type: [ExportJobResponse] }) items!: ExportJobResponse[];
}

export class ExportAuditRow {
  @ApiProperty() id!: string;
  @ApiProperty() adminId!: string;
  @ApiProperty() adminUsername!: string;
  @ApiProperty({ enum: ['owner', 'operator', 'analyst'] }) adminRole!: string;
  @ApiProperty({ enum: ['direct', 'job'] }) kind!: 'direct' | 'job';
  @ApiPropertyOptional({ type: String, nullable: true }) jobId!: string | null;
  @ApiProperty(FILTERS_SCHEMA) filters!: Record<string, string | number>;
  @ApiProperty({ type: [String] }) columns!: string[];
  @ApiProperty({ description: 'Full phone numbers were exported' }) unmasked!: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Rows written; null while running' }) rowCount!: number | null;
  @ApiProperty({ enum: ['started', 'completed', 'aborted', 'failed'] }) status!: 'started' | 'completed' | 'aborted' | 'failed';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) finishedAt!: string | null;
}

export class ExportAuditPageResponse {
  @ApiProperty({ type: [ExportAuditRow] }) items!: ExportAuditRow[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
