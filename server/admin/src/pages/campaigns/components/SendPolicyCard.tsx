import { useEffect } from 'react';
import { Button, Card, Form, InputNumber, Space, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSendPolicy, saveSendPolicy, type SendPolicy } from '../service';

/** The caps and quiet hours every campaign obeys together (store time). */
export function SendPolicyCard({ canWrite }: { canWrite: boolean }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SendPolicy>();
  const { data } = useQuery({ queryKey: ['campaign-settings'], queryFn: fetchSendPolicy });
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);
  const save = useMutation({
    mutationFn: saveSendPolicy,
    onSuccess: (saved) => {
      queryClient.setQueryData(['campaign-settings'], saved);
      void message.success('发送规则已保存');
    },
  });
  const hour = (name: keyof SendPolicy, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <InputNumber aria-label={label} min={0} max={23} precision={0} addonAfter="点" disabled={!canWrite} />
    </Form.Item>
  );
  return (
    <Card title="发送规则（所有活动共用）" style={{ marginTop: 16 }} data-testid="send-policy">
      <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="maxPerWeek" label="每位会员每 7 天最多" rules={[{ required: true }]}>
          <InputNumber aria-label="每周上限" min={1} max={50} precision={0} addonAfter="条" disabled={!canWrite} />
        </Form.Item>
        <Space>
          {hour('quietStartHour', '免打扰开始')}
          {hour('quietEndHour', '免打扰结束')}
        </Space>
        {canWrite && (
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>
          </Form.Item>
        )}
      </Form>
      <div style={{ color: '#888', marginTop: 8 }}>门店时间。免打扰时段内不发送，顺延到结束后；开始与结束相同表示不设免打扰。</div>
    </Card>
  );
}
