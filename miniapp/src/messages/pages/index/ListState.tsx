import { Button, View } from '@tarojs/components';
import type { ApiError } from '../../../services/request';

/** Loading, error (with retry) and empty states of a list; null once there is something to show. */
export function ListState({ items, error, empty, onRetry }: { items: unknown[] | null; error: ApiError | null; empty: string; onRetry: () => void }) {
  if (items === null && error) {
    return (
      <View className="card list-state list-state--error">
        <View>{error.message}</View>
        <Button className="btn-primary list-state__retry" onClick={onRetry}>
          重试
        </Button>
      </View>
    );
  }
  if (items === null) return <View className="card list-state muted">加载中…</View>;
  if (items.length === 0) return <View className="card list-state list-state--empty muted">{empty}</View>;
  return null;
}
