import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const ADMIN_ROLES = ['owner', 'operator', 'analyst'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

@Entity('admin_users')
export class AdminUserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('uq_admin_users_username', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  username!: string;

  /** `scrypt$N$r$p$salt$hash`, all base64url. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: AdminRole;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'last_login_at', type: 'datetime', nullable: true })
  lastLoginAt!: Date | null;
}
