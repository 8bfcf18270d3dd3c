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

  @Column({ type: 'varchar', length: 16, default: 'running' })
  status!: 'running' | 'done' | 'failed';

  @Column({ type: 'int', default: 0 })
  affected!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;
}
