import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per scheduled job occurrence; the unique key is what makes a job run once across servers. */
@Entity('job_runs')
@Index('uq_job_runs_occurrence', ['jobName', 'runKey'], { unique: true })
export class JobRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'job_name', type: 'varchar', length: 48 })
  jobName!: string;

  /** The occurrence, e.g. the store day `2026-11-23`. */
  @Column({ name: 'run_key', type: 'varchar', length: 48 })
  runKey!: string;

  @Column({ type: 'varchar', length: 64 })
  owner!: string;

  @Column({ name: 'started_at', type: 'datetime' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'datetime', nullable: true })
  finishedAt!: Date | null;

  /**
   * Real time until which the owner is known alive; it renews it while the job runs. A `running`
   * occurrence whose lease has passed belongs to a crashed instance and may be taken over.
   */
  @Column({ name: 'lease_until', type: 'datetime', nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'running' })
  status!: 'running' | 'done' | 'failed';

  @Column({ type: 'int', default: 0 })
  affected!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;
}
