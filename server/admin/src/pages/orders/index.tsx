import { useState } from 'react';
import { Button, Card, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { EXPRESS_COMPANIES, expressCompanyName, type ExpressCompanyCode } from '@mall/shared';
import { api, call } from '../../api/client';
import { fetchOrders, refundOrder, shipOrder, type Order } from './service';

export const ORDER_STATUS: Record<string, { label: string; color: string }> = {
  pending_payment: { label: '待支付', color: 'gold' },
  to_ship: { label: '待发货', color: 'blue' },
  shipped: { label: '已发货', color: 'cyan' },
  received: { label: '已收货', color: 'green' },
  completed: { label: '已完成', color: 'green' },
  closed: { label: '已关闭', color: 'default' },
  refunding: { label: '退款中', color: 'orange' },
  refunded: { label: '已退款', color: 'purple' },
};
const REFUND_STATE: Record<string, string> = { processing: '微信处理中', success: '已到账', abnormal: '退款异常，请在微信支付商户平台处理', closed: '退款已关闭，请在微信支付商户平台处理' };
const UPLOAD_STATE: Record<string, string> = { pending: '同步中（失败会自动重试）', uploaded: '已同步微信', failed: '同步失败，请在小程序后台手动录入' };
const REFUNDABLE = ['to_ship', 'shipped', 'received', 'completed'];
const yuan = (fen: number) => (fen / 100).toFixed(2);
const time = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
const amount = (o: Order) => [o.cashDueFen ? `¥${yuan(o.cashDueFen)}` : '', o.pointsUsed ? `${o.pointsUsed} 积分` : ''].filter(Boolean).join(' + ') || '¥0.00';

export default function OrdersPage() {
  const { data: me } = useQuery({ queryKey: ['me'], queryFn: () => call(api.GET('/api/admin/me')) });
  const canEdit = me?.role === 'owner' || me?.role === 'operator';
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const { data, isLoading } = useQuery({ queryKey: ['orders', status, page], queryFn: () => fetchOrders(page, 20, status) });
  const [detail, setDetail] = useState<Order | null>(null);
  const [shipping, setShipping] = useState<Order | null>(null);
  const [refunding, setRefunding] = useState<Order | null>(null);

  return (
    <Card
      title="订单管理"
      extra={
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 160 }}
          value={status}
          onChange={(v) => (setStatus(v), setPage(1))}
          options={Object.entries(ORDER_STATUS).map(([value, s]) => ({ value, label: s.label }))}
          data-testid="order-status-filter"
        />
      }
    >
      <Table<Order>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: '订单号', render: (_, o) => <code>{o.id.slice(0, 8)}</code> },
          { title: '下单时间', render: (_, o) => time(o.createdAt) },
          { title: '商品', render: (_, o) => o.lines.map((l) => `${l.name} ×${l.quantity}`).join('，') },
          { title: '实付', render: (_, o) => amount(o) },
          { title: '状态', render: (_, o) => <Tag color={ORDER_STATUS[o.status]?.color} data-testid="order-status">{ORDER_STATUS[o.status]?.label ?? o.status}</Tag> },
          { title: '收货人', render: (_, o) => (o.address ? `${o.address.name} ${o.address.phone}` : '—') },
          {
            title: '操作',
            render: (_, o) => (
              <Space>
                <Button size="small" onClick={() => setDetail(o)}>详情</Button>
                {canEdit && o.status === 'to_ship' && <Button size="small" type="primary" onClick={() => setShipping(o)}>发货</Button>}
                {canEdit && REFUNDABLE.includes(o.status) && <Button size="small" danger onClick={() => setRefunding(o)}>退款</Button>}
              </Space>
            ),
          },
        ]}
      />
      <OrderDrawer order={detail} onClose={() => setDetail(null)} />
      {shipping && <ShipModal order={shipping} onClose={() => setShipping(null)} />}
      {refunding && <RefundModal order={refunding} onClose={() => setRefunding(null)} />}
    </Card>
  );
}

function OrderDrawer({ order: o, onClose }: { order: Order | null; onClose: () => void }) {
  return (
    <Drawer title="订单详情" open={!!o} onClose={onClose} width={520}>
      {o && (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="订单号">{o.id}</Descriptions.Item>
          <Descriptions.Item label="状态">{ORDER_STATUS[o.status]?.label ?? o.status}</Descriptions.Item>
          <Descriptions.Item label="商品">{o.lines.map((l) => <div key={l.itemId}>{l.name} ×{l.quantity}（{l.unitCashFen ? `¥${yuan(l.unitCashFen)}` : ''}{l.unitCashFen && l.unitPoints ? ' + ' : ''}{l.unitPoints ? `${l.unitPoints} 积分` : ''}）</div>)}</Descriptions.Item>
          <Descriptions.Item label="商品金额">¥{yuan(o.cashSubtotalFen)}</Descriptions.Item>
          <Descriptions.Item label="会员日优惠">-¥{yuan(o.memberDayDiscountFen)}</Descriptions.Item>
          <Descriptions.Item label="优惠券">-¥{yuan(o.couponDiscountFen)}</Descriptions.Item>
          <Descriptions.Item label="积分">{o.pointsUsed} 积分（抵 ¥{yuan(o.pointsValueFen)}）</Descriptions.Item>
          <Descriptions.Item label="实付">¥{yuan(o.cashDueFen)}</Descriptions.Item>
          <Descriptions.Item label="下单 / 支付">{time(o.createdAt)} / {time(o.paidAt)}</Descriptions.Item>
          {o.address && <Descriptions.Item label="收货地址">{o.address.name} {o.address.phone}<br />{o.address.region} {o.address.detail}</Descriptions.Item>}
          {o.trackingNo && <Descriptions.Item label="物流">{expressCompanyName(o.expressCompany ?? '')} {o.trackingNo}（{time(o.shippedAt)}）</Descriptions.Item>}
          {o.shippingUpload && <Descriptions.Item label="微信发货信息">{UPLOAD_STATE[o.shippingUpload]}{o.shippingUploadError ? `：${o.shippingUploadError}` : ''}</Descriptions.Item>}
          {o.receivedAt && <Descriptions.Item label="收货时间">{time(o.receivedAt)}</Descriptions.Item>}
          {o.refundReason && <Descriptions.Item label="退款">{o.refundReason}{o.refundState ? `（${REFUND_STATE[o.refundState]}）` : ''} {time(o.refundedAt)}</Descriptions.Item>}
          {o.closeReason && <Descriptions.Item label="关闭原因">{o.closeReason === 'unpaid' ? '超时未支付' : '会员取消'}</Descriptions.Item>}
        </Descriptions>
      )}
    </Drawer>
  );
}

function ShipModal({ order, onClose }: { order: Order; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ expressCompany: ExpressCompanyCode; trackingNo: string }>();
  const ship = useMutation({
    mutationFn: (v: { expressCompany: ExpressCompanyCode; trackingNo: string }) => shipOrder(order.id, v),
    onSuccess: (o) => {
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      void message.success(o.shippingUpload === 'pending' ? '已发货，微信发货信息稍后自动重试同步' : '已发货');
      onClose();
    },
  });
  return (
    <Modal title="发货" open onCancel={onClose} onOk={() => form.submit()} confirmLoading={ship.isPending} okButtonProps={{ disabled: ship.isPending }} destroyOnClose>
      <p>{order.lines.map((l) => `${l.name} ×${l.quantity}`).join('，')}</p>
      {order.address && <p>{order.address.name} {order.address.phone}，{order.address.region} {order.address.detail}</p>}
      <Form form={form} layout="vertical" onFinish={(v) => ship.mutate({ ...v, trackingNo: v.trackingNo.trim() })}>
        <Form.Item label="快递公司" name="expressCompany" rules={[{ required: true, message: '请选择快递公司' }]}>
          <Select options={EXPRESS_COMPANIES.map((c) => ({ value: c.code, label: c.name }))} data-testid="express-company" showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item label="快递单号" name="trackingNo" rules={[{ required: true, message: '请填写快递单号' }, { pattern: /^\s*[A-Za-z0-9-]{4,40}\s*$/, message: '快递单号为 4-40 位字母、数字或 -' }]}>
          <Input data-testid="tracking-no" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RefundModal({ order, onClose }: { order: Order; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const refund = useMutation({
    mutationFn: (reason: string) => refundOrder(order.id, reason),
    onSuccess: (o) => {
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      void message.success(o.status === 'refunded' ? '已退款' : '退款已提交微信，到账后自动退回积分与库存');
      onClose();
    },
  });
  return (
    <Modal title="确认退款" open onCancel={onClose} onOk={() => form.submit()} okText="确认退款" okButtonProps={{ danger: true }} confirmLoading={refund.isPending} destroyOnClose>
      <p>将全额退款：{amount(order)}。现金原路退回，积分与库存在退款成功后退回。此操作不可撤销。</p>
      <Form form={form} layout="vertical" onFinish={(v) => refund.mutate(v.reason.trim())}>
        <Form.Item label="退款原因" name="reason" rules={[{ required: true, whitespace: true, min: 2, max: 80, message: '请填写 2-80 字的退款原因' }]}>
          <Input.TextArea rows={2} data-testid="refund-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
