import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { AuditService } from '../audit/audit.service';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { TransactionRunner } from '../database/transaction-runner';
import { CouponTemplateEntity, MemberCouponEntity } from './coupon.entities';
import type { CouponTemplateDto } from './coupons.dto';
import { CouponsService, IssueFailure } from './coupons.service';

/** Merchant-side coupon templates and manual issuing; every change is audited. */
@Injectable()
export class CouponTemplatesService {
  constructor(
    @InjectRepository(CouponTemplateEntity) private readonly templates: Repository<CouponTemplateEntity>,
    private readonly coupons: CouponsService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
  ) {}

  list(): Promise<CouponTemplateEntity[]> {
    return this.templates.find({ order: { createdAt: 'DESC' } });
  }

  private fields(dto: CouponTemplateDto) {
    return {
      name: dto.name,
      kind: dto.kind,
      amountOffFen: dto.kind === 'amount' ? (dto.amountOffFen ?? 0) : 0,
      thresholdFen: dto.thresholdFen ?? 0,
      percentPay: dto.kind === 'percent' ? (dto.percentPay ?? 100) : 100,
      capFen: dto.capFen ?? 0,
      validFrom: dto.validFrom ? new Date(dto.validFrom) : null,
      validTo: dto.validTo ? new Date(dto.validTo) : null,
      validDays: dto.validDays ?? null,
      tiers: (dto.tiers ?? []).join(','),
      totalLimit: dto.totalLimit ?? null,
      perMemberLimit: dto.perMemberLimit ?? 1,
      status: dto.status ?? 'active',
    };
  }

  private check(dto: CouponTemplateDto): Outcome<true> {
    if (!dto.validDays && !dto.validTo) return fail('VALIDITY_REQUIRED', '请设置有效期（固定时间段或领取后天数）');
    if (dto.validFrom && dto.validTo && dto.validFrom >= dto.validTo) return fail('INVALID_WINDOW', '有效期结束时间必须晚于开始时间');
    if (dto.kind === 'amount' && dto.thresholdFen && dto.amountOffFen && dto.amountOffFen > dto.thresholdFen) {
      return fail('INVALID_AMOUNT', '减免金额不能超过使用门槛');
    }
    return ok(true);
  }

  async create(admin: AdminPrincipal, dto: CouponTemplateDto): Promise<Outcome<CouponTemplateEntity>> {
    const valid = this.check(dto);
    if (!valid.ok) return valid;
    return this.tx.run(async ({ em }) => {
      const template = em.create(CouponTemplateEntity, { id: newId(), ...this.fields(dto), issuedCount: 0, createdAt: this.clock.now() });
      await em.insert(CouponTemplateEntity, template);
      await this.audit.record(em, admin, { action: 'coupon_template.create', targetType: 'coupon_template', targetId: template.id, details: dto });
      return ok(template);
    });
  }

  async update(admin: AdminPrincipal, id: string, dto: CouponTemplateDto): Promise<Outcome<CouponTemplateEntity>> {
    const valid = this.check(dto);
    if (!valid.ok) return valid;
    return this.tx.run(async ({ em }) => {
      const template = await em.findOneBy(CouponTemplateEntity, { id });
      if (!template) return fail('TEMPLATE_NOT_FOUND', '优惠券不存在', HttpStatus.NOT_FOUND);
      const fields = this.fields(dto);
      if (fields.totalLimit !== null && fields.totalLimit < template.issuedCount) {
        return fail('LIMIT_BELOW_ISSUED', `发放总量不能少于已发放的 ${template.issuedCount} 张`, HttpStatus.CONFLICT);
      }
      await em.update(CouponTemplateEntity, { id }, fields);
      await this.audit.record(em, admin, { action: 'coupon_template.update', targetType: 'coupon_template', targetId: id, details: dto });
      return ok({ ...template, ...fields });
    });
  }

  issueManually(admin: AdminPrincipal, templateId: string, memberId: string, note: string): Promise<Outcome<MemberCouponEntity, IssueFailure>> {
    return this.tx.run(async ({ em }) => {
      const result = await this.coupons.issue(em, { templateId, memberId, source: 'admin', sourceRef: newId() });
      if (result.ok) await this.audit.record(em, admin, { action: 'coupon.issue', targetType: 'member', targetId: memberId, note, details: { templateId, couponId: result.value.id } });
      return result;
    });
  }
}
