import { useState } from 'react';
import { Switch, View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { MemberGate } from '../../components/MemberStatus';
import { MemberCard } from '../../components/MemberCard';
import { useMember } from '../../stores/member-context';
import './index.scss';
import { analyticsOptedOut, setAnalyticsOptOut, usePageView } from '../../services/analytics';
import { unreadText, useUnreadNotices } from '../../services/notices';

export default function MePage() {
  usePageView();
  const { member } = useMember();
  const unread = useUnreadNotices();
  const [shareUsage, setShareUsage] = useState(() => !analyticsOptedOut());
  const toggleUsage = (on: boolean) => {
    setShareUsage(on);
    setAnalyticsOptOut(!on);
  };
  const copyInviteCode = () => {
    if (member) void Taro.setClipboardData({ data: member.inviteCode });
  };
  return (
    <View className="page">
      <MemberGate>
        {member && (
          <>
            <MemberCard member={member} />
            <View className="card me__rows">
              <View className="me__row me__messages" onClick={() => void Taro.navigateTo({ url: '/messages/pages/index/index' })}>
                <Text>消息中心</Text>
                <View className="me__row-end">
                  {unread > 0 && <Text className="me__badge">{unreadText(unread)}</Text>}
                  <Text className="muted">›</Text>
                </View>
              </View>
              <View className="me__row" onClick={() => void Taro.navigateTo({ url: '/member/pages/tier/index' })}>
                <Text>会员等级</Text>
                <Text className="muted">查看权益 ›</Text>
              </View>
              <View className="me__row" onClick={() => void Taro.navigateTo({ url: '/member/pages/points/index' })}>
                <Text>积分明细</Text>
                <Text className="muted">{member.points} ›</Text>
              </View>
              <View className="me__row" onClick={() => void Taro.navigateTo({ url: '/member/pages/coupons/index' })}>
                <Text>我的优惠券</Text>
                <Text className="muted">›</Text>
              </View>
              <View className="me__row" onClick={() => void Taro.navigateTo({ url: '/mall/pages/orders/index' })}>
                <Text>我的订单</Text>
                <Text className="muted">›</Text>
              </View>
              <View className="me__row" onClick={() => void Taro.navigateTo({ url: '/mall/pages/addresses/index' })}>
                <Text>收货地址</Text>
                <Text className="muted">›</Text>
              </View>
              <View className="me__row" onClick={() => void Taro.navigateTo({ url: '/referral/pages/invite/index' })}>
                <Text>邀请有礼</Text>
                <Text className="muted">邀好友得积分 ›</Text>
              </View>
              <View className="me__row" onClick={copyInviteCode}>
                <Text>我的邀请码</Text>
                <Text className="member-invite-code">{member.inviteCode}</Text>
              </View>
              <View className="me__row">
                <Text>生日</Text>
                <Text className="muted">{member.birthday ?? '未设置'}</Text>
              </View>
              <View className="me__row">
                <Text>手机号</Text>
                <Text className="muted">{member.phoneMasked ?? '未绑定'}</Text>
              </View>
              <View className="me__row">
                <Text>分享使用数据（设备与访问统计）</Text>
                <Switch className="me__usage-switch" checked={shareUsage} onChange={(e) => toggleUsage(e.detail.value)} />
              </View>
            </View>
          </>
        )}
      </MemberGate>
    </View>
  );
}
