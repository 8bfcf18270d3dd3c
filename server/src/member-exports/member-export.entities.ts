import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who exported members, when, with which filters and columns, how many rows, and whether phones were in full. */
@Entity('member_export_audit')
@Index('idx_member_export_audit_created', ['createdAt'])
export class MemberExportAuditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'admin_id', type: 'varchar', length: 36 })
  adminId!: string;

  @Column({ name: 'admin_username', type: 'varchar', length: 32 })
  adminUsername!: string;

  @Column({ name: 'admin_role', type: 'varchar', length: 16 })
  adminRole!: string;

  /** `direct` (streamed download) or `job` (file written by an export job). */
  @Column({ type: 'varchar', length: 8 })
  kind!: 'direct' | 'job';

  @Column({ name: 'job_id', type: 'varchar', length: 36, nullable: true })
  jobId!: string | null;

  /** The filters as given (JSON). */
  @Column({ type: 'text' })
  filters!: string;

  /** The column keys written (JSON). */
  @Column({ type: 'text' })
  columns!: string;

  @Column({ type: 'boolean', default: false })
  unmasked!: boolean;

  /** Rows written; null while the export runs. */
  @Column({ name: 'row_count', type: 'int', nullable: true })
  rowCount!: number | null;

  @Column({ type: 'varchar', length: 12, default: 'started' })
  status!: 'started' | 'completed' | 'aborted' | 'failed';

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'datetime', nullable: true })
  finishedAt!: Date | null;
}

/** A large export written to a file in the background; downloadable by its admin until it expires. */
@Entity('member_export_jobs')
@Index('idx_member_export_jobs_admin', ['adminId', 'createdAt'])
@Index('idx_member_export_jobs_expiry', ['status', 'expiresAt'])
export class MemberExportJobEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'admin_id', type: 'varchar', length: 36 })
  adminId!: string;

  @Column({ type: 'text' })
  filters!: string;

  @Column({ type: 'boolean', default: false })
  unmasked!: boolean;

  @Column({ type: 'varchar', length: 12 })
  status!: 'running' | 'done' | 'failed' | 'expired';

  @Column({ name: 'rows_matched', type: 'int', default: 0 })
  rowsMatched!: number;

  @Column({ name: 'rows_written', type: 'int', default: 0 })
  rowsWritten!: number;

  @Column({ name: 'file_name', type: 'varchar', length: 128, nullable: true })
  fileName!: string | null;

  @Column({ name: 'file_bytes', type: 'bigint', nullable: true })
  fileBytes!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  error!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'datetime', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'datetime', nullable: true })
  expiresAt!: Date | null;
}
