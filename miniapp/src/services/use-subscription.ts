import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import type { components } from '@mall/shared';
import { api, ApiError } from './request';
import { requestSubscribe } from './subscribe';

type Subscriptions = components['schemas']['SubscriptionCreditsResponse'];
export type SubscriptionTopic = components['schemas']['SubscribeDto']['topics'][number];

/**
 * One-time subscribe-message opt-in for some topics. The template ids are fetched ahead of the tap
 * (`load` when the page shows): WeChat only shows its dialog from a tap with nothing awaited before
 * it. One dialog asks for all the topics; only the accepted ones are granted a credit.
 */
export function useSubscription(topics: SubscriptionTopic[], acceptedText: string) {
  const [subs, setSubs] = useState<Subscriptions | null>(null);
  const load = useCallback(async () => {
    try {
      setSubs(await api.get('/api/subscriptions', undefined, { silent: true }));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }, []);

  const subscribe = async () => {
    const templateIds = subs ? topics.map((t) => subs.templates[t]).filter(Boolean) : [];
    if (!templateIds.length) {
      void Taro.showToast({ title: '暂时无法订阅，请稍后再试', icon: 'none' });
      void load();
      return;
    }
    const accepted = await requestSubscribe(templateIds).catch(() => [] as string[]);
    const granted = topics.filter((t) => subs && accepted.includes(subs.templates[t]));
    if (!granted.length) return;
    try {
      setSubs(await api.post('/api/subscriptions', { topics: granted }));
      void Taro.showToast({ title: acceptedText, icon: 'none' });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  };

  return { credits: (topic: SubscriptionTopic) => subs?.credits[topic] ?? 0, load, subscribe };
}
