/** Test data for campaign specs: campaigns and sends written by SQL (fixtures, not behaviour under test). */
import { randomUUID } from 'node:crypto';
import type { TestApp } from './harness';
import { sqlTime } from './member-fixtures';

export async function insertCampaign(t: TestApp, f: { name?: string; offerKind?: string; couponTemplateId?: string | null; offerPoints?: number } = {}): Promise<string> {
  const id = randomUUID();
  const now = sqlTime(new Date());
  await t.dataSource.query(
    `INSERT INTO campaigns (id, name, status, audience_id, offer_kind, coupon_template_id, offer_points, message_title, message_body, message_page, trigger_kind, trigger_params, holdout_pct, attribution_days, created_at, updated_at)
     VALUES (?, ?, 'active', NULL, ?, ?, ?, '送你一张券', '本周下单立减', 'pages/index/index', 'once', '{"kind":"once"}', 10, 7, ?, ?)`,
    [id, f.name ?? `活动-${id.slice(0, 6)}`, f.offerKind ?? 'points', f.couponTemplateId ?? null, f.offerPoints ?? 0, now, now],
  );
  return id;
}

export async function insertSend(
  t: TestApp,
  f: { campaignId: string; memberId: string; status?: 'sent' | 'holdout'; offerKind?: string; couponTemplateId?: string | null; offerPoints?: number; sentAt?: string; occurrence?: string },
): Promise<string> {
  const id = randomUUID();
  await t.dataSource.query(
    `INSERT INTO campaign_sends (id, campaign_id, occurrence, member_id, status, offer_kind, coupon_template_id, offer_points, notice_ref, messaged, sent_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
    [id, f.campaignId, f.occurrence ?? 'once', f.memberId, f.status ?? 'sent', f.offerKind ?? 'points', f.couponTemplateId ?? null, f.offerPoints ?? 0, f.status === 'holdout' ? null : id, sqlTime(f.sentAt ?? new Date().toISOString())],
  );
  return id;
}
