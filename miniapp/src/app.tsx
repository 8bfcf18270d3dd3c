import type { PropsWithChildren } from 'react';
import { MemberProvider } from './stores/member-context';
import './app.scss';

function App({ children }: PropsWithChildren) {
  return <MemberProvider>{children}</MemberProvider>;
}

export default App;
