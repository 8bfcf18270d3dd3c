import { createContext, useCallback, useContext, useEffect, useState, type PropsWithChildren } from 'react';
import type { MemberProfile } from '@mall/shared';
import { api, ApiError } from '../services/request';

interface MemberState {
  member: MemberProfile | null;
  loading: boolean;
  error: ApiError | null;
  reload: () => Promise<void>;
}

const MemberContext = createContext<MemberState>({ member: null, loading: true, error: null, reload: async () => undefined });

/** Logs in at launch (through the request wrapper) and keeps the member's profile for every page. */
export function MemberProvider({ children }: PropsWithChildren) {
  const [member, setMember] = useState<MemberProfile | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setMember(await api.get('/api/members/me', undefined, { silent: true }));
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return <MemberContext.Provider value={{ member, loading, error, reload }}>{children}</MemberContext.Provider>;
}

export const useMember = () => useContext(MemberContext);
