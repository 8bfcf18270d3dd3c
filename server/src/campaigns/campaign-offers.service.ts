import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { CouponsService } from '../coupons/coupons.service';
import { TransactionRunner } from '../database/transaction-runner';
import { PointsService } from '../points/points.service';
import { CampaignSendEntity } from './campaign.entities';
import type { CampaignOfferResponse, ClaimCampaignOfferResponse } from './campaign-offers.dto';
import { CampaignOfferSqlRow, toCampaignOfferResponse } from './campaigns.mapper';

const notFound = () => fail('CAMPAIGN_OFFER_NOT_FOUND', '优惠不存在', HttpStatus.NOT_FOUND);

/** Thrown inside the claim transaction so that a failed issue also rolls the claim back. */
class ClaimRefused extends Error {
  constructor(readonly outcome: Outcome<never>) {
    super(outcome.ok ? 'refused' : outcome.code);
  }
}

/**
 * A member's side of campaigns. Every query is scoped by the caller's member id, and holdout rows
 * are never visible: to their member they do not exist.
 */
@Injectable()
export class CampaignOffersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
    private readonly coupons: CouponsService,
    private readonly points: PointsService,
  ) {}

  async list(memberId: string): Promise<CampaignOfferResponse[]> {
    const rows: CampaignOfferSqlRow[] = await this.dataSource.query(
      `SELECT s.id, s.offer_kind, s.offer_points, s.sent_at, s.claimed_at, s.notice_ref,
              c.name AS campaign_name, c.message_title, c.message_body, c.message_page, t.name AS coupon_title, t.kind AS coupon_kind, t.amount_off_fen
       FROM campaign_sends s JOIN campaigns c ON c.id = s.campaign_id LEFT JOIN coupon_templates t ON t.id = s.coupon_template_id
       WHERE s.member_id = ? AND s.status = 'sent' AND s.offer_kind <> 'none'
       ORDER BY s.sent_at DESC, s.id DESC LIMIT 100`,
      [memberId],
    );
    return rows.map(toCampaignOfferResponse);
  }

  /**
   * Takes the offer once: a conditional update on claimed_at IS NULL decides the one winner among
   * concurrent claims, and the coupon or points are issued in the same transaction (a failed issue
   * rolls the claim back). Issues are idempotent on the send id as well.
   */
  async claim(memberId: string, sendId: string): Promise<Outcome<ClaimCampaignOfferResponse>> {
    try {
      return await this.tx.run(async ({ em }) => {
        const now = this.clock.now();
        const won = await em.update(CampaignSendEntity, { id: sendId, memberId, status: 'sent', offerKind: Not('none'), claimedAt: IsNull() }, { claimedAt: now });
        const send = await em.findOneBy(CampaignSendEntity, { id: sendId, memberId, status: 'sent' });
        if (!send || send.offerKind === 'none') return notFound();
        if (!won.affected) return ok(this.claimResult(send, true));
        const issued = await this.issue(em, send);
        await em.update(CampaignSendEntity, { id: sendId }, issued);
        return ok(this.claimResult({ ...send, ...issued }, false));
      });
    } catch (error) {
      if (error instanceof ClaimRefused) return error.outcome;
      throw error;
    }
  }

  private async issue(em: EntityManager, send: CampaignSendEntity): Promise<Pick<CampaignSendEntity, 'claimedCouponId' | 'claimedPoints'>> {
    if (send.offerKind === 'coupon') {
      const coupon = await this.coupons.issue(em, { templateId: send.couponTemplateId!, memberId: send.memberId, source: 'campaign', sourceRef: send.id });
      if (!coupon.ok) throw new ClaimRefused(fail(coupon.code, coupon.message, coupon.status));
      return { claimedCouponId: coupon.value.id, claimedPoints: null };
    }
    const credited = await this.points.apply(em, { memberId: send.memberId, delta: send.offerPoints, reason: 'campaign', ref: `campaign-send:${send.id}` });
    if (!credited.ok) throw new ClaimRefused(fail(credited.code, credited.message, credited.status));
    return { claimedCouponId: null, claimedPoints: send.offerPoints };
  }

  private claimResult(send: Pick<CampaignSendEntity, 'claimedCouponId' | 'claimedPoints'>, alreadyClaimed: boolean): ClaimCampaignOfferResponse {
    return {
      claimed: true,
      alreadyClaimed,
      ...(send.claimedCouponId ? { couponId: send.claimedCouponId } : {}),
      ...(send.claimedPoints ? { points: send.claimedPoints } : {}),
    };
  }

  /** Records the first open; later opens change nothing. */
  async open(memberId: string, sendId: string): Promise<Outcome<true>> {
    const updated = await this.tx.run(({ em }) => em.update(CampaignSendEntity, { id: sendId, memberId, status: 'sent', openedAt: IsNull() }, { openedAt: this.clock.now() }));
    if (updated.affected) return ok(true);
    const exists = await this.dataSource.manager.countBy(CampaignSendEntity, { id: sendId, memberId, status: 'sent' });
    return exists ? ok(true) : notFound();
  }
}
