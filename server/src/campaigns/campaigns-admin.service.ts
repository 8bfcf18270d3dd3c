import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { AudiencesService } from '../audiences/audiences.service';
import { AuditService } from '../audit/audit.service';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { CouponsService } from '../coupons/coupons.service';
import { TransactionRunner } from '../database/transaction-runner';
import { SettingsService } from '../settings/settings.service';
import { CampaignEntity, CampaignOffer, CampaignSendEntity, CampaignStatus, CampaignTrigger } from './campaign.entities';
import { CAMPAIGN_SEND_POLICY_KEY, CampaignSendPolicySettings, DEFAULT_CAMPAIGN_SEND_POLICY } from './campaign-settings';
import type { CampaignDto, CampaignOfferDto, CampaignTriggerDto } from './campaigns.dto';

const notFound = () => fail('CAMPAIGN_NOT_FOUND', '活动不存在', HttpStatus.NOT_FOUND);

function toOffer(dto: CampaignOfferDto): CampaignOffer {
  if (dto.kind === 'coupon') return { kind: 'coupon', couponTemplateId: dto.couponTemplateId! };
  if (dto.kind === 'points') return { kind: 'points', points: dto.points! };
  return { kind: 'none' };
}

/** Only the parameters of the trigger's kind are kept, with their defaults filled in. */
function toTrigger(dto: CampaignTriggerDto): CampaignTrigger {
  switch (dto.kind) {
    case 'once':
      return { kind: 'once', at: new Date(dto.at!).toISOString() };
    case 'recurring':
      return { kind: 'recurring', every: dto.every ?? 'memberDay' };
    case 'pointsExpiring':
      return { kind: dto.kind, withinDays: dto.withinDays ?? 30 };
    case 'redeemNudge':
      return { kind: dto.kind, pointsShort: dto.pointsShort ?? 120 };
    case 'tierNudge':
      return { kind: dto.kind, growthShort: dto.growthShort ?? 300 };
    case 'replenishment':
      return { kind: dto.kind, daysBefore: dto.daysBefore ?? 3 };
    case 'winBack':
      return { kind: dto.kind, steps: dto.steps!.map(toOffer) };
    default:
      return { kind: dto.kind };
  }
}

/** Campaign definitions and their lifecycle (draft → active ⇄ paused → ended), with an audit entry each. */
@Injectable()
export class CampaignsAdminService {
  constructor(
    @InjectRepository(CampaignEntity) private readonly campaigns: Repository<CampaignEntity>,
    private readonly audiences: AudiencesService,
    private readonly coupons: CouponsService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly tx: TransactionRunner,
  ) {}

  /** Every campaign, newest first, with its sent and holdout counts (one grouped count for all). */
  async list(): Promise<{ campaign: CampaignEntity; sent: number; holdout: number }[]> {
    const campaigns = await this.campaigns.find({ order: { createdAt: 'DESC', id: 'DESC' } });
    const counts: { campaign_id: string; status: string; n: number | string }[] = await this.campaigns.query(
      'SELECT campaign_id, status, COUNT(*) AS n FROM campaign_sends GROUP BY campaign_id, status',
    );
    const countOf = (id: string, status: string) => Number(counts.find((c) => c.campaign_id === id && c.status === status)?.n ?? 0);
    return campaigns.map((campaign) => ({ campaign, sent: countOf(campaign.id, 'sent'), holdout: countOf(campaign.id, 'holdout') }));
  }

  async get(id: string): Promise<Outcome<CampaignEntity>> {
    const c = await this.campaigns.findOneBy({ id });
    return c ? ok(c) : notFound();
  }

  async create(admin: AdminPrincipal, dto: CampaignDto): Promise<Outcome<CampaignEntity>> {
    const checked = await this.check(dto);
    if (!checked.ok) return checked;
    const now = this.clock.now();
    const campaign: CampaignEntity = { id: newId(), status: 'draft', activatedAt: null, createdAt: now, updatedAt: now, ...checked.value };
    await this.tx.run(async ({ em }) => {
      await em.insert(CampaignEntity, campaign);
      await this.audit.record(em, admin, { action: 'campaign.create', targetType: 'campaign', targetId: campaign.id, details: { name: campaign.name } });
    });
    return ok(campaign);
  }

  async update(admin: AdminPrincipal, id: string, dto: CampaignDto): Promise<Outcome<CampaignEntity>> {
    const existing = await this.get(id);
    if (!existing.ok) return existing;
    if (existing.value.status === 'ended') return fail('CAMPAIGN_ENDED', '活动已结束，不能修改', HttpStatus.CONFLICT);
    const checked = await this.check(dto);
    if (!checked.ok) return checked;
    const next = { ...existing.value, ...checked.value, updatedAt: this.clock.now() };
    await this.tx.run(async ({ em }) => {
      const { id: _id, createdAt: _c, status: _s, activatedAt: _a, ...changes } = next;
      await em.update(CampaignEntity, { id }, changes);
      await this.audit.record(em, admin, { action: 'campaign.update', targetType: 'campaign', targetId: id, details: { name: next.name } });
    });
    return ok(next);
  }

  /** Drafts only: a campaign that has sent keeps its rows for the results. */
  async remove(admin: AdminPrincipal, id: string): Promise<Outcome<true>> {
    const existing = await this.get(id);
    if (!existing.ok) return existing;
    return this.tx.run(async ({ em }) => {
      if (await em.countBy(CampaignSendEntity, { campaignId: id })) return fail('CAMPAIGN_HAS_SENDS', '活动已有发送记录，只能暂停或结束', HttpStatus.CONFLICT);
      await em.delete(CampaignEntity, { id });
      await this.audit.record(em, admin, { action: 'campaign.delete', targetType: 'campaign', targetId: id, details: { name: existing.value.name } });
      return ok(true as const);
    });
  }

  activate(admin: AdminPrincipal, id: string): Promise<Outcome<CampaignEntity>> {
    return this.transition(admin, id, ['draft', 'paused'], 'active');
  }

  pause(admin: AdminPrincipal, id: string): Promise<Outcome<CampaignEntity>> {
    return this.transition(admin, id, ['active'], 'paused');
  }

  end(admin: AdminPrincipal, id: string): Promise<Outcome<CampaignEntity>> {
    return this.transition(admin, id, ['draft', 'active', 'paused'], 'ended');
  }

  /** A conditional update on the current status, so two admins cannot both move it. */
  private async transition(admin: AdminPrincipal, id: string, from: CampaignStatus[], to: CampaignStatus): Promise<Outcome<CampaignEntity>> {
    const existing = await this.get(id);
    if (!existing.ok) return existing;
    const now = this.clock.now();
    const changes: Partial<CampaignEntity> = { status: to, updatedAt: now, ...(to === 'active' ? { activatedAt: now } : {}) };
    const moved = await this.tx.run(async ({ em }) => {
      const result = await em.update(CampaignEntity, { id, status: In(from) }, changes);
      if (result.affected) await this.audit.record(em, admin, { action: `campaign.${to}`, targetType: 'campaign', targetId: id, details: { from: existing.value.status } });
      return !!result.affected;
    });
    if (!moved) return fail('CAMPAIGN_STATUS_CONFLICT', `活动当前状态不能${to === 'active' ? '启用' : to === 'paused' ? '暂停' : '结束'}`, HttpStatus.CONFLICT);
    return ok({ ...existing.value, ...changes });
  }

  private async check(dto: CampaignDto): Promise<Outcome<Omit<CampaignEntity, 'id' | 'status' | 'activatedAt' | 'createdAt' | 'updatedAt'>>> {
    if (dto.audienceId && !(await this.audiences.get(dto.audienceId)).ok) return fail('AUDIENCE_NOT_FOUND', '受众不存在', HttpStatus.BAD_REQUEST);
    const trigger = toTrigger(dto.trigger);
    const offer = trigger.kind === 'winBack' ? { kind: 'none' as const } : toOffer(dto.offer);
    for (const o of [offer, ...(trigger.steps ?? [])]) {
      if (o.kind === 'coupon' && !(await this.coupons.findTemplate(o.couponTemplateId!))) return fail('COUPON_TEMPLATE_NOT_FOUND', '优惠券模板不存在', HttpStatus.BAD_REQUEST);
    }
    const startsAt = dto.startsAt ? new Date(dto.startsAt) : null;
    const endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
    if (startsAt && endsAt && endsAt <= startsAt) return fail('VALIDATION_FAILED', '结束时间必须晚于开始时间', HttpStatus.BAD_REQUEST, { fields: [{ field: 'endsAt', errors: ['endsAt must be after startsAt'] }] });
    return ok({
      name: dto.name,
      audienceId: dto.audienceId ?? null,
      offerKind: offer.kind,
      couponTemplateId: offer.kind === 'coupon' ? offer.couponTemplateId! : null,
      offerPoints: offer.kind === 'points' ? offer.points! : 0,
      messageTitle: dto.message.title,
      messageBody: dto.message.body,
      messagePage: dto.message.page || null,
      messagePartnerItem: dto.message.recommendPartnerItem ?? false,
      triggerKind: trigger.kind,
      trigger,
      holdoutPct: dto.holdoutPct ?? 10,
      attributionDays: dto.attributionDays ?? 7,
      startsAt,
      endsAt,
    });
  }

  policySettings(): Promise<CampaignSendPolicySettings> {
    return this.settings.get(CAMPAIGN_SEND_POLICY_KEY, DEFAULT_CAMPAIGN_SEND_POLICY);
  }

  async updatePolicySettings(admin: AdminPrincipal, next: CampaignSendPolicySettings): Promise<CampaignSendPolicySettings> {
    const value = { maxPerWeek: next.maxPerWeek, quietStartHour: next.quietStartHour, quietEndHour: next.quietEndHour };
    await this.tx.run(async (tx) => {
      await this.settings.set(CAMPAIGN_SEND_POLICY_KEY, value, admin.adminId, tx);
      await this.audit.record(tx.em, admin, { action: 'campaign.settings', targetType: 'settings', targetId: CAMPAIGN_SEND_POLICY_KEY, details: value });
    });
    return this.policySettings();
  }
}
