import { useEffect, useState } from 'react';
import { Image, ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { components } from '@mall/shared';
import { mediaUrl, priceText } from '../../../components/mall-format';
import { api, ignoreApiError } from '../../../services/request';

type Partner = components['schemas']['BoughtTogetherItem'];

/** WeChat keeps at most 10 pages on the stack; deep partner-to-partner browsing replaces the page instead. */
const MAX_STACK = 9;

function openItem(id: string): void {
  const url = `/mall/pages/item/index?id=${id}`;
  void (Taro.getCurrentPages().length >= MAX_STACK ? Taro.redirectTo({ url }) : Taro.navigateTo({ url }));
}

/** "常一起购买": partner items from the nightly predictions; renders nothing when there are none. */
export function BoughtTogether({ itemId }: { itemId: string }) {
  const [items, setItems] = useState<Partner[]>([]);
  useEffect(() => {
    // A side row: a failure hides it instead of toasting over the item the member came for.
    void api
      .get('/api/mall/items/{id}/bought-together', { limit: 6 }, { silent: true, params: { id: itemId } })
      .then((r) => setItems(r.items), ignoreApiError);
  }, [itemId]);
  if (!items.length) return null;
  return (
    <View className="card bought-together">
      <Text className="bought-together__title">常一起购买</Text>
      <ScrollView className="bought-together__scroll" scrollX enhanced showScrollbar={false}>
        {items.map((p) => (
          <View key={p.id} className="bought-together__item" data-item-id={p.id} onClick={() => openItem(p.id)}>
            {p.imageUrl ? (
              <Image className="bought-together__image" src={mediaUrl(p.imageUrl)} mode="aspectFill" lazyLoad />
            ) : (
              <View className="bought-together__image bought-together__image--empty" />
            )}
            <Text className="bought-together__name">{p.name}</Text>
            <Text className="bought-together__price">{priceText(p.cashPriceFen, p.pointsPrice)}</Text>
          </View>
        ))}
      </ScrollView>
    </View>
  );
}
