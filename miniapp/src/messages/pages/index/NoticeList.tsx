import { Text, View } from '@tarojs/components';
import type { Notice } from './use-messages';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function NoticeList({ items, hasMore, onOpen }: { items: Notice[]; hasMore: boolean; onOpen: (n: Notice) => void }) {
  return (
    <View>
      {items.map((n) => (
        <View key={n.id} className={`card notice ${n.read ? '' : 'notice--unread'}`} data-notice-id={n.id} onClick={() => onOpen(n)}>
          <View className="notice__head">
            {!n.read && <View className="notice__dot" />}
            <Text className="notice__title">{n.title}</Text>
            <Text className="notice__time muted">{when(n.createdAt)}</Text>
          </View>
          <Text className="notice__body">{n.body}</Text>
          {n.page && <Text className="notice__link muted">查看详情 ›</Text>}
        </View>
      ))}
      {items.length > 0 && !hasMore && <View className="muted messages-end">没有更多了</View>}
    </View>
  );
}
