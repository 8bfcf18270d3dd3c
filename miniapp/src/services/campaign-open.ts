import { api, ignoreApiError } from './request';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Send ids already reported in this run of the app (launch and show both see the same entry query). */
const reported = new Set<string>();

/**
 * The one place that tells the server "the mini-program was opened from campaign send X": called
 * with the launch / show query (a subscribe message's page path) and by openPageLink (a notice
 * tap). Fire-and-forget and silent: attribution never bothers the member. The server keeps the
 * first open only, so a report from a later run of the app is harmless.
 */
export function recordCampaignOpen(query: Record<string, unknown> | null | undefined): void {
  const raw = query?.campaignSend;
  if (typeof raw !== 'string') return;
  let sendId = raw;
  try {
    sendId = decodeURIComponent(raw);
  } catch {
    return;
  }
  if (!UUID.test(sendId) || reported.has(sendId)) return;
  reported.add(sendId);
  void api.post('/api/campaign-offers/{sendId}/open', undefined as never, { silent: true, params: { sendId } }).catch(ignoreApiError);
}
