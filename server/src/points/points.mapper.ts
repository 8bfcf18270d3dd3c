import type { PointsEntryEntity } from './points.entities';
import type { AdminPointsEntryResponse, PointsEconomyResponse, PointsEntryResponse } from './points.dto';
import type { PointsEconomy } from './points-economy.service';

export function toPointsEntryResponse(e: PointsEntryEntity): PointsEntryResponse {
  return { delta: e.delta, reason: e.reason, balanceAfter: e.balanceAfter, createdAt: e.createdAt.toISOString(), note: e.note };
}

export function toAdminPointsEntryResponse(e: PointsEntryEntity): AdminPointsEntryResponse {
  return { ...toPointsEntryResponse(e), id: e.id, ref: e.ref };
}

export function toPointsEconomyResponse(e: PointsEconomy): PointsEconomyResponse {
  return {
    months: e.months.map((m) => ({ month: m.month, issued: m.issued, spent: m.spent, expired: m.expired })),
    outstandingPoints: e.outstandingPoints,
    liabilityFen: e.liabilityFen,
    pointsPer5Yuan: e.pointsPer5Yuan,
    issued12m: e.issued12m,
    expired12m: e.expired12m,
    breakageRate: e.breakageRate,
  };
}
