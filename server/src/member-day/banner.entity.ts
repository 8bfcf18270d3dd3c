import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type BannerTarget = 'item' | 'page' | 'coupon';

/** A home-page banner: an image, a title and where a tap goes, for some tiers and dates. */
@Entity('member_day_banners')
@Index('idx_banners_window', ['startsAt', 'endsAt'])
export class BannerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'image_url', type: 'varchar', length: 200 })
  imageUrl!: string;

  @Column({ type: 'varchar', length: 40 })
  title!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 12 })
  targetType!: BannerTarget;

  /** A mall item id, a mini-program page path, or a coupon template id. */
  @Column({ name: 'target_value', type: 'varchar', length: 200 })
  targetValue!: string;

  @Column({ name: 'starts_at', type: 'datetime' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'datetime' })
  endsAt!: Date;

  /** Comma-separated tiers that see it; empty = everyone. */
  @Column({ type: 'varchar', length: 64, default: '' })
  tiers!: string;

  @Column({ name: 'member_day_only', type: 'boolean', default: false })
  memberDayOnly!: boolean;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
