import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { MemberProvider } from './stores/member-context';
import { recordInviteOpen } from './services/share';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch((options) => recordInviteOpen(options?.path ?? 'pages/index/index'));
  return <MemberProvider>{children}</MemberProvider>;
}

export default App;
