import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TIER_CODES, TierCode } from '@mall/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { MemberEntity } from '../members/member.entity';
import { newId, newInviteCode } from '../common/ids';
import { TransactionRunner } from '../database/transaction-runner';
import { PointsService } from '../points/points.service';
import { TiersService } from '../tiers/tiers.service';
import { GrowthEntryEntity } from '../tiers/tier.entities';
import { CheckinEntity } from '../checkin/checkin.entity';
import { addDays } from '@mall/shared';
import { ReferralEntity } from '../referrals/referral.entity';
import { ReferralEventEntity } from '../referrals/referral-event.entity';
import { DemoAnalyticsSeeder } from './demo-analytics.seed';

/** Small deterministic PRNG so every demo database looks the same. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const NICK_PARTS = ['小鱼', '阿狸', '晴天', '木子', '星星', '橙子', '豆豆', '果果', '月亮', '清风', '可乐', '糖糖', '大白', '安安', '乐乐', '小米'];
export const DEMO_MEMBER_COUNT = 300;

/**
 * Fills an empty database with a few hundred members whose histories vary (join dates over the past
 * year, activity, tiers, points, birthdays, phones, invitations). Runs only with SEED_DEMO=1, which
 * production refuses. Later features extend it with their own demo data.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: ClockService,
    private readonly tx: TransactionRunner,
    private readonly points: PointsService,
    private readonly tiers: TiersService,
    private readonly analytics: DemoAnalyticsSeeder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    const repo = this.dataSource.getRepository(MemberEntity);
    if ((await repo.count()) > 0) return;
    const now = this.clock.now();
    const members = this.buildMembers(now);
    // The demo member has a few recent friends to show on the invite page.
    const demo = members[0];
    members
      .filter((m) => m !== demo && !m.inviterId && m.joinedAt > demo.joinedAt && now.getTime() - m.joinedAt.getTime() < 25 * 86_400_000)
      .slice(0, 4)
      .forEach((m) => (m.inviterId = demo.id));
    const { thresholds } = await this.tiers.settings();
    await this.tx.run(async ({ em }) => {
      for (let i = 0; i < members.length; i += 100) {
        const chunk = members.slice(i, i + 100);
        // Balances start at zero and arrive through the ledger, like every other points change.
        await em.insert(MemberEntity, chunk.map((m) => ({ ...m, pointsBalance: 0 })));
      }
      for (const m of members) {
        if (m.pointsBalance > 0) {
          const result = await this.points.apply(em, { memberId: m.id, delta: m.pointsBalance, reason: 'admin_adjust', ref: 'demo-seed', note: '演示数据初始积分' });
          if (!result.ok) throw new Error(result.message);
        }
        if (m.tier !== 'normal') {
          // Enough growth in the past year to hold the tier, earned around the day they joined it.
          const growth = thresholds[m.tier] + Math.floor((m.pointsBalance % 97) * 10);
          const earnedAt = new Date(Math.max(m.joinedAt.getTime(), now.getTime() - 300 * 86_400_000));
          await em.insert(GrowthEntryEntity, { id: newId(), memberId: m.id, delta: growth, reason: 'order_paid', ref: 'demo-seed', createdAt: earnedAt });
          await em.update(MemberEntity, { id: m.id }, { tierReachedAt: earnedAt, tierReviewOn: this.tiers.reviewDayAfterYear(earnedAt) });
        }
      }
    });
    await this.seedCheckins(members.slice(0, 120), now);
    await this.seedReferrals(members, now);
    const events = await this.analytics.seed(members, now, mulberry32(13));
    this.logger.log(`Seeded ${members.length} demo members and ${events} analytics events`);
  }

  /** A month of check-in history for the most active members, through the ledger like real ones. */
  private async seedCheckins(members: MemberEntity[], now: Date): Promise<void> {
    const rand = mulberry32(7);
    const today = this.clock.today(now);
    await this.tx.run(async ({ em }) => {
      for (const m of members) {
        let streak = 0;
        for (let back = 29; back >= 1; back--) {
          const day = addDays(today, -back);
          if (new Date(`${day}T00:00:00Z`).getTime() < m.joinedAt.getTime() || rand() < 0.3) {
            streak = 0;
            continue;
          }
          streak++;
          const result = await this.points.apply(em, { memberId: m.id, delta: 5, reason: 'checkin', ref: day });
          if (!result.ok) throw new Error(result.message);
          const rewards = JSON.stringify([{ kind: 'points', points: 5, label: '5积分', reason: 'checkin' }]);
          await em.insert(CheckinEntity, { id: newId(), memberId: m.id, day, kind: 'normal', streak, points: 5, rewards, createdAt: new Date(`${day}T01:00:00Z`) });
        }
      }
    });
  }

  /** Invitations for the members who arrived invited, and a month of shares and opens for the funnel. */
  private async seedReferrals(members: MemberEntity[], now: Date): Promise<void> {
    const rand = mulberry32(11);
    const byId = new Map(members.map((m) => [m.id, m]));
    const today = this.clock.today(now);
    await this.tx.run(async ({ em }) => {
      for (const m of members) {
        if (!m.inviterId) continue;
        const qualified = rand() < 0.7;
        const qualifiedAt = new Date(Math.min(now.getTime(), m.joinedAt.getTime() + Math.floor(rand() * 3 * 86_400_000)));
        await em.insert(ReferralEntity, {
          inviteeId: m.id,
          inviterId: m.inviterId,
          state: qualified ? 'qualified' : 'bound',
          welcomePoints: 50,
          rewardPoints: qualified ? 20 : 0,
          rewardDay: qualified ? this.clock.today(qualifiedAt) : null,
          blockReason: null,
          boundAt: m.joinedAt,
          qualifiedAt: qualified ? qualifiedAt : null,
        });
        if (qualified) {
          const result = await this.points.apply(em, { memberId: m.inviterId, delta: 20, reason: 'referral', ref: `referral:${m.id}`, note: '邀请好友奖励' });
          if (!result.ok) throw new Error(result.message);
        }
      }
      const inviters = [...new Set(members.filter((m) => m.inviterId).map((m) => m.inviterId!))].map((id) => byId.get(id)!);
      const events: ReferralEventEntity[] = [];
      for (let back = 29; back >= 0; back--) {
        const day = addDays(today, -back);
        const createdAt = new Date(`${day}T04:00:00Z`);
        for (let i = 0; i < 3 + Math.floor(rand() * 8); i++) {
          const inviter = inviters[Math.floor(rand() * inviters.length)];
          events.push({ id: newId(), inviterId: inviter.id, kind: 'share', channel: rand() < 0.6 ? 'chat' : rand() < 0.5 ? 'poster' : 'timeline', day, createdAt });
          for (let o = 0; o < (rand() < 0.6 ? 1 : 0); o++) events.push({ id: newId(), inviterId: inviter.id, kind: 'open', channel: 'pages/index/index', day, createdAt });
        }
      }
      for (let i = 0; i < events.length; i += 100) await em.insert(ReferralEventEntity, events.slice(i, i + 100));
    });
  }

  buildMembers(now: Date): MemberEntity[] {
    const rand = mulberry32(20261123);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const day = 86_400_000;
    const members: MemberEntity[] = [];
    for (let i = 0; i < DEMO_MEMBER_COUNT; i++) {
      const joinedAt = new Date(now.getTime() - Math.floor(rand() * 400 * day) - Math.floor(rand() * day));
      const sinceJoin = now.getTime() - joinedAt.getTime();
      // A third are active this week, a third drift, a third are dormant.
      const activity = rand();
      const lastActiveAt = new Date(
        activity < 0.35 ? now.getTime() - Math.floor(rand() * 7 * day) : joinedAt.getTime() + Math.floor(rand() * sinceJoin),
      );
      const tierRoll = rand();
      const tier: TierCode = tierRoll < 0.6 ? 'normal' : tierRoll < 0.85 ? 'silver' : tierRoll < 0.96 ? 'gold' : 'diamond';
      const month = 1 + Math.floor(rand() * 12);
      const dayOfMonth = 1 + Math.floor(rand() * 28);
      const inviter = members.length > 20 && rand() < 0.25 ? pick(members) : null;
      members.push({
        id: newId(),
        openid: `demo-openid-${String(i).padStart(4, '0')}`,
        unionid: null,
        nickname: i === 0 ? '演示会员' : rand() < 0.5 ? `${pick(SURNAMES)}${pick(NICK_PARTS)}` : pick(NICK_PARTS) + (i % 100),
        avatarUrl: '',
        phone: rand() < 0.7 ? `1${pick(['38', '39', '58', '86', '77', '35'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}` : null,
        birthday: rand() < 0.6 ? `${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}` : null,
        birthdayChangedAt: null,
        tier,
        tierReachedAt: tier === 'normal' ? null : joinedAt,
        tierReviewOn: null,
        pointsBalance: Math.floor(rand() * (TIER_CODES.indexOf(tier) + 1) * 800),
        inviteCode: newInviteCode(),
        inviterId: inviter && inviter.joinedAt < joinedAt ? inviter.id : null,
        joinedAt,
        lastActiveAt,
      });
    }
    return members;
  }
}
