import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { newId } from '../common/ids';
import { Outcome, fail, ok } from '../common/errors';
import { isUniqueViolation } from '../database/db-errors';
import { TokenService } from '../auth/token.service';
import { AdminRole, AdminUserEntity } from './admin-user.entity';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hasher';
import { TransactionRunner } from '../database/transaction-runner';
import type { AdminLoginResponse } from './admin-auth.dto';

export function toAdminResponse(a: AdminUserEntity) {
  return { id: a.id, username: a.username, role: a.role };
}

@Injectable()
export class AdminUsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminUsersService.name);

  constructor(
    @InjectRepository(AdminUserEntity) private readonly admins: Repository<AdminUserEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: ClockService,
    private readonly tokens: TokenService,
    private readonly tx: TransactionRunner,
  ) {}

  /** The first owner comes from ADMIN_USERNAME / ADMIN_PASSWORD when no admin exists yet. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.admins.count()) > 0) return;
    try {
      await this.create(this.config.admin.username, this.config.admin.password, 'owner');
      this.logger.log(`Created the first owner account "${this.config.admin.username}"`);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // another instance created it first
    }
  }

  async create(username: string, password: string, role: AdminRole): Promise<AdminUserEntity> {
    const admin = this.admins.create({
      id: newId(),
      username,
      passwordHash: await hashPassword(password),
      role,
      disabled: false,
      createdAt: this.clock.now(),
      lastLoginAt: null,
    });
    await this.tx.run(({ em }) => em.insert(AdminUserEntity, admin));
    return admin;
  }

  async login(username: string, password: string): Promise<Outcome<AdminLoginResponse>> {
    const admin = await this.admins.findOneBy({ username });
    const valid = await verifyPassword(password, admin?.passwordHash ?? DUMMY_HASH);
    if (!admin || !valid || admin.disabled) {
      return fail('INVALID_CREDENTIALS', '用户名或密码错误', HttpStatus.UNAUTHORIZED);
    }
    await this.tx.run(({ em }) => em.update(AdminUserEntity, { id: admin.id }, { lastLoginAt: this.clock.now() }));
    const token = this.tokens.signAccess({ sub: admin.id, typ: 'admin', role: admin.role, usr: admin.username });
    return ok({ token, expiresIn: this.tokens.accessTtlSeconds, admin: toAdminResponse(admin) });
  }

  async findActive(id: string): Promise<AdminUserEntity | null> {
    const admin = await this.admins.findOneBy({ id });
    return admin && !admin.disabled ? admin : null;
  }
}
