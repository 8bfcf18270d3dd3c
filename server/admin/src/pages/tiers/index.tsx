import { useEffect } from 'react';
import { Avatar, Button, Card, Form, InputNumber, Space, Table, Upload, message } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TIER_CODES, TIER_LABELS, type TierCode } from '@mall/shared';
import { fetchTierSettings, saveTierSettings, uploadTierIcon, type TierSettings } from './service';

const BENEFIT_COLUMNS: { key: keyof TierSettings['benefits']['normal']; title: string; min: number; max: number }[] = [
  { key: 'checkinMultiplierPct', title: '签到积分倍率 (%)', min: 100, max: 1000 },
  { key: 'memberDayPricePct', title: '会员日折扣 (% 原价)', min: 1, max: 100 },
  { key: 'birthdayGiftPoints', title: '生日礼积分', min: 0, max: 1_000_000 },
  { key: 'freeShippingThresholdFen', title: '包邮门槛 (分，0=全包邮)', min: 0, max: 100_000_000 },
];

export default function TiersPage() {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TierSettings>();
  const { data } = useQuery({ queryKey: ['tier-settings'], queryFn: fetchTierSettings });
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);
  const save = useMutation({
    mutationFn: (values: TierSettings) =>
      saveTierSettings({ thresholds: values.thresholds, keepPct: values.keepPct, benefits: values.benefits, activityGrowth: values.activityGrowth }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['tier-settings'], saved);
      void message.success('等级规则已保存');
    },
  });
  const upload = useMutation({
    mutationFn: ({ tier, file }: { tier: TierCode; file: File }) => uploadTierIcon(tier, file),
    onSuccess: (saved) => {
      queryClient.setQueryData(['tier-settings'], saved);
      void message.success('图标已更新');
    },
  });

  return (
    <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ ...data!, ...v })}>
      <Card title="等级门槛（近 12 个月成长值）" extra={<Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>}>
        <Space size="large" wrap>
          {(['silver', 'gold', 'diamond'] as const).map((t) => (
            <Form.Item key={t} label={TIER_LABELS[t]} name={['thresholds', t]} rules={[{ required: true, message: '必填' }]}>
              <InputNumber min={1} precision={0} style={{ width: 160 }} data-testid={`threshold-${t}`} />
            </Form.Item>
          ))}
          <Form.Item label="保级比例 (%)" name="keepPct" tooltip="复审时，过去 12 个月成长值低于门槛的该比例将降一级">
            <InputNumber min={0} max={100} precision={0} />
          </Form.Item>
          <Form.Item label="签到成长值" name={['activityGrowth', 'checkin']}>
            <InputNumber min={0} max={1000} precision={0} />
          </Form.Item>
          <Form.Item label="邀请成长值" name={['activityGrowth', 'invite']}>
            <InputNumber min={0} max={1000} precision={0} />
          </Form.Item>
        </Space>
      </Card>
      <Card title="等级权益与图标" style={{ marginTop: 16 }}>
        <Table
          rowKey="tier"
          pagination={false}
          dataSource={TIER_CODES.map((tier) => ({ tier }))}
          columns={[
            {
              title: '等级',
              dataIndex: 'tier',
              render: (tier: TierCode) => (
                <Space>
                  <Avatar shape="square" src={data?.icons[tier]} />
                  {TIER_LABELS[tier]}
                  <Upload accept="image/png,image/jpeg,image/webp" showUploadList={false} beforeUpload={(file) => (upload.mutate({ tier, file }), false)}>
                    <Button size="small" icon={<UploadOutlined />}>上传图标</Button>
                  </Upload>
                </Space>
              ),
            },
            ...BENEFIT_COLUMNS.map((c) => ({
              title: c.title,
              key: c.key,
              render: (_: unknown, row: { tier: TierCode }) => (
                <Form.Item name={['benefits', row.tier, c.key]} noStyle rules={[{ required: true }]}>
                  <InputNumber min={c.min} max={c.max} precision={0} />
                </Form.Item>
              ),
            })),
          ]}
        />
      </Card>
    </Form>
  );
}
