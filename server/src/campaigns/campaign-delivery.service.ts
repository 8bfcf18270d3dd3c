import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CAP_WINDOW_MS, maySendNow, SendPolicy } from '@mall/shared';
import { ClockService } from '../clock/clock.service';
import { newId } from '../common/ids';
import { isUniqueViolation } from '../database/db-errors';
import { dbTime, lockMemberRow } from '../database/locks';
import { TransactionRunner } from '../database/transaction-runner';
import { NoticesService } from '../notices/notices.service';
import { PredictionsService } from '../predictions/predictions.service';
import { CampaignEntity, CampaignOffer, CampaignSendEntity } from './campaign.entities';
import { sendPage, toDate } from './campaigns.mapper';

export interface SendTarget {
  memberId: string;
  occurrence: string;
}

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max - 1) + '…' : text);

/**
 * Writes one occurrence for one member. The send row goes in first: its unique (campaign,
 * occurrence, member) key decides, and a duplicate means another run already did it. The weekly
 * cap and quiet hours are judged in the same transaction under the member's row lock, at the
 * moment of sending, so overlapping ticks on several instances cannot together exceed them. The
 * notice is written in the same transaction (both or neither); the subscribe message follows the
 * commit and is recorded on the row when it actually went out.
 */
@Injectable()
export class CampaignDeliveryService {
  constructor(
    private readonly notices: NoticesService,
    private readonly predictions: PredictionsService,
    private readonly clock: ClockService,
    private readonly tx: TransactionRunner,
  ) {}

  /** A holdout row and nothing else: no notice, no message, no offer. False when already recorded. */
  async holdOut(campaign: CampaignEntity, target: SendTarget): Promise<boolean> {
    return this.insertOnce(async (em) => {
      await em.insert(CampaignSendEntity, this.row(campaign, target, 'holdout', { kind: 'none' }));
      return true;
    });
  }

  /**
   * Notice (+ subscribe message when the member has a credit); false when already sent, or when
   * the cap or quiet hours do not allow a message to this member right now.
   */
  async send(campaign: CampaignEntity, target: SendTarget, offer: CampaignOffer, policy: SendPolicy): Promise<boolean> {
    const row = this.row(campaign, target, 'sent', offer);
    const { page, body } = await this.content(campaign, target.memberId, row.id);
    const inserted = await this.insertOnce(async (em) => {
      await lockMemberRow(em, target.memberId);
      row.sentAt = this.clock.now();
      const recent = await this.recentSends(em, [target.memberId], row.sentAt);
      if (!maySendNow(row.sentAt, recent.get(target.memberId) ?? [], policy)) return false;
      await em.insert(CampaignSendEntity, row);
      await this.notices.addNotice(em, { memberId: target.memberId, kind: 'campaign', ref: row.id, title: campaign.messageTitle, body, page });
      return true;
    });
    if (!inserted) return false;
    const messaged = await this.notices.sendSubscribeMessage(target.memberId, 'campaign', page, {
      thing1: { value: clip(campaign.messageTitle, 20) },
      thing2: { value: clip(body, 20) },
    });
    if (messaged) await this.tx.write((em) => em.update(CampaignSendEntity, { id: row.id }, { messaged: true }));
    return true;
  }

  /** The message as this member gets it: with the partner item of their latest order when asked for. */
  private async content(campaign: CampaignEntity, memberId: string, sendId: string): Promise<{ page: string; body: string }> {
    const partner = campaign.messagePartnerItem ? await this.predictions.partnerForMember(memberId) : null;
    if (!partner) return { page: sendPage(campaign.messagePage, sendId), body: campaign.messageBody };
    return { page: sendPage(`mall/pages/item/index?id=${partner.id}`, sendId), body: clip(`${campaign.messageBody}\n常一起购买：${partner.name}`, 500) };
  }

  private row(campaign: CampaignEntity, target: SendTarget, status: 'sent' | 'holdout', offer: CampaignOffer): CampaignSendEntity {
    const id = newId();
    return {
      id,
      campaignId: campaign.id,
      occurrence: target.occurrence,
      memberId: target.memberId,
      status,
      offerKind: offer.kind,
      couponTemplateId: offer.kind === 'coupon' ? (offer.couponTemplateId ?? null) : null,
      offerPoints: offer.kind === 'points' ? (offer.points ?? 0) : 0,
      noticeRef: status === 'sent' ? id : null,
      messaged: false,
      sentAt: this.clock.now(),
      openedAt: null,
      claimedAt: null,
      claimedCouponId: null,
      claimedPoints: null,
      offerUsedAt: null,
    };
  }

  /** Each member's campaign messages (any campaign) within the cap's window before `now`. */
  async recentSends(em: EntityManager, memberIds: string[], now: Date): Promise<Map<string, Date[]>> {
    const out = new Map<string, Date[]>();
    if (!memberIds.length) return out;
    const rows: { member_id: string; sent_at: Date | string }[] = await em.query(
      `SELECT member_id, sent_at FROM campaign_sends WHERE status = 'sent' AND sent_at > ? AND member_id IN (${memberIds.map(() => '?').join(', ')})`,
      [dbTime(em, new Date(now.getTime() - CAP_WINDOW_MS)), ...memberIds],
    );
    for (const r of rows) out.set(r.member_id, [...(out.get(r.member_id) ?? []), toDate(r.sent_at)]);
    return out;
  }

  /** Runs the work in a transaction; false when it declined or a unique key found it done already. */
  private async insertOnce(work: (em: EntityManager) => Promise<boolean>): Promise<boolean> {
    try {
      return await this.tx.run(({ em }) => work(em));
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
