import { Button, View } from '@tarojs/components';
import { useMember } from '../stores/member-context';
import './MemberStatus.scss';

/** Loading and error states shared by pages that need the member; renders children once loaded. */
export function MemberGate({ children }: { children: React.ReactNode }) {
  const { member, loading, error, reload } = useMember();
  if (member) return <>{children}</>;
  if (loading) return <View className="member-loading">加载中…</View>;
  return (
    <View className="member-error">
      <View>{error?.message ?? '登录失败'}</View>
      <Button className="btn-primary member-retry" onClick={() => void reload()}>
        重新加载
      </Button>
    </View>
  );
}
