import { useState } from 'react';
import { Button, Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { memberDayPriceFen, type CheckoutTerms, type MallItem } from '@mall/shared';
import { KIND_LABELS, mediaUrl, priceText, tierBadge, yuan } from '../../../components/mall-format';
import { api, ignoreApiError } from '../../../services/request';
import { usePageView } from '../../../services/analytics';
import { BoughtTogether } from './BoughtTogether';
import './index.scss';

const fmt = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Why the member cannot buy the item now, or null. */
function blocker(item: MallItem, terms: CheckoutTerms): string | null {
  const now = Date.now();
  if (item.stock <= 0) return '已兑完';
  if (item.tiersAllowed.length && !item.tiersAllowed.includes(terms.tier)) return tierBadge(item) ?? '等级不符';
  if (item.saleStartsAt && Date.parse(item.saleStartsAt) > now) return `${fmt(item.saleStartsAt)} 开售`;
  if (item.saleEndsAt && Date.parse(item.saleEndsAt) < now) return '已结束';
  if (item.pointsPrice > terms.balance) return '积分不足';
  return null;
}

export default function ItemPage() {
  usePageView();
  const { params } = useRouter();
  const [item, setItem] = useState<MallItem | null>(null);
  const [terms, setTerms] = useState<CheckoutTerms | null>(null);
  const [quantity, setQuantity] = useState(1);

  useDidShow(() => {
    if (!params.id) return;
    void Promise.all([api.get('/api/mall/items/{id}', undefined, { params: { id: params.id } }), api.get('/api/mall/checkout-terms')])
      .then(([i, t]) => {
        setItem(i);
        setTerms(t);
      })
      .catch(ignoreApiError);
  });
  if (!item || !terms) return <View className="page muted">加载中…</View>;

  const badge = tierBadge(item);
  const blocked = blocker(item, terms);
  const maxQuantity = Math.max(1, Math.min(item.stock, item.perMemberLimit || 99, 99));
  const dayPrice = item.cashPriceFen > 0 && terms.memberDayPricePct < 100 ? memberDayPriceFen(item.cashPriceFen, terms.memberDayPricePct) : null;
  const buy = () => void Taro.navigateTo({ url: `/mall/pages/checkout/index?itemId=${item.id}&quantity=${quantity}` });
  return (
    <View className="item-page">
      {item.imageUrls.length > 0 ? (
        <Swiper className="item-swiper" indicatorDots={item.imageUrls.length > 1} circular>
          {item.imageUrls.map((url) => (
            <SwiperItem key={url}>
              <Image className="item-image" src={mediaUrl(url)} mode="aspectFill" />
            </SwiperItem>
          ))}
        </Swiper>
      ) : (
        <View className="item-image item-image--empty">{KIND_LABELS[item.kind]}</View>
      )}
      <View className="page">
        <View className="card item-info">
          <View className="item-tags">
            <Text className="item-tag">{KIND_LABELS[item.kind]}</Text>
            {badge && <Text className="item-tag item-tag--tier">{badge}</Text>}
          </View>
          <Text className="item-name">{item.name}</Text>
          <Text className="item-price">{priceText(item.cashPriceFen, item.pointsPrice)}</Text>
          {dayPrice !== null && (
            <Text className={`item-dayprice ${terms.isMemberDay ? 'item-dayprice--on' : ''}`}>
              {terms.isMemberDay ? `今日会员日价 ¥${yuan(dayPrice)}` : `会员日 ${terms.memberDayPricePct / 10} 折：¥${yuan(dayPrice)}`}
            </Text>
          )}
          {item.cashPriceFen > 0 && <Text className="muted">积分可抵现金的 {terms.maxShareOfCashPct}%，{terms.pointsPer5Yuan} 积分抵 5 元</Text>}
          <Text className="muted">
            库存 {item.stock}
            {item.perMemberLimit > 0 ? ` · 每人限 ${item.perMemberLimit} 件` : ''}
            {item.saleEndsAt ? ` · ${fmt(item.saleEndsAt)} 截止` : ''}
          </Text>
        </View>
        {item.description && <View className="card item-desc">{item.description}</View>}
        <BoughtTogether itemId={item.id} />
        <View className="card item-qty">
          <Text>数量</Text>
          <View className="qty">
            <Text className="qty__btn" onClick={() => setQuantity((q) => Math.max(1, q - 1))}>－</Text>
            <Text className="qty__value">{quantity}</Text>
            <Text className="qty__btn" onClick={() => setQuantity((q) => Math.min(maxQuantity, q + 1))}>＋</Text>
          </View>
        </View>
      </View>
      <View className="item-bar">
        <Text className="muted">我的积分 {terms.balance}</Text>
        <Button className="btn-primary item-buy" disabled={!!blocked} onClick={buy}>
          {blocked ?? (item.cashPriceFen > 0 ? '立即购买' : '立即兑换')}
        </Button>
      </View>
    </View>
  );
}
