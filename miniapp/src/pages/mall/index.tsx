import { useCallback, useState } from 'react';
import { Image, ScrollView, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import { memberDayPriceFen, type CheckoutTerms, type MallItem } from '@mall/shared';
import { MemberGate } from '../../components/MemberStatus';
import { KIND_LABELS, mediaUrl, priceText, tierBadge, yuan } from '../../components/mall-format';
import { api, ignoreApiError } from '../../services/request';
import { usePageView } from '../../services/analytics';
import './index.scss';

const ALL = '全部';

function ItemCard({ item, terms }: { item: MallItem; terms: CheckoutTerms | null }) {
  const badge = tierBadge(item);
  const locked = !!terms && item.tiersAllowed.length > 0 && !item.tiersAllowed.includes(terms.tier);
  const soldOut = item.stock <= 0;
  const dayPrice = terms && item.cashPriceFen > 0 && terms.memberDayPricePct < 100 ? memberDayPriceFen(item.cashPriceFen, terms.memberDayPricePct) : null;
  return (
    <View
      className={`mall-card ${locked || soldOut ? 'mall-card--dim' : ''}`}
      data-item-id={item.id}
      onClick={() => void Taro.navigateTo({ url: `/mall/pages/item/index?id=${item.id}` })}
    >
      <View className="mall-card__media">
        {item.imageUrls[0] ? <Image className="mall-card__image" src={mediaUrl(item.imageUrls[0])} mode="aspectFill" /> : <View className="mall-card__image mall-card__image--empty">{KIND_LABELS[item.kind]}</View>}
        {badge && <Text className="mall-badge">{badge}</Text>}
        {soldOut && <Text className="mall-card__soldout">已兑完</Text>}
      </View>
      <View className="mall-card__body">
        <Text className="mall-card__name">{item.name}</Text>
        <Text className="mall-card__price">{priceText(item.cashPriceFen, item.pointsPrice)}</Text>
        {dayPrice !== null && (
          <Text className={`mall-card__day ${terms?.isMemberDay ? 'mall-card__day--on' : ''}`}>
            {terms?.isMemberDay ? '会员日价' : '会员日'} ¥{yuan(dayPrice)}
          </Text>
        )}
      </View>
    </View>
  );
}

export default function MallPage() {
  usePageView();
  const [items, setItems] = useState<MallItem[] | null>(null);
  const [terms, setTerms] = useState<CheckoutTerms | null>(null);
  const [category, setCategory] = useState(ALL);

  const load = useCallback(async () => {
    const [list, t] = await Promise.all([api.get('/api/mall/items'), api.get('/api/mall/checkout-terms')]);
    setItems(list.items);
    setTerms(t);
  }, []);
  useDidShow(() => void load().catch(ignoreApiError));
  usePullDownRefresh(() => void load().catch(ignoreApiError).finally(() => stopPullDownRefresh()));

  const categories = [ALL, ...new Set((items ?? []).map((i) => i.category).filter(Boolean))];
  const shown = (items ?? []).filter((i) => category === ALL || i.category === category);
  return (
    <View className="page">
      <MemberGate>
        <View className="card mall-head">
          <View>
            <Text className="muted">可用积分</Text>
            <View className="member-points mall-balance">{terms?.balance ?? '—'}</View>
            <Text className="muted">{terms ? `${terms.pointsPer5Yuan} 积分可抵 5 元` : ''}</Text>
          </View>
          <View className="mall-head__links">
            <Text className="mall-link" onClick={() => void Taro.navigateTo({ url: '/mall/pages/orders/index' })}>我的订单 ›</Text>
            <Text className="mall-link" onClick={() => void Taro.navigateTo({ url: '/mall/pages/addresses/index' })}>收货地址 ›</Text>
          </View>
        </View>
        {terms?.isMemberDay && <View className="card mall-memberday">今天是会员日 · 现金商品 {terms.memberDayPricePct / 10} 折</View>}
        <ScrollView scrollX className="mall-cats">
          {categories.map((c) => (
            <Text key={c} className={`mall-cat ${c === category ? 'mall-cat--on' : ''}`} onClick={() => setCategory(c)}>
              {c}
            </Text>
          ))}
        </ScrollView>
        {items && shown.length === 0 && <View className="card muted">暂无商品，敬请期待</View>}
        <View className="mall-grid">
          {shown.map((item) => (
            <ItemCard key={item.id} item={item} terms={terms} />
          ))}
        </View>
      </MemberGate>
    </View>
  );
}
