import { Image, Swiper, SwiperItem, View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { components } from '@mall/shared';
import { api, ignoreApiError } from '../services/request';
import './MemberDayBanner.scss';

type MemberDay = components['schemas']['MemberDayResponse'];

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The member-day banner carousel, the countdown to the next member day, and today's coupon. */
export function MemberDayBanner({ memberDay, tier, onClaimed }: { memberDay: MemberDay; tier: string; onClaimed: () => void }) {
  const mine = memberDay.offers.find((o) => o.tier === tier);
  const open = (b: MemberDay['banners'][number]) => {
    if (b.targetType === 'item') void Taro.navigateTo({ url: `/mall/pages/item/index?id=${encodeURIComponent(b.targetValue)}` });
    if (b.targetType === 'page') void Taro.navigateTo({ url: `/${b.targetValue}` }).catch(() => Taro.switchTab({ url: `/${b.targetValue}` }));
    if (b.targetType === 'coupon') void claimFromBanner(b.id).catch(ignoreApiError);
  };
  const claimFromBanner = async (id: string) => {
    const res = await api.post('/api/member-day/banners/{id}/coupon', undefined as never, { params: { id } });
    void Taro.showToast({ title: res.alreadyClaimed ? '您已领过，可在我的优惠券查看' : '领取成功，可在我的优惠券查看', icon: 'none' });
  };
  const multiplier = memberDay.checkinMultiplierPct > 100 ? ` · 签到积分 ×${memberDay.checkinMultiplierPct / 100}` : '';
  const claim = async () => {
    await api.post('/api/member-day/coupon', undefined as never);
    void Taro.showToast({ title: '已领取，可在我的优惠券查看', icon: 'none' });
    onClaimed();
  };
  return (
    <View className="member-day">
      {memberDay.banners.length > 0 && (
        <Swiper className="member-day__swiper" autoplay circular indicatorDots>
          {memberDay.banners.map((b) => (
            <SwiperItem key={b.id} onClick={() => open(b)}>
              <Image className="member-day__image" src={b.imageUrl} mode="aspectFill" />
              <Text className="member-day__title">{b.title}</Text>
            </SwiperItem>
          ))}
        </Swiper>
      )}
      <View className="card member-day__bar">
        {memberDay.isMemberDay ? (
          <>
            <Text className="member-day-countdown">今天是会员日{multiplier}{mine ? ` · 专享 ${mine.pricePct / 10} 折` : ''}</Text>
            {mine?.couponTemplateId && (
              <Button className="btn-primary member-day__claim" size="mini" disabled={mine.claimed} onClick={() => void claim().catch(ignoreApiError)}>
                {mine.claimed ? '已领取' : `领${mine.couponName ?? '会员日券'}`}
              </Button>
            )}
          </>
        ) : (
          <Text className="member-day-countdown">
            {memberDay.nextMemberDay ? `距下个会员日还有 ${daysBetween(memberDay.today, memberDay.nextMemberDay)} 天（${memberDay.nextMemberDay}）` : '会员日敬请期待'}
          </Text>
        )}
      </View>
    </View>
  );
}
