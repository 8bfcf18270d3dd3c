import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Table, Tag, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TIER_CODES, TIER_LABELS } from '@mall/shared';
import { createCouponTemplate, fetchCouponTemplates, type CouponTemplate, type CouponTemplateInput } from './service';

const yuan = (fen: number) => (fen / 100).toFixed(2);

export default function CouponsPage() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CouponTemplateInput & { amountOffYuan?: number; thresholdYuan?: number }>();
  const kind = Form.useWatch('kind', form);
  const { data, isLoading } = useQuery({ queryKey: ['coupon-templates'], queryFn: fetchCouponTemplates });
  const create = useMutation({
    mutationFn: createCouponTemplate,
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['coupon-templates'] });
      void message.success('优惠券已创建');
    },
  });

  return (
    <Card title="优惠券" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>新建优惠券</Button>}>
      <Table<CouponTemplate>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '优惠', render: (_, t) => (t.kind === 'amount' ? `减 ¥${yuan(t.amountOffFen)}` : `${t.percentPay / 10} 折${t.capFen ? `，最多减 ¥${yuan(t.capFen)}` : ''}`) },
          { title: '门槛', render: (_, t) => (t.thresholdFen ? `满 ¥${yuan(t.thresholdFen)}` : '无门槛') },
          { title: '有效期', render: (_, t) => (t.validDays ? `领取后 ${t.validDays} 天` : `${t.validFrom?.slice(0, 10) ?? ''} ~ ${t.validTo?.slice(0, 10) ?? ''}`) },
          { title: '适用等级', render: (_, t) => (t.tiers.length ? t.tiers.map((x) => <Tag key={x}>{TIER_LABELS[x]}</Tag>) : '全部') },
          { title: '已发放 / 总量', render: (_, t) => `${t.issuedCount} / ${t.totalLimit ?? '不限'}` },
          { title: '每人限领', dataIndex: 'perMemberLimit' },
          { title: '状态', render: (_, t) => (t.status === 'active' ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
        ]}
      />
      <Modal title="新建优惠券" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnClose>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'amount', validDays: 30, perMemberLimit: 1 }}
          onFinish={({ amountOffYuan, thresholdYuan, ...v }) =>
            create.mutate({
              ...v,
              amountOffFen: v.kind === 'amount' && amountOffYuan ? Math.round(amountOffYuan * 100) : undefined,
              thresholdFen: thresholdYuan ? Math.round(thresholdYuan * 100) : 0,
            })
          }
        >
          <Form.Item label="名称" name="name" rules={[{ required: true, max: 40 }]}>
            <Input placeholder="如：满100减10" />
          </Form.Item>
          <Form.Item label="类型" name="kind">
            <Radio.Group options={[{ label: '满减券', value: 'amount' }, { label: '折扣券', value: 'percent' }]} />
          </Form.Item>
          {kind === 'percent' ? (
            <Form.Item label="折扣（支付原价的百分比）" name="percentPay" rules={[{ required: true }]}>
              <InputNumber min={1} max={99} precision={0} addonAfter="%" />
            </Form.Item>
          ) : (
            <Form.Item label="减免金额" name="amountOffYuan" rules={[{ required: true }]}>
              <InputNumber min={0.01} precision={2} addonAfter="元" />
            </Form.Item>
          )}
          <Form.Item label="使用门槛" name="thresholdYuan">
            <InputNumber min={0} precision={2} addonAfter="元" />
          </Form.Item>
          <Form.Item label="领取后有效天数" name="validDays" rules={[{ required: true }]}>
            <InputNumber min={1} max={3650} precision={0} />
          </Form.Item>
          <Form.Item label="适用等级（不选为全部）" name="tiers">
            <Select mode="multiple" options={TIER_CODES.map((t) => ({ value: t, label: TIER_LABELS[t] }))} />
          </Form.Item>
          <Form.Item label="发放总量（不填为不限）" name="totalLimit">
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item label="每人限领" name="perMemberLimit">
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
