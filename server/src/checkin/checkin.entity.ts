import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per member per store day; the unique key is what makes a double tap award once. */
@Entity('checkins')
@Index('uq_checkins_member_day', ['memberId', 'day'], { unique: true })
@Index('idx_checkins_day', ['day'])
export class CheckinEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  /** The store calendar day, YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: 'normal' | 'makeup';

  /** The streak this day completed. */
  @Column({ type: 'int' })
  streak!: number;

  /** Points awarded for the day (base × multipliers + ladder bonus); negative for a paid make-up. */
  @Column({ type: 'int' })
  points!: number;

  /** What the member got, as shown to them (JSON). */
  @Column({ type: 'text' })
  rewards!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
