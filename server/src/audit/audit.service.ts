import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { ClockService } from '../clock/clock.service';
import { newId } from '../common/ids';
import { AdminAuditEntity } from './admin-audit.entity';

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId?: string | null;
  note?: string | null;
  details?: unknown;
}

@Injectable()
export class AuditService {
  constructor(private readonly clock: ClockService) {}

  /** Written inside the caller's transaction, so the audit row exists exactly when the change does. */
  async record(em: EntityManager, admin: AdminPrincipal, entry: AuditRecord): Promise<void> {
    await em.insert(AdminAuditEntity, {
      id: newId(),
      adminId: admin.adminId,
      adminUsername: admin.username,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      note: entry.note ?? null,
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
      createdAt: this.clock.now(),
    });
  }
}
