import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Merchant-configurable rules, one JSON document per key (tiers, check-in ladder, member day…). */
@Entity('store_settings')
export class StoreSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 36, nullable: true })
  updatedBy!: string | null;
}
