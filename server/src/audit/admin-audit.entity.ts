import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who did what to whom and why, for every merchant action that changes member data or settings. */
@Entity('admin_audit_log')
@Index('idx_admin_audit_target', ['targetType', 'targetId', 'createdAt'])
@Index('idx_admin_audit_created', ['createdAt'])
export class AdminAuditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'admin_id', type: 'varchar', length: 36 })
  adminId!: string;

  @Column({ name: 'admin_username', type: 'varchar', length: 32 })
  adminUsername!: string;

  @Column({ type: 'varchar', length: 48 })
  action!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType!: string;

  @Column({ name: 'target_id', type: 'varchar', length: 64, nullable: true })
  targetId!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
