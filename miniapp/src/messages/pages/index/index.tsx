import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { stopPullDownRefresh, useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { usePageView } from '../../../services/analytics';
import { ignoreApiError } from '../../../services/request';
import { openPageLink } from '../../../services/page-link';
import { unreadText } from '../../../services/notices';
import { useMember } from '../../../stores/member-context';
import { ListState } from './ListState';
import { NoticeList } from './NoticeList';
import { OfferList } from './OfferList';
import { useSubscription } from '../../../services/use-subscription';
import { useNotices, useOffers, type Notice, type Offer } from './use-messages';
import './index.scss';

type Tab = 'notices' | 'offers';

/** 消息中心: notices with read state, and campaign offers to claim. `?tab=offers` opens the offers. */
export default function MessagesPage() {
  usePageView();
  const { params } = useRouter();
  const [tab, setTab] = useState<Tab>(params.tab === 'offers' ? 'offers' : 'notices');
  const notices = useNotices();
  const offers = useOffers();
  const subscription = useSubscription(['campaign'], '已开启优惠提醒');
  const { reload: reloadMember } = useMember();

  const refresh = () => Promise.all([notices.reload(), offers.reload(), subscription.load()]);
  useDidShow(() => void refresh());
  usePullDownRefresh(() => void refresh().finally(() => stopPullDownRefresh()));
  useReachBottom(() => {
    if (tab === 'notices' && notices.hasMore) void notices.more();
  });

  const openNotice = async (n: Notice) => {
    // Mark read first so the list is right when the member comes back; a failure still opens the page.
    await notices.markRead(n).catch(ignoreApiError);
    if (n.page) openPageLink(n.page);
  };
  const claim = async (o: Offer) => {
    const res = await offers.claim(o);
    if (o.offer.kind === 'points') void reloadMember();
    return res;
  };

  return (
    <View className="page messages">
      <View className="messages-tabs">
        <View className={`messages-tab ${tab === 'notices' ? 'messages-tab--on' : ''}`} data-tab="notices" onClick={() => setTab('notices')}>
          <Text>消息</Text>
          {notices.unread > 0 && <Text className="messages-tab__badge messages-unread">{unreadText(notices.unread)}</Text>}
        </View>
        <View className={`messages-tab ${tab === 'offers' ? 'messages-tab--on' : ''}`} data-tab="offers" onClick={() => setTab('offers')}>
          <Text>优惠</Text>
          {offers.unclaimed > 0 && <Text className="messages-tab__badge">{unreadText(offers.unclaimed)}</Text>}
        </View>
      </View>

      {tab === 'notices' ? (
        <>
          <ListState items={notices.items} error={notices.error} empty="暂无消息" onRetry={() => void notices.reload()} />
          {notices.items && <NoticeList items={notices.items} hasMore={notices.hasMore} onOpen={(n) => void openNotice(n)} />}
        </>
      ) : (
        <>
          <View className="card messages-subscribe" onClick={() => void subscription.subscribe()}>
            <View className="messages-subscribe__text">
              <Text>订阅优惠提醒</Text>
              <Text className="muted">{subscription.credits('campaign') > 0 ? `还可提醒您 ${subscription.credits('campaign')} 次` : '有新优惠时通过微信通知您'}</Text>
            </View>
            <Text className="messages-subscribe__btn">订阅</Text>
          </View>
          <ListState items={offers.items} error={offers.error} empty="暂无优惠，敬请期待" onRetry={() => void offers.reload()} />
          {offers.items && <OfferList items={offers.items} onClaim={claim} />}
        </>
      )}
    </View>
  );
}
