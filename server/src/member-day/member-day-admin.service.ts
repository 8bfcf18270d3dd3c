import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { validateMemberDay } from '@mall/shared';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { AuditService } from '../audit/audit.service';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { TransactionRunner } from '../database/transaction-runner';
import { SettingsService } from '../settings/settings.service';
import { CouponsService } from '../coupons/coupons.service';
import { MallItemEntity } from '../mall/mall.entities';
import { MediaService } from '../media/media.service';
import { BannerEntity } from './banner.entity';
import { MEMBER_DAY_SETTINGS_KEY, MemberDaySettings } from './member-day-settings';
import { MemberDayService } from './member-day.service';
import type { BannerDto } from './member-day.dto';

/** Merchant side of member day: the schedule and coupons (validated), and banners; all audited. */
@Injectable()
export class MemberDayAdminService {
  constructor(
    @InjectRepository(BannerEntity) private readonly banners: Repository<BannerEntity>,
    private readonly memberDay: MemberDayService,
    private readonly settings: SettingsService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly media: MediaService,
    private readonly coupons: CouponsService,
  ) {}

  async update(admin: AdminPrincipal, next: MemberDaySettings): Promise<Outcome<MemberDaySettings>> {
    const problem = validateMemberDay(next.schedule);
    if (problem) return fail('INVALID_SCHEDULE', `会员日设置无效：${problem}`);
    for (const id of Object.values(next.couponTemplates).filter(Boolean) as string[]) {
      if (!(await this.coupons.findTemplate(id))) return fail('COUPON_NOT_FOUND', '所选优惠券不存在');
    }
    // The rules and their audit entry are saved together or not at all.
    await this.tx.run(async (tx) => {
      await this.settings.set(MEMBER_DAY_SETTINGS_KEY, next, admin.adminId, tx);
      await this.audit.record(tx.em, admin, { action: 'member_day.settings', targetType: 'settings', targetId: 'member-day', details: next });
    });
    return ok(await this.memberDay.settings());
  }

  list(): Promise<BannerEntity[]> {
    return this.banners.find({ order: { sortOrder: 'ASC', createdAt: 'DESC' } });
  }

  private fields(dto: BannerDto) {
    return {
      imageUrl: dto.imageUrl,
      title: dto.title,
      targetType: dto.targetType,
      targetValue: dto.targetValue,
      startsAt: new Date(dto.startsAt),
      endsAt: new Date(dto.endsAt),
      tiers: (dto.tiers ?? []).join(','),
      memberDayOnly: dto.memberDayOnly ?? false,
      sortOrder: dto.sortOrder ?? 0,
    };
  }

  async save(admin: AdminPrincipal, id: string | null, dto: BannerDto): Promise<Outcome<BannerEntity>> {
    if (new Date(dto.startsAt) >= new Date(dto.endsAt)) return fail('INVALID_WINDOW', '结束时间必须晚于开始时间');
    const problem = await this.checkBanner(dto);
    if (problem) return problem;
    return this.tx.run(async ({ em }) => {
      const fields = this.fields(dto);
      let banner: BannerEntity;
      if (id) {
        const existing = await em.findOneBy(BannerEntity, { id });
        if (!existing) return fail('BANNER_NOT_FOUND', '横幅不存在', HttpStatus.NOT_FOUND);
        await em.update(BannerEntity, { id }, fields);
        banner = { ...existing, ...fields };
      } else {
        banner = em.create(BannerEntity, { id: newId(), ...fields, createdAt: this.clock.now() });
        await em.insert(BannerEntity, banner);
      }
      await this.audit.record(em, admin, { action: id ? 'banner.update' : 'banner.create', targetType: 'banner', targetId: banner.id, details: dto });
      return ok(banner);
    });
  }

  /** A banner shows an image this store holds and leads somewhere that exists: refused otherwise. */
  private async checkBanner(dto: BannerDto): Promise<Outcome<never> | null> {
    if (!(await this.media.exists(dto.imageUrl))) return fail('IMAGE_NOT_FOUND', '横幅图片不存在，请重新上传');
    switch (dto.targetType) {
      case 'page':
        return /^(pages|[a-z-]+\/pages)\/[a-z-]+\/index$/.test(dto.targetValue) ? null : fail('INVALID_TARGET', '页面路径无效，例如 pages/mall/index');
      case 'item':
        // Read directly: the mall module imports this one (member-day prices), so it cannot be imported back.
        return (await this.banners.manager.countBy(MallItemEntity, { id: dto.targetValue })) ? null : fail('ITEM_NOT_FOUND', '所选商品不存在');
      case 'coupon': {
        const template = await this.coupons.findTemplate(dto.targetValue);
        if (!template) return fail('COUPON_NOT_FOUND', '所选优惠券不存在');
        return template.status === 'active' ? null : fail('COUPON_DISABLED', '所选优惠券已停用');
      }
    }
  }

  async remove(admin: AdminPrincipal, id: string): Promise<Outcome<true>> {
    return this.tx.run(async ({ em }) => {
      const result = await em.delete(BannerEntity, { id });
      if (!result.affected) return fail('BANNER_NOT_FOUND', '横幅不存在', HttpStatus.NOT_FOUND);
      await this.audit.record(em, admin, { action: 'banner.delete', targetType: 'banner', targetId: id });
      return ok(true as const);
    });
  }
}
