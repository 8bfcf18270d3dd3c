import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { campaignLift } from '@mall/shared';
import { AudiencesService } from '../audiences/audiences.service';
import { Outcome, ok } from '../common/errors';
import { PAID_ORDER_SQL } from '../predictions/paid-orders.reader';
import type { CampaignEntity } from './campaign.entities';
import type { CampaignGroupResults, CampaignResultsResponse } from './campaigns.dto';

/**
 * A campaign's results. Attribution: a paid order counts for a group when it was paid within
 * `attributionDays` after one of the member's sends of that group (sent_at is the window start for
 * holdout rows too, so both groups are measured the same way); an order inside two windows counts
 * once. Conversion = members with such an order ÷ members in the group; lift compares the two.
 */
@Injectable()
export class CampaignResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audiences: AudiencesService,
  ) {}

  async results(campaign: CampaignEntity): Promise<Outcome<CampaignResultsResponse>> {
    const [counts]: Record<string, string | number | null>[] = await this.dataSource.query(
      `SELECT SUM(CASE WHEN s.status = 'sent' THEN 1 ELSE 0 END) AS sent,
              SUM(CASE WHEN s.status = 'holdout' THEN 1 ELSE 0 END) AS holdout,
              SUM(CASE WHEN s.messaged THEN 1 ELSE 0 END) AS messaged,
              COUNT(s.opened_at) AS opened, COUNT(s.claimed_at) AS claimed,
              SUM(CASE WHEN s.offer_used_at IS NOT NULL OR c.status = 'used' THEN 1 ELSE 0 END) AS used
       FROM campaign_sends s LEFT JOIN member_coupons c ON c.id = s.claimed_coupon_id
       WHERE s.campaign_id = ?`,
      [campaign.id],
    );
    const [treated, holdout] = await Promise.all([this.group(campaign, 'sent'), this.group(campaign, 'holdout')]);
    const lift = campaignLift({ members: treated.members, converted: treated.convertedMembers }, { members: holdout.members, converted: holdout.convertedMembers });
    const n = (v: string | number | null | undefined) => Number(v ?? 0);
    return ok({
      campaignId: campaign.id,
      audienceSize: await this.audienceSize(campaign),
      sent: n(counts?.sent),
      messaged: n(counts?.messaged),
      holdout: n(counts?.holdout),
      opened: n(counts?.opened),
      offersClaimed: n(counts?.claimed),
      offersUsed: n(counts?.used),
      attributionDays: campaign.attributionDays,
      treated,
      holdoutGroup: holdout,
      lift: lift && { ...lift, ci95: [...lift.ci95] },
    });
  }

  private async audienceSize(campaign: CampaignEntity): Promise<number> {
    if (!campaign.audienceId) return Number((await this.dataSource.query('SELECT COUNT(*) AS n FROM members'))[0].n);
    const audience = await this.audiences.get(campaign.audienceId);
    return audience.ok ? this.audiences.count(audience.value.rules) : 0;
  }

  private async group(campaign: CampaignEntity, status: 'sent' | 'holdout'): Promise<CampaignGroupResults> {
    const windowEnd =
      this.dataSource.options.type === 'mysql' ? 'DATE_ADD(s.sent_at, INTERVAL ? DAY)' : `strftime('%Y-%m-%d %H:%M:%f', s.sent_at, '+' || ? || ' days')`;
    const [[members], [orders]] = await Promise.all([
      this.dataSource.query('SELECT COUNT(DISTINCT member_id) AS n FROM campaign_sends WHERE campaign_id = ? AND status = ?', [campaign.id, status]),
      this.dataSource.query(
        `SELECT COUNT(*) AS n, COALESCE(SUM(o.cash_due_fen), 0) AS fen, COUNT(DISTINCT o.member_id) AS converted
         FROM orders o
         WHERE ${PAID_ORDER_SQL}
           AND EXISTS (SELECT 1 FROM campaign_sends s WHERE s.campaign_id = ? AND s.status = ? AND s.member_id = o.member_id
                       AND o.paid_at >= s.sent_at AND o.paid_at < ${windowEnd})`,
        [campaign.id, status, campaign.attributionDays],
      ),
    ]);
    const size = Number(members.n);
    const converted = Number(orders.converted);
    return { members: size, convertedMembers: converted, conversionRate: size ? converted / size : null, orders: Number(orders.n), revenueFen: Number(orders.fen) };
  }
}
