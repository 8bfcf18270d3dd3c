import { useEffect, useMemo } from 'react';
import { Button, Card, Form, Input, InputNumber, Select, Space, Switch, message } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EChart } from '../../components/EChart';
import { fetchCouponTemplates } from '../coupons/service';
import { fetchCheckinSettings, fetchCheckinStats, saveCheckinSettings, type CheckinSettings } from './service';

export default function CheckinSettingsPage() {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CheckinSettings>();
  const { data } = useQuery({ queryKey: ['checkin-settings'], queryFn: fetchCheckinSettings });
  const { data: stats } = useQuery({ queryKey: ['checkin-stats'], queryFn: fetchCheckinStats });
  const { data: coupons } = useQuery({ queryKey: ['coupon-templates'], queryFn: fetchCouponTemplates });
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);
  const save = useMutation({
    mutationFn: saveCheckinSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(['checkin-settings'], saved);
      void message.success('签到规则已保存');
    },
  });
  const chart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['签到人数', '签到率'] },
      xAxis: { type: 'category', data: stats?.days.map((d) => d.date.slice(5)) ?? [] },
      yAxis: [{ type: 'value', name: '人数' }, { type: 'value', name: '签到率', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } }],
      series: [
        { name: '签到人数', type: 'bar', data: stats?.days.map((d) => d.checkins) ?? [] },
        { name: '签到率', type: 'line', yAxisIndex: 1, data: stats?.days.map((d) => d.rate) ?? [] },
      ],
    }),
    [stats],
  );

  return (
    <>
      <Card title="近 30 天签到">
        <EChart option={chart} height={300} testId="checkin-chart" />
      </Card>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ ...data!, ...v, holidays: v.holidays ?? [] })}>
        <Card title="签到奖励阶梯" style={{ marginTop: 16 }} extra={<Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>}>
          <Space wrap size="large">
            <Form.Item label="每日基础积分" name={['ladder', 'basePoints']} rules={[{ required: true }]}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item label="最后一档后从第 1 天重新开始" name={['ladder', 'repeat']} valuePropName="checked">
              <Switch checkedChildren="循环" unCheckedChildren="不循环" />
            </Form.Item>
          </Space>
          <div>
          <Form.List name={['ladder', 'steps']}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item label="连续第几天" name={[field.name, 'day']} rules={[{ required: true }]}>
                      <InputNumber min={1} max={366} precision={0} />
                    </Form.Item>
                    <Form.Item label="额外积分" name={[field.name, 'points']}>
                      <InputNumber min={0} precision={0} />
                    </Form.Item>
                    <Form.Item label="优惠券" name={[field.name, 'couponTemplateId']}>
                      <Select allowClear style={{ width: 200 }} placeholder="不发券" options={coupons?.items.map((c) => ({ value: c.id, label: c.name }))} />
                    </Form.Item>
                    <Form.Item label="展示文案" name={[field.name, 'label']}>
                      <Input placeholder="如：10元优惠券" maxLength={20} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ day: 7, points: 20 })} icon={<PlusOutlined />}>
                  添加一档
                </Button>
              </>
            )}
          </Form.List>
          </div>
        </Card>
        <Card title="倍率、补签与提醒" style={{ marginTop: 16 }}>
          <Space wrap size="large">
            <Form.Item label="会员日倍率 (%)" name="memberDayMultiplierPct"><InputNumber min={100} max={1000} precision={0} /></Form.Item>
            <Form.Item label="节假日倍率 (%)" name="holidayMultiplierPct"><InputNumber min={100} max={1000} precision={0} /></Form.Item>
            <Form.Item label="节假日 (YYYY-MM-DD)" name="holidays"><Select mode="tags" style={{ width: 260 }} tokenSeparators={[',', ' ']} /></Form.Item>
            <Form.Item label="每月补签次数" name={['makeup', 'maxPerMonth']}><InputNumber min={0} max={31} precision={0} /></Form.Item>
            <Form.Item label="补签消耗积分" name={['makeup', 'costPoints']}><InputNumber min={0} precision={0} /></Form.Item>
            <Form.Item label="提醒时间（点）" name="reminderHour"><InputNumber min={0} max={23} precision={0} /></Form.Item>
          </Space>
          <div style={{ color: '#888' }}>等级倍率在「会员等级」中设置；倍率作用于基础积分。</div>
        </Card>
      </Form>
    </>
  );
}
