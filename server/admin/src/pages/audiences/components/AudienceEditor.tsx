import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Space, Statistic, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parseAudienceRules, type AudienceRule } from '@mall/shared';
import { ApiError } from '../../../api/client';
import { createAudience, previewAudience, updateAudience, type Audience } from '../service';
import { newRule } from '../rule-labels';
import { RuleRow } from './RuleRow';

interface Props {
  open: boolean;
  editing: Audience | null;
  onClose: () => void;
}

/** Debounces a value so the live count asks the server at most every 400 ms while typing. */
function useDebounced<T>(value: T, ms = 400): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** The rule builder: conditions (all must hold) with the live member count. */
export function AudienceEditor({ open, editing, onClose }: Props) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const [rules, setRules] = useState<AudienceRule[]>([]);
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({ name: editing?.name ?? '', description: editing?.description ?? '' });
    setRules((editing?.rules as AudienceRule[] | undefined) ?? [newRule('tier')]);
  }, [open, editing, form]);

  const debounced = useDebounced(rules);
  const checked = parseAudienceRules(debounced);
  const preview = useQuery({
    queryKey: ['audience-preview', debounced],
    queryFn: () => previewAudience(debounced),
    enabled: open && checked.ok,
  });
  const save = useMutation({
    mutationFn: (v: { name: string; description?: string }) => (editing ? updateAudience(editing.id, { ...v, rules }) : createAudience({ ...v, rules })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['audiences'] });
      void message.success('受众已保存');
      onClose();
    },
  });

  return (
    <Drawer title={editing ? '编辑受众' : '新建受众'} width={720} open={open} onClose={onClose} destroyOnClose
      extra={<Button type="primary" loading={save.isPending} disabled={!checked.ok} onClick={() => form.submit()}>保存</Button>}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, max: 40 }]}>
          <Input placeholder="如：高价值流失风险" />
        </Form.Item>
        <Form.Item label="说明" name="description" rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <div style={{ marginBottom: 8 }}>满足以下全部条件的会员：</div>
      {rules.map((rule, i) => (
        <RuleRow key={i} rule={rule} onChange={(r) => setRules(rules.map((x, j) => (j === i ? r : x)))} onRemove={() => setRules(rules.filter((_, j) => j !== i))} />
      ))}
      <Button icon={<PlusOutlined />} onClick={() => setRules([...rules, newRule('lastActive')])} disabled={rules.length >= 20}>添加条件</Button>
      <Space direction="vertical" style={{ width: '100%', marginTop: 24 }}>
        {!checked.ok && <Alert type="warning" showIcon message={`条件未填完整：${checked.errors.map((e) => e.field).join('，')}`} />}
        {preview.error && <Alert type="error" showIcon message={(preview.error as ApiError).message} />}
        <div data-testid="audience-count">
          <Statistic title="当前符合条件的会员" value={checked.ok ? preview.data?.memberCount ?? '…' : '—'} suffix="人" />
        </div>
        <span style={{ color: '#888' }}>
          订单、消费、RFM、流失风险与回购日来自每日预测{preview.data?.predictionsOn ? `（${preview.data.predictionsOn}）` : '（尚未计算）'}；等级、活跃、积分为实时数据。
        </span>
      </Space>
    </Drawer>
  );
}
