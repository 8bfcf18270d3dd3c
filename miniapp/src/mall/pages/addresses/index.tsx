import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { MemberAddress } from '@mall/shared';
import { api, ApiError, ignoreApiError } from '../../../services/request';
import { ADDRESS_PICKED } from '../../address-events';
import { usePageView } from '../../../services/analytics';
import './index.scss';

/** The address book; opened from checkout with ?select=1, tapping an address picks it. */
export default function AddressesPage() {
  usePageView();
  const { params } = useRouter();
  const selecting = params.select === '1';
  const [items, setItems] = useState<MemberAddress[] | null>(null);
  const load = () => api.get('/api/addresses').then((r) => setItems(r.items));
  useDidShow(() => void load().catch(ignoreApiError));

  const pick = (a: MemberAddress) => {
    if (!selecting) return;
    Taro.eventCenter.trigger(ADDRESS_PICKED, a);
    void Taro.navigateBack();
  };
  const makeDefault = async (a: MemberAddress) => {
    await api.put('/api/addresses/{id}', { name: a.name, phone: a.phone, region: a.region, detail: a.detail, isDefault: true }, { params: { id: a.id } });
    await load();
  };
  const remove = async (a: MemberAddress) => {
    const { confirm } = await Taro.showModal({ title: '删除地址', content: `确定删除「${a.name} ${a.detail}」？`, confirmText: '删除', cancelText: '取消' });
    if (!confirm) return;
    await api.delete('/api/addresses/{id}', undefined, { params: { id: a.id } });
    await load();
  };
  const guard = (p: Promise<unknown>) => void p.catch((e) => (e instanceof ApiError ? undefined : Promise.reject(e)));

  return (
    <View className="page addresses">
      {items && items.length === 0 && <View className="card muted">还没有收货地址</View>}
      {(items ?? []).map((a) => (
        <View key={a.id} className="card address" data-address-id={a.id}>
          <View className="address__body" onClick={() => pick(a)}>
            <Text className="address__who">
              {a.name} {a.phone}
              {a.isDefault && <Text className="address__default">默认</Text>}
            </Text>
            <Text className="muted">{a.region} {a.detail}</Text>
          </View>
          <View className="address__actions">
            {!a.isDefault && <Text className="address__action" onClick={() => guard(makeDefault(a))}>设为默认</Text>}
            <Text className="address__action" onClick={() => void Taro.navigateTo({ url: `/mall/pages/address-edit/index?id=${a.id}` })}>编辑</Text>
            <Text className="address__action address__action--danger" onClick={() => guard(remove(a))}>删除</Text>
          </View>
        </View>
      ))}
      <Button className="btn-primary addresses__add" onClick={() => void Taro.navigateTo({ url: '/mall/pages/address-edit/index' })}>
        新增收货地址
      </Button>
    </View>
  );
}
