import { useEffect, useMemo, useState } from 'react';
import { Button, Slider, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { maxPointsToUse, pointsStep, priceOrder, type CheckoutTerms, type CouponTerms, type MallItem, type MemberAddress, type WalletCoupon } from '@mall/shared';
import { priceText, yuan } from '../../../components/mall-format';
import { api, ApiError, ignoreApiError } from '../../../services/request';
import { payOrder } from '../../../services/pay';
import { useMember } from '../../../stores/member-context';
import { ADDRESS_PICKED } from '../../address-events';
import { usePageView } from '../../../services/analytics';
import './index.scss';

const newKey = () => `co-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
const termsOf = (c: WalletCoupon): CouponTerms => ({ kind: c.kind, amountOffFen: c.amountOffFen, thresholdFen: c.thresholdFen, percentPay: c.percentPay, capFen: c.capFen });
const describeCoupon = (c: WalletCoupon) => `${c.name}（${c.thresholdFen ? `满${yuan(c.thresholdFen)}元` : '无门槛'}${c.kind === 'amount' ? `减${yuan(c.amountOffFen)}元` : `${c.percentPay / 10}折`}）`;

export default function CheckoutPage() {
  usePageView();
  const { params } = useRouter();
  const quantity = Math.max(1, Math.min(99, Number(params.quantity) || 1));
  const { reload } = useMember();
  const [item, setItem] = useState<MallItem | null>(null);
  const [terms, setTerms] = useState<CheckoutTerms | null>(null);
  const [coupons, setCoupons] = useState<WalletCoupon[]>([]);
  const [address, setAddress] = useState<MemberAddress | null>(null);
  const [couponId, setCouponId] = useState<string | null>(null);
  const [pickingCoupon, setPickingCoupon] = useState(false);
  const [points, setPoints] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  // One key per checkout screen: a double tap or a retry after a timeout returns the same order.
  const [idempotencyKey] = useState(newKey);

  useEffect(() => {
    if (!params.itemId) return;
    void Promise.all([
      api.get('/api/mall/items/{id}', undefined, { params: { id: params.itemId } }),
      api.get('/api/mall/checkout-terms'),
      api.get('/api/coupons'),
      api.get('/api/addresses'),
    ])
      .then(([i, t, wallet, book]) => {
        setItem(i);
        setTerms(t);
        setCoupons(wallet.items.filter((c) => c.state === 'unused' && Date.parse(c.validFrom) <= Date.now() && Date.parse(c.validTo) >= Date.now()));
        setAddress(book.items.find((a) => a.isDefault) ?? book.items[0] ?? null);
      })
      .catch(ignoreApiError);
    const picked = (a: MemberAddress) => setAddress(a);
    Taro.eventCenter.on(ADDRESS_PICKED, picked);
    return () => void Taro.eventCenter.off(ADDRESS_PICKED, picked);
  }, [params.itemId]);

  // Back from the address book without picking one (say, after adding the first): take the default.
  useDidShow(() => {
    if (item?.kind !== 'goods' || address) return;
    void api.get('/api/addresses', undefined, { silent: true }).then((book) => setAddress(book.items.find((a) => a.isDefault) ?? book.items[0] ?? null), () => undefined);
  });

  const pricing = useMemo(() => {
    if (!item || !terms) return null;
    const input = {
      lines: [{ unitCashFen: item.cashPriceFen, unitPoints: item.pointsPrice, quantity }],
      memberDayPricePct: terms.isMemberDay ? terms.memberDayPricePct : 100,
      balance: terms.balance,
      maxShareOfCashPct: terms.maxShareOfCashPct,
      pointsPer5Yuan: terms.pointsPer5Yuan,
    };
    const coupon = coupons.find((c) => c.id === couponId) ?? null;
    const withCoupon = { ...input, coupon: coupon && termsOf(coupon) };
    const max = maxPointsToUse(withCoupon);
    const used = Math.min(points, max);
    return {
      max,
      used,
      step: pointsStep(terms.pointsPer5Yuan),
      result: priceOrder({ ...withCoupon, pointsToUse: used }),
      usable: coupons.filter((c) => priceOrder({ ...input, coupon: termsOf(c), pointsToUse: 0 }).ok),
    };
  }, [item, terms, coupons, couponId, points, quantity]);

  if (!item || !terms || !pricing) return <View className="page muted">加载中…</View>;
  const { result, max, used, step, usable } = pricing;
  const needsAddress = item.kind === 'goods';

  const submit = async () => {
    if (needsAddress && !address) return void Taro.showToast({ title: '请选择收货地址', icon: 'none' });
    setSubmitting(true);
    try {
      const order = await api.post('/api/orders', {
        items: [{ itemId: item.id, quantity }],
        idempotencyKey,
        ...(used > 0 ? { pointsToUse: used } : {}),
        ...(couponId ? { couponId } : {}),
        ...(needsAddress && address ? { addressId: address.id } : {}),
      });
      void reload();
      if (order.payment) {
        const outcome = await payOrder(order.id, order.payment).catch(() => 'failed' as const);
        if (outcome === 'left') return;
        if (outcome === 'failed') void Taro.showToast({ title: '支付未完成，可在订单中继续支付', icon: 'none' });
      } else {
        void Taro.showToast({ title: item.kind === 'coupon' ? '兑换成功，券已放入卡包' : '兑换成功', icon: 'none' });
      }
      void Taro.redirectTo({ url: `/mall/pages/order/index?id=${order.id}` });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="page checkout">
      {needsAddress && (
        <View className="card checkout-address" onClick={() => void Taro.navigateTo({ url: '/mall/pages/addresses/index?select=1' })}>
          {address ? (
            <View className="checkout-address__body">
              <Text className="checkout-address__who">{address.name} {address.phone}</Text>
              <Text className="muted">{address.region} {address.detail}</Text>
            </View>
          ) : (
            <Text className="checkout-address__empty">+ 添加收货地址</Text>
          )}
          <Text className="muted">›</Text>
        </View>
      )}
      <View className="card checkout-line">
        <Text className="checkout-line__name">{item.name}</Text>
        <Text className="muted">{priceText(item.cashPriceFen, item.pointsPrice)} × {quantity}</Text>
      </View>
      {item.cashPriceFen > 0 && (
        <View className="card">
          <View className="checkout-row" onClick={() => setPickingCoupon((v) => !v)}>
            <Text>优惠券</Text>
            <Text className={couponId ? 'checkout-discount' : 'muted'}>
              {couponId && result.ok ? `-¥${yuan(result.value.couponDiscountFen)}` : usable.length ? `${usable.length} 张可用 ›` : '暂无可用'}
            </Text>
          </View>
          {pickingCoupon && (
            <View className="coupon-picker">
              <View className={`coupon-option ${couponId ? '' : 'coupon-option--on'}`} onClick={() => { setCouponId(null); setPickingCoupon(false); }}>
                不使用优惠券
              </View>
              {usable.map((c) => (
                <View key={c.id} className={`coupon-option ${c.id === couponId ? 'coupon-option--on' : ''}`} onClick={() => { setCouponId(c.id); setPickingCoupon(false); }}>
                  {describeCoupon(c)}
                </View>
              ))}
            </View>
          )}
          <View className="checkout-row">
            <Text>积分抵扣</Text>
            <Text className="checkout-points-value">{used > 0 ? `${used} 积分抵 ¥${yuan(result.ok ? result.value.pointsValueFen : 0)}` : '不使用'}</Text>
          </View>
          {max > 0 ? (
            <>
              <Slider className="checkout-slider" min={0} max={max} step={step} value={used} activeColor="#e4393c" blockSize={24} onChange={(e) => setPoints(e.detail.value)} />
              <View className="checkout-row muted">
                <Text onClick={() => setPoints(0)}>不使用</Text>
                <Text>最多可用 {max} 积分（不超过现金的 {terms.maxShareOfCashPct}%）</Text>
                <Text className="checkout-points-max" onClick={() => setPoints(max)}>最大抵扣</Text>
              </View>
            </>
          ) : (
            <Text className="muted">可用积分不足以抵扣</Text>
          )}
        </View>
      )}
      {result.ok ? (
        <View className="card checkout-summary">
          {result.value.cashSubtotalFen > 0 && <View className="checkout-row"><Text>商品金额</Text><Text>¥{yuan(result.value.cashSubtotalFen)}</Text></View>}
          {result.value.memberDayDiscountFen > 0 && <View className="checkout-row"><Text>会员日优惠</Text><Text className="checkout-discount">-¥{yuan(result.value.memberDayDiscountFen)}</Text></View>}
          {result.value.couponDiscountFen > 0 && <View className="checkout-row"><Text>优惠券</Text><Text className="checkout-discount">-¥{yuan(result.value.couponDiscountFen)}</Text></View>}
          {result.value.pointsValueFen > 0 && <View className="checkout-row"><Text>积分抵扣</Text><Text className="checkout-discount">-¥{yuan(result.value.pointsValueFen)}</Text></View>}
          <View className="checkout-row"><Text>消耗积分</Text><Text className="checkout-total-points">{result.value.pointsTotal}</Text></View>
          <View className="checkout-row muted"><Text>当前积分 {terms.balance}</Text><Text>兑换后剩余 {terms.balance - result.value.pointsTotal}</Text></View>
        </View>
      ) : (
        <View className="card checkout-error">{result.error === 'NOT_ENOUGH_POINTS' ? '积分不足' : '订单暂时无法提交'}</View>
      )}
      <View className="checkout-bar">
        <Text className="checkout-due">
          {result.ok && result.value.cashDueFen > 0 ? `实付 ¥${yuan(result.value.cashDueFen)}` : '无需支付现金'}
          {result.ok && result.value.pointsTotal > 0 ? ` + ${result.value.pointsTotal}积分` : ''}
        </Text>
        <Button className="btn-primary checkout-submit" disabled={!result.ok || submitting} loading={submitting} onClick={() => void submit()}>
          {result.ok && result.value.cashDueFen > 0 ? '提交订单并支付' : '确认兑换'}
        </Button>
      </View>
    </View>
  );
}
