import { useCallback, useState } from 'react';
import type { components } from '@mall/shared';
import { api, ApiError } from '../../../services/request';

export type Notice = components['schemas']['NoticeResponse'];
export type Offer = components['schemas']['CampaignOfferResponse'];

const PAGE_SIZE = 20;

/** Remembers a failed first load for the error state; later failures were toasted by the wrapper. */
function failed(e: unknown, setError: (e: ApiError) => void): void {
  if (!(e instanceof ApiError)) throw e;
  setError(e);
}

/** The member's notices, newest first, page by page, with the unread count. */
export function useNotices() {
  const [items, setItems] = useState<Notice[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [total, setTotal] = useState(0);
  const [unread, setUnread] = useState(0);
  const [page, setPage] = useState(1);

  /** `quiet`: no toast, the page shows the error state instead (nothing is on screen yet). */
  const load = useCallback(async (p: number, quiet: boolean) => {
    try {
      const res = await api.get('/api/notices', { page: p, pageSize: PAGE_SIZE }, { silent: quiet });
      setItems((prev) => (p === 1 ? res.items : [...(prev ?? []), ...res.items]));
      setTotal(res.total);
      setUnread(res.unread);
      setPage(p);
      setError(null);
    } catch (e) {
      failed(e, setError);
    }
  }, []);

  const markRead = useCallback(async (notice: Notice) => {
    if (notice.read) return;
    await api.post('/api/notices/{id}/read', undefined as never, { silent: true, params: { id: notice.id } });
    setItems((prev) => prev?.map((n) => (n.id === notice.id ? { ...n, read: true } : n)) ?? null);
    setUnread((u) => Math.max(0, u - 1));
  }, []);

  return {
    items,
    error,
    unread,
    hasMore: !!items && items.length < total,
    reload: () => load(1, items === null),
    more: () => load(page + 1, false),
    markRead,
  };
}

/** The member's campaign offers (newest first) and claiming one. */
export function useOffers() {
  const [items, setItems] = useState<Offer[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async (quiet: boolean) => {
    try {
      setItems((await api.get('/api/campaign-offers', undefined, { silent: quiet })).items);
      setError(null);
    } catch (e) {
      failed(e, setError);
    }
  }, []);

  /** Claims once (the server makes a repeated claim harmless); the wrapper toasts a refusal. */
  const claim = useCallback(async (offer: Offer) => {
    const res = await api.post('/api/campaign-offers/{sendId}/claim', undefined as never, { params: { sendId: offer.sendId } });
    setItems((prev) => prev?.map((o) => (o.sendId === offer.sendId ? { ...o, claimed: true, claimedAt: o.claimedAt ?? new Date().toISOString() } : o)) ?? null);
    return res;
  }, []);

  return { items, error, unclaimed: items?.filter((o) => !o.claimed).length ?? 0, reload: () => load(items === null), claim };
}
