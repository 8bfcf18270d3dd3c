import type { components } from '@mall/shared';
import { api, call } from '../../api/client';

export type Campaign = components['schemas']['CampaignResponse'];
export type CampaignListItem = components['schemas']['CampaignListItemResponse'];
export type CampaignInput = components['schemas']['CampaignDto'];
export type CampaignTrigger = components['schemas']['CampaignTriggerDto'];
export type CampaignOffer = components['schemas']['CampaignOfferDto'];
export type CampaignResults = components['schemas']['CampaignResultsResponse'];
export type SendPolicy = components['schemas']['CampaignSendPolicyDto'];
export type TriggerKind = CampaignTrigger['kind'];
export type OfferKind = CampaignOffer['kind'];
export type CampaignStatus = Campaign['status'];

export const fetchCampaigns = () => call(api.GET('/api/admin/campaigns'));
export const fetchCampaign = (id: string) => call(api.GET('/api/admin/campaigns/{id}', { params: { path: { id } } }));
export const createCampaign = (body: CampaignInput) => call(api.POST('/api/admin/campaigns', { body }));
export const updateCampaign = (id: string, body: CampaignInput) => call(api.PUT('/api/admin/campaigns/{id}', { params: { path: { id } }, body }));
export const deleteCampaign = (id: string) => call(api.DELETE('/api/admin/campaigns/{id}', { params: { path: { id } } }));
export const fetchCampaignResults = (id: string) => call(api.GET('/api/admin/campaigns/{id}/results', { params: { path: { id } } }));

const TRANSITIONS = {
  activate: '/api/admin/campaigns/{id}/activate',
  pause: '/api/admin/campaigns/{id}/pause',
  end: '/api/admin/campaigns/{id}/end',
} as const;
export type CampaignTransition = keyof typeof TRANSITIONS;
export const moveCampaign = (id: string, to: CampaignTransition) => call(api.POST(TRANSITIONS[to], { params: { path: { id } } }));

export const fetchSendPolicy = () => call(api.GET('/api/admin/campaign-settings'));
export const saveSendPolicy = (body: SendPolicy) => call(api.PUT('/api/admin/campaign-settings', { body }));

export { fetchAudiences } from '../audiences/service';
export { fetchCouponTemplates } from '../coupons/service';
