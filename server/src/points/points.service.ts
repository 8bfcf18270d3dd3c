import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, MoreThan, Repository } from 'typeorm';
import { expiryDateFor } from '@mall/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { lockAndLoadMember, lockMemberRow } from '../database/locks';
import { findOneRow, insertRow, updateRows } from '../database/raw-rows';
import { SettingsService } from '../settings/settings.service';
import { TransactionRunner } from '../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { MemberEntity } from '../members/member.entity';
import { PointsEntryEntity, PointsHoldEntity, PointsLotEntity, PointsLotTakeEntity, PointsReason } from './points.entities';

export interface PointsSettings {
  /** Points expire at the end of the Nth year after the year they were earned. */
  expiryYears: number;
  /** How many points are worth 5 yuan when spent (default 100). */
  pointsPer5Yuan: number;
  /** The largest share of an order's cash price that points may pay, in percent. */
  maxShareOfCashPct: number;
}
export const DEFAULT_POINTS_SETTINGS: PointsSettings = { expiryYears: 1, pointsPer5Yuan: 100, maxShareOfCashPct: 50 };

export interface PointsChange {
  memberId: string;
  /** Positive for credits, negative for debits. */
  delta: number;
  reason: PointsReason;
  ref: string;
  note?: string | null;
}

export type PointsFailure = 'NOT_ENOUGH_POINTS' | 'MEMBER_NOT_FOUND' | 'INVALID_AMOUNT' | 'HOLD_NOT_FOUND' | 'HOLD_SETTLED';

export interface AppliedChange {
  entry: PointsEntryEntity;
  /** False when the same (reason, ref) had already been applied: nothing changed this time. */
  applied: boolean;
}

/**
 * The one place a member's points change. Every change locks the member's row, checks the
 * (reason, ref) was not applied before, moves the cached balance with a conditional update (never
 * below zero), appends a ledger entry with the balance after it, and keeps the earn lots that
 * expiry consumes oldest first. Callers pass the transaction they declared at their edge.
 */
@Injectable()
export class PointsService {
  constructor(
    @InjectRepository(PointsEntryEntity) private readonly entries: Repository<PointsEntryEntity>,
    @InjectRepository(PointsLotEntity) private readonly lots: Repository<PointsLotEntity>,
    private readonly clock: ClockService,
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  pointsSettings(em?: EntityManager): Promise<PointsSettings> {
    return this.settings.get('points', DEFAULT_POINTS_SETTINGS, em);
  }

  /** The merchant's expiry and redemption rules, saved with their audit entry in one transaction. */
  async updateSettings(admin: AdminPrincipal, next: PointsSettings): Promise<PointsSettings> {
    await this.tx.run(async (tx) => {
      await this.settings.set('points', next, admin.adminId, tx);
      await this.audit.record(tx.em, admin, { action: 'points.settings', targetType: 'settings', targetId: 'points', details: next });
    });
    return this.pointsSettings();
  }

  async apply(em: EntityManager, change: PointsChange): Promise<Outcome<AppliedChange, PointsFailure>> {
    if (!Number.isSafeInteger(change.delta) || change.delta === 0) return fail('INVALID_AMOUNT', '积分数量无效');
    const member = await lockAndLoadMember(em, change.memberId);
    if (!member) return fail('MEMBER_NOT_FOUND', '会员不存在', HttpStatus.NOT_FOUND);

    const existing = await findOneRow(em, PointsEntryEntity, { memberId: change.memberId, reason: change.reason, ref: change.ref });
    if (existing) return ok({ entry: existing, applied: false });

    // The row is locked, so the balance read with it is current; the update is still conditional
    // on it, so nothing can slip between the read and the write.
    const balanceAfter = member.pointsBalance + change.delta;
    if (balanceAfter < 0) return fail('NOT_ENOUGH_POINTS', '积分不足', HttpStatus.CONFLICT);
    const moved = await updateRows(em, MemberEntity, { id: change.memberId, pointsBalance: member.pointsBalance }, { pointsBalance: balanceAfter });
    if (!moved) throw new Error(`points balance of ${change.memberId} changed under its row lock`);
    const now = this.clock.now();
    const entry = em.create(PointsEntryEntity, {
      id: newId(),
      memberId: change.memberId,
      delta: change.delta,
      reason: change.reason,
      ref: change.ref,
      balanceAfter: Number(balanceAfter),
      note: change.note ?? null,
      createdAt: now,
    });
    await insertRow(em, PointsEntryEntity, entry);
    if (change.delta > 0) {
      const { expiryYears } = await this.pointsSettings(em);
      await insertRow(em, PointsLotEntity, {
        id: entry.id,
        memberId: change.memberId,
        earnedAt: now,
        expiresOn: expiryDateFor(now, this.config.store.timezone, expiryYears),
        amount: change.delta,
        remaining: change.delta,
      });
    } else {
      await this.consumeLots(em, change.memberId, entry.id, -change.delta);
    }
    return ok({ entry, applied: true });
  }

  /** Takes `amount` from the member's lots, soonest expiry first (the balance already covers it). */
  private async consumeLots(em: EntityManager, memberId: string, entryId: string, amount: number, onlyExpiredBefore?: string): Promise<void> {
    const qb = em
      .createQueryBuilder(PointsLotEntity, 'l')
      .where('l.member_id = :memberId AND l.remaining > 0', { memberId })
      .orderBy('l.expires_on', 'ASC')
      .addOrderBy('l.earned_at', 'ASC')
      .addOrderBy('l.id', 'ASC');
    if (onlyExpiredBefore) qb.andWhere('l.expires_on < :before', { before: onlyExpiredBefore });
    let left = amount;
    for (const lot of await qb.getMany()) {
      if (left <= 0) break;
      const take = Math.min(lot.remaining, left);
      await em.update(PointsLotEntity, { id: lot.id }, { remaining: lot.remaining - take });
      await em.insert(PointsLotTakeEntity, { id: newId(), entryId, lotId: lot.id, amount: take });
      left -= take;
    }
  }

  /** Gives back exactly what a debit took, to the same lots (they keep their original expiry). */
  private async restoreLots(em: EntityManager, debitEntryId: string): Promise<void> {
    const takes = await em.findBy(PointsLotTakeEntity, { entryId: debitEntryId });
    for (const take of takes) {
      await em.createQueryBuilder().update(PointsLotEntity).set({ remaining: () => `remaining + ${Number(take.amount)}` }).where('id = :id', { id: take.lotId }).execute();
    }
  }

  /** Puts a spend on hold for a pending payment: the points leave the balance now. */
  async hold(em: EntityManager, memberId: string, amount: number, reason: PointsReason, ref: string): Promise<Outcome<PointsHoldEntity, PointsFailure>> {
    if (!Number.isSafeInteger(amount) || amount <= 0) return fail('INVALID_AMOUNT', '积分数量无效');
    const existingHold = await em.findOneBy(PointsHoldEntity, { memberId, ref });
    if (existingHold) return ok(existingHold);
    const debit = await this.apply(em, { memberId, delta: -amount, reason, ref });
    if (!debit.ok) return debit;
    const hold = em.create(PointsHoldEntity, {
      id: newId(),
      memberId,
      ref,
      amount,
      reason,
      entryId: debit.value.entry.id,
      status: 'held',
      createdAt: this.clock.now(),
      settledAt: null,
    });
    await em.insert(PointsHoldEntity, hold);
    return ok(hold);
  }

  /** The payment went through: the held points stay spent. Confirming twice is harmless. */
  async confirmHold(em: EntityManager, memberId: string, ref: string): Promise<Outcome<PointsHoldEntity, PointsFailure>> {
    const hold = await em.findOneBy(PointsHoldEntity, { memberId, ref });
    if (!hold) return fail('HOLD_NOT_FOUND', '冻结记录不存在', HttpStatus.NOT_FOUND);
    if (hold.status === 'confirmed') return ok(hold);
    if (hold.status === 'released') return fail('HOLD_SETTLED', '冻结积分已退回', HttpStatus.CONFLICT);
    const claimed = await em.update(PointsHoldEntity, { id: hold.id, status: 'held' }, { status: 'confirmed', settledAt: this.clock.now() });
    if (!claimed.affected) return fail('HOLD_SETTLED', '冻结积分已处理', HttpStatus.CONFLICT);
    return ok({ ...hold, status: 'confirmed' });
  }

  /** The payment did not happen: the points come back once, to the lots they were taken from. */
  async releaseHold(em: EntityManager, memberId: string, ref: string): Promise<Outcome<PointsHoldEntity, PointsFailure>> {
    const hold = await em.findOneBy(PointsHoldEntity, { memberId, ref });
    if (!hold) return fail('HOLD_NOT_FOUND', '冻结记录不存在', HttpStatus.NOT_FOUND);
    if (hold.status === 'released') return ok(hold);
    if (hold.status === 'confirmed') return fail('HOLD_SETTLED', '积分已扣除，请走退款流程', HttpStatus.CONFLICT);
    const claimed = await em.update(PointsHoldEntity, { id: hold.id, status: 'held' }, { status: 'released', settledAt: this.clock.now() });
    if (!claimed.affected) return ok({ ...hold, status: 'released' });
    await this.refundEntry(em, memberId, hold.entryId, 'hold_release', ref);
    return ok({ ...hold, status: 'released' });
  }

  /** Gives back, once, the points an order spent (its `redeem` or held `order_pay` debit). */
  async refundSpend(em: EntityManager, memberId: string, ref: string): Promise<Outcome<AppliedChange | null, PointsFailure>> {
    const debit = await em.findOne(PointsEntryEntity, { where: { memberId, ref, reason: In(['redeem', 'order_pay']) } });
    if (!debit || debit.delta >= 0) return ok(null);
    return this.refundEntry(em, memberId, debit.id, 'refund', ref);
  }

  /** Reverses a debit entry once (reason `refund` or `hold_release`, same ref), restoring its lots. */
  async refundEntry(em: EntityManager, memberId: string, debitEntryId: string, reason: 'refund' | 'hold_release', ref: string): Promise<Outcome<AppliedChange, PointsFailure>> {
    const debit = await em.findOneBy(PointsEntryEntity, { id: debitEntryId, memberId });
    if (!debit || debit.delta >= 0) return fail('HOLD_NOT_FOUND', '原扣减记录不存在', HttpStatus.NOT_FOUND);
    if (!(await lockMemberRow(em, memberId))) return fail('MEMBER_NOT_FOUND', '会员不存在', HttpStatus.NOT_FOUND);
    const existing = await em.findOneBy(PointsEntryEntity, { memberId, reason, ref });
    if (existing) return ok({ entry: existing, applied: false });
    const amount = -debit.delta;
    await em.createQueryBuilder().update(MemberEntity).set({ pointsBalance: () => `points_balance + ${amount}` }).where('id = :id', { id: memberId }).execute();
    const [{ points_balance: balanceAfter }] = await em.query('SELECT points_balance FROM members WHERE id = ?', [memberId]);
    const entry = em.create(PointsEntryEntity, { id: newId(), memberId, delta: amount, reason, ref, balanceAfter: Number(balanceAfter), note: null, createdAt: this.clock.now() });
    await em.insert(PointsEntryEntity, entry);
    await this.restoreLots(em, debitEntryId);
    return ok({ entry, applied: true });
  }

  /** Expires what is left of a member's lots whose last day is before `today`; once per day. */
  async expireForMember(em: EntityManager, memberId: string, today: string): Promise<number> {
    await lockMemberRow(em, memberId);
    const rows: { total: number | string | null }[] = await em.query(
      'SELECT SUM(remaining) AS total FROM points_lots WHERE member_id = ? AND expires_on < ? AND remaining > 0',
      [memberId, today],
    );
    const total = Number(rows[0]?.total ?? 0);
    if (total <= 0) return 0;
    const result = await this.applyExpiry(em, memberId, total, today);
    return result;
  }

  private async applyExpiry(em: EntityManager, memberId: string, total: number, today: string): Promise<number> {
    const existing = await em.findOneBy(PointsEntryEntity, { memberId, reason: 'expiry', ref: `expiry:${today}` });
    if (existing) return 0;
    const moved = await em
      .createQueryBuilder()
      .update(MemberEntity)
      .set({ pointsBalance: () => `points_balance - ${total}` })
      .where('id = :id AND points_balance >= :total', { id: memberId, total })
      .execute();
    if (!moved.affected) throw new Error(`Ledger invariant broken for member ${memberId}: expiring more than the balance`);
    const [{ points_balance: balanceAfter }] = await em.query('SELECT points_balance FROM members WHERE id = ?', [memberId]);
    const entry = em.create(PointsEntryEntity, {
      id: newId(),
      memberId,
      delta: -total,
      reason: 'expiry',
      ref: `expiry:${today}`,
      balanceAfter: Number(balanceAfter),
      note: '积分到期',
      createdAt: this.clock.now(),
    });
    await em.insert(PointsEntryEntity, entry);
    await this.consumeLots(em, memberId, entry.id, total, today);
    return total;
  }

  async ledgerPage(memberId: string, page: number, pageSize: number): Promise<{ items: PointsEntryEntity[]; total: number }> {
    const [items, total] = await this.entries.findAndCount({
      where: { memberId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  /** The soonest-expiring remaining points, for "X 积分将于 YYYY-MM-DD 到期". */
  async soonestExpiring(memberId: string, today: string): Promise<{ points: number; date: string } | null> {
    const lot = await this.lots.findOne({ where: { memberId, remaining: MoreThan(0) }, order: { expiresOn: 'ASC' } });
    if (!lot || lot.expiresOn < today) return null;
    const rows: { total: string | number }[] = await this.lots.query(
      'SELECT SUM(remaining) AS total FROM points_lots WHERE member_id = ? AND expires_on = ? AND remaining > 0',
      [memberId, lot.expiresOn],
    );
    return { points: Number(rows[0].total), date: lot.expiresOn };
  }
}
