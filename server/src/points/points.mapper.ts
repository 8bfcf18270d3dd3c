import type { PointsEntryEntity } from './points.entities';
import type { AdminPointsEntryResponse, PointsEntryResponse } from './points.dto';

export function toPointsEntryResponse(e: PointsEntryEntity): PointsEntryResponse {
  return { delta: e.delta, reason: e.reason, balanceAfter: e.balanceAfter, createdAt: e.createdAt.toISOString(), note: e.note };
}

export function toAdminPointsEntryResponse(e: PointsEntryEntity): AdminPointsEntryResponse {
  return { ...toPointsEntryResponse(e), id: e.id, ref: e.ref };
}
