import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Raw events as the mini-program sent them, kept `ANALYTICS_RAW_RETENTION_DAYS` days. Only the
 * roll-up job reads them; the dashboard reads the daily tables below.
 */
@Entity('analytics_events')
@Index('idx_analytics_events_day', ['day', 'memberId'])
export class AnalyticsEventEntity {
  @PrimaryColumn({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  /** The client-made event id: the key (member, client id) makes a resent event a no-op. */
  @PrimaryColumn({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ type: 'varchar', length: 12 })
  type!: string;

  /** When it happened on the device, ms since epoch. */
  @Column({ type: 'bigint' })
  ts!: string;

  /** Store day of `ts`. */
  @Column({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ type: 'varchar', length: 128, nullable: true }) page!: string | null;
  @Column({ name: 'dwell_ms', type: 'int', nullable: true }) dwellMs!: number | null;
  @Column({ type: 'int', nullable: true }) scene!: number | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) platform!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) brand!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) model!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) system!: string | null;
  @Column({ name: 'wechat_version', type: 'varchar', length: 32, nullable: true }) wechatVersion!: string | null;
  @Column({ name: 'sdk_version', type: 'varchar', length: 32, nullable: true }) sdkVersion!: string | null;
  @Column({ name: 'screen_width', type: 'int', nullable: true }) screenWidth!: number | null;
  @Column({ name: 'screen_height', type: 'int', nullable: true }) screenHeight!: number | null;
  @Column({ name: 'pixel_ratio', type: 'float', nullable: true }) pixelRatio!: number | null;
  @Column({ name: 'network_type', type: 'varchar', length: 16, nullable: true }) networkType!: string | null;

  @Column({ name: 'received_at', type: 'datetime' })
  receivedAt!: Date;
}

/** One row per member per store day they were active: device, launches, page views, tier then. */
@Entity('analytics_member_days')
@Index('idx_analytics_member_days_member', ['memberId', 'day'])
export class AnalyticsMemberDayEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day!: string;
  @PrimaryColumn({ name: 'member_id', type: 'varchar', length: 36 }) memberId!: string;
  @Column({ type: 'varchar', length: 16 }) tier!: string;
  @Column({ type: 'varchar', length: 16 }) platform!: string;
  @Column({ type: 'varchar', length: 64 }) brand!: string;
  @Column({ type: 'varchar', length: 64 }) model!: string;
  @Column({ type: 'varchar', length: 64 }) system!: string;
  @Column({ name: 'wechat_version', type: 'varchar', length: 32 }) wechatVersion!: string;
  @Column({ name: 'sdk_version', type: 'varchar', length: 32 }) sdkVersion!: string;
  @Column({ name: 'network_type', type: 'varchar', length: 16 }) networkType!: string;
  @Column({ type: 'int' }) launches!: number;
  @Column({ name: 'page_views', type: 'int' }) pageViews!: number;
}

/** Distinct active members per store day and store hour. */
@Entity('analytics_hourly')
export class AnalyticsHourlyEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day!: string;
  @PrimaryColumn({ type: 'int' }) hour!: number;
  @Column({ type: 'int' }) members!: number;
}

/** Page views, dwell and session entries/exits per store day and page. */
@Entity('analytics_pages')
export class AnalyticsPageEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day!: string;
  @PrimaryColumn({ type: 'varchar', length: 128 }) page!: string;
  @Column({ type: 'int' }) views!: number;
  @Column({ name: 'dwell_ms_total', type: 'bigint' }) dwellMsTotal!: string;
  @Column({ name: 'dwell_count', type: 'int' }) dwellCount!: number;
  @Column({ type: 'int' }) entries!: number;
  @Column({ type: 'int' }) exits!: number;
}

/** Launches per store day and scene value. */
@Entity('analytics_scenes')
export class AnalyticsSceneEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day!: string;
  @PrimaryColumn({ type: 'int' }) scene!: number;
  @Column({ type: 'int' }) launches!: number;
}

/** DAU, WAU (7 store days) and MAU (30 store days) ending on each store day. */
@Entity('analytics_daily_active')
export class AnalyticsDailyActiveEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day!: string;
  @Column({ type: 'int' }) dau!: number;
  @Column({ type: 'int' }) wau!: number;
  @Column({ type: 'int' }) mau!: number;
}

export const ANALYTICS_ENTITIES = [AnalyticsEventEntity, AnalyticsMemberDayEntity, AnalyticsHourlyEntity, AnalyticsPageEntity, AnalyticsSceneEntity, AnalyticsDailyActiveEntity];
