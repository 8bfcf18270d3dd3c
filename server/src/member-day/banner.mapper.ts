import { isTierCode } from '@mall/shared';
import type { BannerEntity } from './banner.entity';
import type { BannerResponse } from './member-day.dto';

export function toBannerResponse(b: BannerEntity): BannerResponse {
  return {
    id: b.id,
    imageUrl: b.imageUrl,
    title: b.title,
    targetType: b.targetType,
    targetValue: b.targetValue,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    tiers: b.tiers.split(',').filter(isTierCode),
    memberDayOnly: b.memberDayOnly,
    sortOrder: b.sortOrder,
  };
}
