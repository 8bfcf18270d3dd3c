import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { newId } from '../common/ids';
import { isUniqueViolation } from '../database/db-errors';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { MemberNoticeEntity, MemberSubscriptionEntity, SubscriptionTopic } from './notice.entities';
import { TransactionRunner } from '../database/transaction-runner';

export interface NoticeInput {
  memberId: string;
  kind: string;
  ref: string;
  title: string;
  body: string;
  page?: string;
}

/**
 * Tells members things: always an in-app notice, and a WeChat subscribe message when they have a
 * subscription credit for the topic. Both happen at most once per (member, kind, ref).
 */
@Injectable()
export class NoticesService {
  private readonly logger = new Logger(NoticesService.name);

  constructor(
    @InjectRepository(MemberNoticeEntity) private readonly notices: Repository<MemberNoticeEntity>,
    @InjectRepository(MemberSubscriptionEntity) private readonly subscriptions: Repository<MemberSubscriptionEntity>,
    private readonly wechat: WechatApiClient,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
  ) {}

  /** Writes the notice; false when this (member, kind, ref) was already noticed. */
  async addNotice(em: EntityManager, input: NoticeInput): Promise<boolean> {
    const exists = await em.findOneBy(MemberNoticeEntity, { memberId: input.memberId, kind: input.kind, ref: input.ref });
    if (exists) return false;
    await em.insert(MemberNoticeEntity, {
      id: newId(),
      memberId: input.memberId,
      kind: input.kind,
      ref: input.ref,
      title: input.title,
      body: input.body,
      page: input.page ?? null,
      createdAt: this.clock.now(),
      readAt: null,
    });
    return true;
  }

  /** Notice plus, if the member opted in, one subscribe message; safe to call again for the same ref. */
  async notify(input: NoticeInput, topic: SubscriptionTopic, data: Record<string, { value: string }>): Promise<{ noticed: boolean; messaged: boolean }> {
    try {
      const noticed = await this.tx.run(({ em }) => this.addNotice(em, input));
      if (!noticed) return { noticed: false, messaged: false };
    } catch (error) {
      if (isUniqueViolation(error)) return { noticed: false, messaged: false };
      throw error;
    }
    return { noticed: true, messaged: await this.sendSubscribeMessage(input.memberId, topic, input.page, data) };
  }

  /** Consumes one credit first (conditional update), then sends; a failed send gives the credit back. */
  async sendSubscribeMessage(memberId: string, topic: SubscriptionTopic, page: string | undefined, data: Record<string, { value: string }>): Promise<boolean> {
    const claimed = await this.tx.run(({ em }) =>
      em
        .createQueryBuilder()
        .update(MemberSubscriptionEntity)
        .set({ credits: () => 'credits - 1', updatedAt: this.clock.now() })
        .where('member_id = :memberId AND topic = :topic AND credits > 0', { memberId, topic })
        .execute(),
    );
    if (!claimed.affected) return false;
    const [member] = await this.notices.query('SELECT openid FROM members WHERE id = ?', [memberId]);
    try {
      await this.wechat.sendSubscribeMessage({ toOpenid: member.openid, templateId: this.templateFor(topic), page, data });
      return true;
    } catch (error) {
      this.logger.warn(`subscribe message ${topic} to ${memberId} failed: ${(error as Error).message}`);
      await this.tx.run(({ em }) =>
        em.createQueryBuilder().update(MemberSubscriptionEntity).set({ credits: () => 'credits + 1' }).where('member_id = :memberId AND topic = :topic', { memberId, topic }).execute(),
      );
      return false;
    }
  }

  /** One opt-in tap grants one message for the topic (WeChat's one-time subscription). */
  async optIn(memberId: string, topics: SubscriptionTopic[]): Promise<Record<string, number>> {
    const now = this.clock.now();
    for (const topic of topics) {
      try {
        await this.tx.run(async ({ em }) => {
          const updated = await em
            .createQueryBuilder()
            .update(MemberSubscriptionEntity)
            .set({ credits: () => 'credits + 1', updatedAt: now })
            .where('member_id = :memberId AND topic = :topic AND credits < 50', { memberId, topic })
            .execute();
          const exists = updated.affected || (await em.countBy(MemberSubscriptionEntity, { memberId, topic }));
          if (!exists) await em.insert(MemberSubscriptionEntity, { memberId, topic, credits: 1, updatedAt: now });
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return this.credits(memberId);
  }

  async credits(memberId: string): Promise<Record<string, number>> {
    const rows = await this.subscriptions.findBy({ memberId });
    return Object.fromEntries(rows.map((r) => [r.topic, r.credits]));
  }

  templateFor(topic: SubscriptionTopic): string {
    return this.config.wechat.templates[topic];
  }

  async list(memberId: string, page: number, pageSize: number) {
    const [items, total] = await this.notices.findAndCount({ where: { memberId }, order: { createdAt: 'DESC', id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    const unread = await this.notices.countBy({ memberId, readAt: IsNull() });
    return { items, total, unread };
  }

  async markRead(memberId: string, id: string): Promise<boolean> {
    const result = await this.tx.run(({ em }) => em.update(MemberNoticeEntity, { id, memberId }, { readAt: this.clock.now() }));
    return !!result.affected;
  }
}
