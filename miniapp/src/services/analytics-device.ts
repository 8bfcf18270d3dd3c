import type { AnalyticsDevice } from '@mall/shared';

/** Device info for analytics (platform versions sit beside this file). */
export function analyticsDevice(): Promise<AnalyticsDevice | undefined> {
  return Promise.resolve(undefined);
}
