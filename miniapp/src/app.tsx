import type { PropsWithChildren } from 'react';
import { useDidHide, useDidShow, useLaunch } from '@tarojs/taro';
import { MemberProvider } from './stores/member-context';
import { recordInviteOpen } from './services/share';
import { trackAppHide, trackAppShow, trackLaunch } from './services/analytics';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    recordInviteOpen(options?.path ?? 'pages/index/index');
    trackLaunch(options?.scene);
  });
  useDidShow(trackAppShow);
  useDidHide(trackAppHide);
  return <MemberProvider>{children}</MemberProvider>;
}

export default App;
