import { AudienceEntity } from './audience.entity';
import type { AudienceMemberRow, AudienceResponse } from './audiences.dto';

export function toAudienceResponse(a: AudienceEntity): AudienceResponse {
  return { id: a.id, name: a.name, description: a.description, rules: a.rules, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString() };
}

export interface AudienceMemberSqlRow {
  id: string;
  nickname: string;
  tier: string;
  points_balance: number;
  joined_at: Date | string;
  last_active_at: Date | string | null;
  order_count: number | null;
  spend_fen: number | null;
  last_order_on: string | null;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  churn_risk: string | null;
  churn_explanation: string | null;
  next_replenish_on: string | null;
}

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value.replace(' ', 'T') + 'Z')).toISOString();
}

/** No openid, phone or session data leaves: only what the audience list shows. */
export function toAudienceMemberRow(r: AudienceMemberSqlRow): AudienceMemberRow {
  return {
    id: r.id, nickname: r.nickname, tier: r.tier, points: Number(r.points_balance), joinedAt: iso(r.joined_at), lastActiveAt: r.last_active_at ? iso(r.last_active_at) : null,
    orders: Number(r.order_count ?? 0), spendFen: Number(r.spend_fen ?? 0), lastOrderOn: r.last_order_on,
    rfm: r.r_score === null ? null : `${r.r_score}${r.f_score}${r.m_score}`,
    churnRisk: r.churn_risk ?? 'unknown', churnExplanation: r.churn_explanation, nextReplenishOn: r.next_replenish_on,
  };
}
