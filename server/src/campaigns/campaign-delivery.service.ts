import { Injectable } from '@nestjs/common';
import { ClockService } from '../clock/clock.service';
import { newId } from '../common/ids';
import { isUniqueViolation } from '../database/db-errors';
import { TransactionRunner } from '../database/transaction-runner';
import { NoticesService } from '../notices/notices.service';
import { PredictionsService } from '../predictions/predictions.service';
import { CampaignEntity, CampaignOffer, CampaignSendEntity } from './campaign.entities';
import { sendPage } from './campaigns.mapper';

export interface SendTarget {
  memberId: string;
  occurrence: string;
}

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max - 1) + '…' : text);

/**
 * Writes one occurrence for one member. The send row goes in first: its unique (campaign,
 * occurrence, member) key decides, and a duplicate means another run already did it. The notice
 * is written in the same transaction (both or neither); the subscribe message follows the commit
 * and is recorded on the row when it actually went out.
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
    });
  }

  /** Notice (+ subscribe message when the member has a credit); false when already sent. */
  async send(campaign: CampaignEntity, target: SendTarget, offer: CampaignOffer): Promise<boolean> {
    const row = this.row(campaign, target, 'sent', offer);
    const { page, body } = await this.content(campaign, target.memberId, row.id);
    const inserted = await this.insertOnce(async (em) => {
      await em.insert(CampaignSendEntity, row);
      await this.notices.addNotice(em, { memberId: target.memberId, kind: 'campaign', ref: row.id, title: campaign.messageTitle, body, page });
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

  private async insertOnce(work: Parameters<TransactionRunner['write']>[0]): Promise<boolean> {
    try {
      await this.tx.run(({ em }) => work(em));
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
