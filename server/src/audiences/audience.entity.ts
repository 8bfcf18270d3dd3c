import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AudienceRule } from '@mall/shared';

/** A saved, rule-based audience (the members matching all its rules, evaluated in SQL). */
@Entity('audiences')
@Index('uq_audiences_name', ['name'], { unique: true })
export class AudienceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  description!: string;

  @Column({ type: 'simple-json' })
  rules!: AudienceRule[];

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
