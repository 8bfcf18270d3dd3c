import { Button, Card, DatePicker, Form, InputNumber, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { TRIGGER_DEFAULTS, TRIGGER_KINDS, TRIGGER_LABELS } from '../labels';
import type { TriggerKind } from '../service';
import { OfferFields } from './OfferFields';

const MAX_WINBACK_STEPS = 3;

/** The trigger's kind, then only the parameters that kind reads (win-back: up to three growing offers). */
export function TriggerFields({ coupons }: { coupons: { value: string; label: string }[] }) {
  const kind = Form.useWatch(['trigger', 'kind']) as TriggerKind | undefined;
  const number = (field: keyof typeof TRIGGER_DEFAULTS, label: string, before: string, after: string, min: number, max: number) => (
    <Form.Item name={['trigger', field]} label={label} rules={[{ required: true }]}>
      <InputNumber aria-label={label} min={min} max={max} precision={0} addonBefore={before} addonAfter={after} />
    </Form.Item>
  );
  return (
    <>
      <Form.Item name={['trigger', 'kind']} label="触发方式" rules={[{ required: true }]}>
        <Select aria-label="触发方式" options={TRIGGER_KINDS.map((k) => ({ value: k, label: TRIGGER_LABELS[k] }))} style={{ maxWidth: 360 }} />
      </Form.Item>
      {kind === 'once' && (
        <Form.Item name={['trigger', 'at']} label="发送时间" rules={[{ required: true, message: '请选择发送时间' }]} extra="遇到免打扰时段会顺延到时段结束后发送">
          <DatePicker showTime format="YYYY-MM-DD HH:mm" aria-label="发送时间" />
        </Form.Item>
      )}
      {kind === 'pointsExpiring' && number('withinDays', '过期时间', '积分在', '天内过期', 1, 365)}
      {kind === 'redeemNudge' && number('pointsShort', '差额', '距可兑换商品差 ≤', '积分', 1, 100000)}
      {kind === 'tierNudge' && number('growthShort', '差额', '距下一等级差 ≤', '成长值', 1, 1000000)}
      {kind === 'replenishment' && number('daysBefore', '提前天数', '预计回购日前', '天', 0, 60)}
      {kind === 'winBack' && (
        <Form.List name={['trigger', 'steps']}>
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field, i) => (
                <Card key={field.key} size="small" title={`第 ${i + 1} 步：超过 ${i + 1} 个购买周期未下单`}
                  extra={fields.length > 1 && <MinusCircleOutlined aria-label="删除步骤" onClick={() => remove(field.name)} />}>
                  <OfferFields name={[field.name]} kindPath={['trigger', 'steps', field.name, 'kind']} coupons={coupons} />
                </Card>
              ))}
              {fields.length < MAX_WINBACK_STEPS && (
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'coupon' })}>添加挽回步骤</Button>
              )}
            </Space>
          )}
        </Form.List>
      )}
    </>
  );
}
