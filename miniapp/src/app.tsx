import type { PropsWithChildren } from 'react';
import { useDidHide, useDidShow, useLaunch } from '@tarojs/taro';
import { MemberProvider } from './stores/member-context';
import { recordInviteOpen } from './services/share';
import { trackAppHide, trackAppShow, trackLaunch } from './services/analytics';
import { recordCampaignOpen } from './services/campaign-open';
import { launchQuery } from './services/launch-query';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    recordInviteOpen(options?.path ?? 'pages/index/index');
    trackLaunch(options?.scene);
    // Cold start from a campaign's subscribe message: its page path carries campaignSend.
    recordCampaignOpen({ ...launchQuery(), ...options?.query });
  });
  useDidShow((options) => {
    trackAppShow();
    // Warm start: WeChat brings the app to the front with the tapped message's query.
    recordCampaignOpen(options?.query);
  });
  useDidHide(trackAppHide);
  return <MemberProvider>{children}</MemberProvider>;
}

export default App;
