import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { startOfStoreDay, addDays, TIER_CODES, TierCode, MemberPlatform } from '@mall/shared';
import { MemberEntity, MemberWechatSessionEntity } from './member.entity';
import { ClockService } from '../clock/clock.service';
import { newId, newInviteCode, INVITE_CODE_PATTERN } from '../common/ids';
import { isUniqueViolation } from '../database/db-errors';
import { Outcome, fail, ok } from '../common/errors';
import type { DashboardResponse, UpdateProfileDto } from './member.dto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { EventEmitter2 } from '@nestjs/event-emitter';

export const MEMBER_REGISTERED_EVENT = 'member.registered';
export interface MemberRegisteredEvent {
  memberId: string;
  inviterId: string | null;
}

export interface WechatIdentity {
  openid: string;
  unionid?: string;
  sessionKey: string;
  deviceFingerprint?: string;
  platform?: MemberPlatform;
}


@Injectable()
export class MembersService {
  constructor(
    @InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly events: EventEmitter2,
  ) {}

  findById(id: string): Promise<MemberEntity | null> {
    return this.members.findOneBy({ id });
  }

  /** The device of the member's latest login (fingerprint, platform); the session key stays inside. */
  async deviceOf(memberId: string): Promise<{ platform: string | null; deviceFingerprint: string | null; lastLoginAt: Date } | null> {
    const s = await this.members.manager.findOneBy(MemberWechatSessionEntity, { memberId });
    return s ? { platform: s.platform, deviceFingerprint: s.deviceFingerprint, lastLoginAt: s.updatedAt } : null;
  }

  /**
   * First login creates the member (bound to the inviter when a valid code came along); later logins
   * refresh the stored session key and the activity time. Safe under concurrent first logins: the
   * unique openid decides, and the loser reads the winner's row.
   */
  async loginWithWechat(identity: WechatIdentity, inviteCode?: string): Promise<{ member: MemberEntity; created: boolean }> {
    const now = this.clock.now();
    const existing = await this.members.findOneBy({ openid: identity.openid });
    if (existing) {
      await this.touchLogin(existing, identity, now);
      return { member: existing, created: false };
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      let member: MemberEntity;
      try {
        member = await this.tx.run(({ em }) => this.createMember(em, identity, inviteCode, now));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const winner = await this.members.findOneBy({ openid: identity.openid });
        if (winner) {
          await this.touchLogin(winner, identity, now);
          return { member: winner, created: false };
        }
        // Otherwise the invite code collided; try again with a new one.
        continue;
      }
      // Listeners (the referral welcome pack) run before the login answers, so the new member
      // sees their welcome points at once.
      const event: MemberRegisteredEvent = { memberId: member.id, inviterId: member.inviterId };
      await this.events.emitAsync(MEMBER_REGISTERED_EVENT, event);
      return { member: (await this.findById(member.id)) ?? member, created: true };
    }
    throw new Error('Could not allocate a unique invite code');
  }

  private async createMember(em: EntityManager, identity: WechatIdentity, inviteCode: string | undefined, now: Date) {
    const inviter =
      inviteCode && INVITE_CODE_PATTERN.test(inviteCode) ? await em.findOneBy(MemberEntity, { inviteCode }) : null;
    const code = newInviteCode();
    const member = em.create(MemberEntity, {
      id: newId(),
      openid: identity.openid,
      unionid: identity.unionid ?? null,
      nickname: `会员${code.slice(0, 4)}`,
      avatarUrl: '',
      phone: null,
      birthday: null,
      birthdayChangedAt: null,
      tier: 'normal',
      pointsBalance: 0,
      inviteCode: code,
      // A brand-new member has no invitees, so binding them can never close a cycle.
      inviterId: inviter ? inviter.id : null,
      joinedAt: now,
      lastActiveAt: now,
    });
    await em.insert(MemberEntity, member);
    await em.insert(MemberWechatSessionEntity, { memberId: member.id, sessionKey: identity.sessionKey, deviceFingerprint: identity.deviceFingerprint ?? null, platform: identity.platform ?? null, updatedAt: now });
    return member;
  }

  private async touchLogin(member: MemberEntity, identity: WechatIdentity, now: Date): Promise<void> {
    member.lastActiveAt = now;
    // Two independent facts (activity time, latest session key): each update stands on its own.
    await this.tx.write((em) => em.update(MemberEntity, { id: member.id }, { lastActiveAt: now }));
    await this.tx.write((em) => em.update(MemberWechatSessionEntity, { memberId: member.id }, { sessionKey: identity.sessionKey, ...(identity.deviceFingerprint ? { deviceFingerprint: identity.deviceFingerprint } : {}), ...(identity.platform ? { platform: identity.platform } : {}), updatedAt: now }));
  }

  async touchActivity(memberId: string): Promise<void> {
    await this.tx.write((em) => em.update(MemberEntity, { id: memberId }, { lastActiveAt: this.clock.now() }));
  }

  async updateProfile(memberId: string, dto: UpdateProfileDto): Promise<Outcome<MemberEntity>> {
    const member = await this.members.findOneBy({ id: memberId });
    if (!member) return fail('MEMBER_NOT_FOUND', '会员不存在', HttpStatus.NOT_FOUND);
    const now = this.clock.now();
    const patch: Partial<MemberEntity> = {};
    if (dto.nickname !== undefined) patch.nickname = dto.nickname;
    if (dto.avatarUrl !== undefined) patch.avatarUrl = dto.avatarUrl;
    if (dto.birthday !== undefined && dto.birthday !== member.birthday) {
      if (member.birthday && member.birthdayChangedAt && this.sameStoreYear(member.birthdayChangedAt, now)) {
        return fail('BIRTHDAY_CHANGE_LIMIT', '生日每年只能修改一次', HttpStatus.CONFLICT);
      }
      patch.birthday = dto.birthday;
      // Setting it the first time is free; only later changes count against the yearly limit.
      if (member.birthday) patch.birthdayChangedAt = now;
    }
    if (Object.keys(patch).length) {
      await this.tx.run(({ em }) => em.update(MemberEntity, { id: memberId }, patch));
      Object.assign(member, patch);
    }
    return ok(member);
  }

  private sameStoreYear(a: Date, b: Date): boolean {
    return this.clock.today(a).slice(0, 4) === this.clock.today(b).slice(0, 4);
  }

  async dashboard(): Promise<DashboardResponse> {
    const today = this.clock.today();
    const tz = this.config.store.timezone;
    const startToday = startOfStoreDay(today, tz);
    const start7 = startOfStoreDay(addDays(today, -6), tz);
    const row = await this.members
      .createQueryBuilder('m')
      .select('COUNT(*)', 'total')
      .addSelect('SUM(CASE WHEN m.joined_at >= :startToday THEN 1 ELSE 0 END)', 'joinedToday')
      .addSelect('SUM(CASE WHEN m.joined_at >= :start7 THEN 1 ELSE 0 END)', 'joined7')
      .addSelect('SUM(CASE WHEN m.last_active_at >= :start7 THEN 1 ELSE 0 END)', 'active7')
      .setParameters({ startToday, start7 })
      .getRawOne<{ total: string; joinedToday: string | null; joined7: string | null; active7: string | null }>();
    const tierRows = await this.members
      .createQueryBuilder('m')
      .select('m.tier', 'tier')
      .addSelect('COUNT(*)', 'count')
      .groupBy('m.tier')
      .getRawMany<{ tier: TierCode; count: string }>();
    const byTier = Object.fromEntries(TIER_CODES.map((t) => [t, 0])) as Record<TierCode, number>;
    for (const r of tierRows) if (r.tier in byTier) byTier[r.tier] = Number(r.count);
    return {
      totalMembers: Number(row?.total ?? 0),
      joinedToday: Number(row?.joinedToday ?? 0),
      joinedLast7Days: Number(row?.joined7 ?? 0),
      activeLast7Days: Number(row?.active7 ?? 0),
      byTier,
    };
  }
}
