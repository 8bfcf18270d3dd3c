import { CampaignEntity, CampaignSendEntity } from '../campaigns/campaign.entities';
import { MemberEntity, MemberWechatSessionEntity } from '../members/member.entity';
import { AdminUserEntity } from '../admin-users/admin-user.entity';
import { RefreshTokenEntity } from '../auth/refresh-token.entity';
import { JobRunEntity } from '../jobs/job-run.entity';
import { StoreSettingEntity } from '../settings/store-setting.entity';
import { AdminAuditEntity } from '../audit/admin-audit.entity';
import { PointsEntryEntity, PointsHoldEntity, PointsLotEntity, PointsLotTakeEntity } from '../points/points.entities';
import { MemberNoticeEntity, MemberSubscriptionEntity } from '../notices/notice.entities';
import { GrowthEntryEntity, TierHistoryEntity } from '../tiers/tier.entities';
import { CouponTemplateEntity, MemberCouponEntity } from '../coupons/coupon.entities';
import { CheckinEntity } from '../checkin/checkin.entity';
import { BannerEntity } from '../member-day/banner.entity';
import { ReferralEntity } from '../referrals/referral.entity';
import { ReferralEventEntity } from '../referrals/referral-event.entity';
import { ANALYTICS_ENTITIES } from '../analytics/analytics.entities';
import { MemberExportAuditEntity, MemberExportJobEntity } from '../member-exports/member-export.entities';
import { AudienceEntity } from '../audiences/audience.entity';
import { ItemPairEntity, MemberReplenishmentEntity, MemberScoreEntity, PurchaseCycleEntity } from '../predictions/prediction.entities';
import { MallItemEntity, MemberAddressEntity, OrderEntity, OrderLineEntity } from '../mall/mall.entities';

/** Every entity, listed once, for the app, the migration generator and the tests. */
export const ALL_ENTITIES = [
  MemberEntity,
  MemberWechatSessionEntity,
  AdminUserEntity,
  RefreshTokenEntity,
  JobRunEntity,
  StoreSettingEntity,
  AdminAuditEntity,
  PointsEntryEntity,
  PointsLotEntity,
  PointsLotTakeEntity,
  PointsHoldEntity,
  MemberNoticeEntity,
  MemberSubscriptionEntity,
  GrowthEntryEntity,
  TierHistoryEntity,
  CouponTemplateEntity,
  MemberCouponEntity,
  CheckinEntity,
  BannerEntity,
  ReferralEntity,
  ReferralEventEntity,
  MallItemEntity,
  OrderEntity,
  OrderLineEntity,
  MemberAddressEntity,
  ...ANALYTICS_ENTITIES,
  MemberExportAuditEntity,
  MemberExportJobEntity,
  MemberScoreEntity,
  PurchaseCycleEntity,
  MemberReplenishmentEntity,
  ItemPairEntity,
  AudienceEntity,
  CampaignEntity,
  CampaignSendEntity,
];
