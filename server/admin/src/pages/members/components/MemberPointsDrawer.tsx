import { useState } from 'react';
import { Button, Descriptions, Drawer, Form, Input, InputNumber, Table, Tabs, message } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TIER_LABELS, type AdminMemberRow } from '@mall/shared';
import { adjustPoints, fetchMemberDetail, fetchMemberLedger } from '../service';
import { MemberProfile, detailTabs } from './MemberDetailTabs';

/** A member in detail: points ledger with manual adjustment (with a required reason) for roles that may, then tiers, coupons, orders, check-ins, invitations and device. */
export function MemberPointsDrawer({ member, canAdjust, onClose }: { member: AdminMemberRow | null; canAdjust: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [form] = Form.useForm<{ delta: number; note: string }>();
  const { data, isFetching } = useQuery({
    queryKey: ['member-ledger', member?.id, page],
    queryFn: () => fetchMemberLedger(member!.id, page),
    enabled: !!member,
    placeholderData: keepPreviousData,
  });
  const { data: detail } = useQuery({ queryKey: ['member-detail', member?.id], queryFn: () => fetchMemberDetail(member!.id), enabled: !!member });
  const adjust = useMutation({
    mutationFn: (v: { delta: number; note: string }) => adjustPoints(member!.id, v.delta, v.note),
    onSuccess: () => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['member-ledger', member?.id] });
      void queryClient.invalidateQueries({ queryKey: ['members'] });
      void message.success('积分已调整');
    },
  });

  return (
    <Drawer title={member ? `会员详情：${member.nickname}` : ''} width={720} open={!!member} onClose={onClose} destroyOnClose>
      {member && (
        <>
          <Descriptions column={2} size="small">
            <Descriptions.Item label="会员ID">{member.id}</Descriptions.Item>
            <Descriptions.Item label="等级">{TIER_LABELS[member.tier]}</Descriptions.Item>
            <Descriptions.Item label="积分余额">{data?.balance ?? member.points}</Descriptions.Item>
            <Descriptions.Item label="手机号">{member.phoneMasked ?? '—'}</Descriptions.Item>
          </Descriptions>
          <MemberProfile detail={detail} />
          <Tabs defaultActiveKey="points" items={[{ key: 'points', label: '积分', children: (
          <>
          {canAdjust && (
            <Form form={form} layout="inline" style={{ margin: '16px 0' }} onFinish={(v) => adjust.mutate(v)}>
              <Form.Item name="delta" rules={[{ required: true, message: '请输入' }]}>
                <InputNumber placeholder="+100 或 -50" precision={0} />
              </Form.Item>
              <Form.Item name="note" rules={[{ required: true, min: 2, message: '请填写调整原因' }]}>
                <Input placeholder="调整原因（必填）" style={{ width: 220 }} />
              </Form.Item>
              <Button htmlType="submit" type="primary" loading={adjust.isPending}>调整积分</Button>
            </Form>
          )}
          <Table
            rowKey="id"
            size="small"
            loading={isFetching}
            dataSource={data?.items ?? []}
            pagination={{ current: page, total: data?.total ?? 0, pageSize: 20, onChange: setPage }}
            columns={[
              { title: '时间', dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
              { title: '原因', dataIndex: 'reason' },
              { title: '变动', dataIndex: 'delta', render: (d: number) => (d > 0 ? `+${d}` : d) },
              { title: '余额', dataIndex: 'balanceAfter' },
              { title: '备注', dataIndex: 'note' },
            ]}
          />
          </>
          ) }, ...detailTabs(detail)]} />
        </>
      )}
    </Drawer>
  );
}
