import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { yuan } from '../../../components/mall-format';
import { ApiError } from '../../../services/request';
import type { Offer } from './use-messages';

/** The offer's headline value: "¥10" for an amount coupon, "50积分", or the coupon's name. */
function offerValue(o: Offer): string {
  if (o.offer.kind === 'points') return `${o.offer.points ?? 0}积分`;
  return o.offer.couponValueFen ? `¥${yuan(o.offer.couponValueFen)}` : '优惠券';
}

function offerLabel(o: Offer): string {
  return o.offer.kind === 'points' ? '积分奖励' : (o.offer.couponTitle ?? '优惠券');
}

export function OfferList({ items, onClaim }: { items: Offer[]; onClaim: (o: Offer) => Promise<unknown> }) {
  const [busy, setBusy] = useState<string | null>(null);
  const claim = async (o: Offer) => {
    setBusy(o.sendId);
    try {
      await onClaim(o);
      void Taro.showToast({ title: o.offer.kind === 'coupon' ? '领取成功，已放入券包' : `已领取 ${o.offer.points ?? 0} 积分`, icon: 'none' });
    } catch (e) {
      // The request wrapper has already shown why.
      if (!(e instanceof ApiError)) throw e;
    } finally {
      setBusy(null);
    }
  };
  return (
    <View>
      {items.map((o) => (
        <View key={o.sendId} className={`card offer ${o.claimed ? 'offer--claimed' : ''}`} data-send-id={o.sendId}>
          <View className="offer__value">
            <Text className="offer__amount">{offerValue(o)}</Text>
            <Text className="offer__kind">{offerLabel(o)}</Text>
          </View>
          <View className="offer__info">
            <Text className="offer__title">{o.title}</Text>
            <Text className="offer__body muted">{o.body}</Text>
            <Text className="offer__campaign muted">{o.campaignName}</Text>
          </View>
          <View className="offer__actions">
            {o.claimed ? (
              <Button className="offer__claimed" size="mini" disabled>
                已领取
              </Button>
            ) : (
              <Button className="btn-primary offer__claim" size="mini" disabled={busy === o.sendId} onClick={() => void claim(o)}>
                领取
              </Button>
            )}
            {o.claimed && o.offer.kind === 'coupon' && (
              <Button className="offer__use" size="mini" onClick={() => void Taro.navigateTo({ url: '/member/pages/coupons/index' })}>
                去使用
              </Button>
            )}
          </View>
        </View>
      ))}
    </View>
  );
}
