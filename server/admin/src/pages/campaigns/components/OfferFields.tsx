import { Form, InputNumber, Radio, Select } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { OFFER_KINDS, OFFER_LABELS } from '../labels';
import type { OfferKind } from '../service';

interface Props {
  /** Where the offer lives in the form, e.g. ['offer'] or [index] inside the win-back steps list. */
  name: (string | number)[];
  /** The full path of the offer's kind, to watch it (differs from `name` inside a Form.List). */
  kindPath: NamePath;
  coupons: { value: string; label: string }[];
}

/** An offer: nothing, a coupon template from the wallet, or points. */
export function OfferFields({ name, kindPath, coupons }: Props) {
  const kind = Form.useWatch(kindPath) as OfferKind | undefined;
  return (
    <>
      <Form.Item name={[...name, 'kind']} label="优惠" rules={[{ required: true }]}>
        <Radio.Group options={OFFER_KINDS.map((k) => ({ value: k, label: OFFER_LABELS[k] }))} />
      </Form.Item>
      {kind === 'coupon' && (
        <Form.Item name={[...name, 'couponTemplateId']} label="优惠券模板" rules={[{ required: true, message: '请选择优惠券模板' }]}>
          <Select aria-label="优惠券模板" placeholder="从券库中选择" options={coupons} showSearch optionFilterProp="label" style={{ maxWidth: 360 }} />
        </Form.Item>
      )}
      {kind === 'points' && (
        <Form.Item name={[...name, 'points']} label="赠送积分" rules={[{ required: true, message: '请输入积分' }]}>
          <InputNumber aria-label="赠送积分" min={1} max={100000} precision={0} addonAfter="积分" />
        </Form.Item>
      )}
    </>
  );
}
