import { Injectable } from '@nestjs/common';
import type { TierCode } from '@mall/shared';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { AuditService } from '../audit/audit.service';
import { Outcome, ok } from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { MediaService } from '../media/media.service';
import { MembersService } from '../members/members.service';
import { TiersService } from './tiers.service';
import type { TierSettings } from './tier-settings';
import type { UpdateTierSettingsDto } from './tiers.dto';

/** Tier use cases at the edge: settings changes and icon uploads (audited), a member's overview. */
@Injectable()
export class TiersAdminService {
  constructor(
    private readonly tiers: TiersService,
    private readonly members: MembersService,
    private readonly media: MediaService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  settings(): Promise<TierSettings> {
    return this.tiers.settings();
  }

  async overviewFor(memberId: string) {
    const member = await this.members.findById(memberId);
    if (!member) return null;
    return this.tx.run(({ em }) => this.tiers.overview(em, member));
  }

  async updateSettings(admin: AdminPrincipal, dto: UpdateTierSettingsDto): Promise<Outcome<TierSettings>> {
    const result = await this.tiers.updateSettings(dto, admin.adminId);
    if (result.ok) await this.tx.run(({ em }) => this.audit.record(em, admin, { action: 'tiers.update', targetType: 'settings', targetId: 'tiers', details: dto }));
    return result;
  }

  async uploadIcon(admin: AdminPrincipal, tier: TierCode, bytes: Buffer): Promise<Outcome<TierSettings>> {
    const saved = await this.media.saveImage(bytes);
    if (!saved.ok) return saved;
    const settings = await this.tiers.setIcon(tier, saved.value.url, admin.adminId);
    await this.tx.run(({ em }) => this.audit.record(em, admin, { action: 'tiers.icon', targetType: 'settings', targetId: tier, details: saved.value }));
    return ok(settings);
  }
}
