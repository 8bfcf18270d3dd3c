import { useEffect, useState } from 'react';
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { api, ApiError, ignoreApiError } from '../../../services/request';
import { usePageView } from '../../../services/analytics';
import './index.scss';

const EMPTY = { name: '', phone: '', region: '', detail: '', isDefault: false };

/** Adds an address, or edits the one named by ?id=. The server validates; the form checks the obvious first. */
export default function AddressEditPage() {
  usePageView();
  const { params } = useRouter();
  const [form, setForm] = useState(EMPTY);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!params.id) return;
    void Taro.setNavigationBarTitle({ title: '编辑地址' });
    void api
      .get('/api/addresses')
      .then((r) => {
        const a = r.items.find((x) => x.id === params.id);
        if (a) setForm({ name: a.name, phone: a.phone, region: a.region, detail: a.detail, isDefault: a.isDefault });
      })
      .catch(ignoreApiError);
  }, [params.id]);

  const set = (key: keyof typeof EMPTY) => (e: { detail: { value: string | boolean } }) => setForm((f) => ({ ...f, [key]: e.detail.value }));
  const problem =
    (!form.name.trim() && '请填写收货人') || (!/^1\d{10}$/.test(form.phone) && '请填写 11 位手机号') || (form.region.trim().length < 2 && '请填写所在地区') || (form.detail.trim().length < 2 && '请填写详细地址');
  const save = async () => {
    if (problem) return void Taro.showToast({ title: problem, icon: 'none' });
    setSaving(true);
    const body = { name: form.name.trim(), phone: form.phone, region: form.region.trim(), detail: form.detail.trim(), isDefault: form.isDefault };
    try {
      if (params.id) await api.put('/api/addresses/{id}', body, { params: { id: params.id } });
      else await api.post('/api/addresses', body);
      void Taro.navigateBack();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="page">
      <View className="card address-form">
        <View className="address-form__row"><Text>收货人</Text><Input className="address-form__input" name="name" value={form.name} maxlength={20} placeholder="姓名" onInput={set('name')} /></View>
        <View className="address-form__row"><Text>手机号</Text><Input className="address-form__input" name="phone" type="number" value={form.phone} maxlength={11} placeholder="11 位手机号" onInput={set('phone')} /></View>
        <View className="address-form__row"><Text>所在地区</Text><Input className="address-form__input" name="region" value={form.region} maxlength={60} placeholder="省 市 区" onInput={set('region')} /></View>
        <View className="address-form__row"><Text>详细地址</Text><Input className="address-form__input" name="detail" value={form.detail} maxlength={120} placeholder="街道、门牌号" onInput={set('detail')} /></View>
        <View className="address-form__row"><Text>设为默认地址</Text><Switch checked={form.isDefault} color="#e4393c" onChange={set('isDefault')} /></View>
      </View>
      <Button className="btn-primary" disabled={saving} loading={saving} onClick={() => void save()}>保存</Button>
    </View>
  );
}
