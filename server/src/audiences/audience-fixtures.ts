import { DataSource } from 'typeorm';
import { newId } from '../common/ids';
import { MemberEntity, MemberWechatSessionEntity } from '../members/member.entity';
import { MallItemEntity, OrderEntity, OrderLineEntity, OrderStatus } from '../mall/mall.entities';
import { PointsLotEntity } from '../points/points.entities';

/** Test factories for audiences and predictions: rows written straight into the tables. */
export function audienceFixtures(ds: DataSource) {
  let seq = 0;
  return {
    async member(nickname: string, m: Partial<MemberEntity> & { joinedAt: Date }): Promise<string> {
      const id = newId();
      seq++;
      await ds.getRepository(MemberEntity).insert({
        id, openid: `fixture-${nickname}-${seq}`, unionid: null, nickname, avatarUrl: '', phone: null, birthday: null, birthdayChangedAt: null,
        tier: 'normal', tierReachedAt: null, tierReviewOn: null, pointsBalance: 0, inviteCode: `FX${String(seq).padStart(6, '0')}`, inviterId: null, lastActiveAt: null, ...m,
      });
      return id;
    },
    /** The member's latest login session, with the platform it reported. */
    async session(memberId: string, platform: string | null): Promise<void> {
      await ds.getRepository(MemberWechatSessionEntity).insert({ memberId, sessionKey: 'fixture', deviceFingerprint: null, platform, updatedAt: new Date('2026-06-01T00:00:00Z') });
    },
    async item(name: string, category: string): Promise<string> {
      const id = newId();
      const now = new Date('2026-01-01T00:00:00Z');
      await ds.getRepository(MallItemEntity).insert({
        id, kind: 'product', name, description: '', category, imageUrls: [`https://img.example/${name}.png`], cashPriceFen: 1000, pointsPrice: 0, couponTemplateId: null,
        stock: 100, sold: 0, perMemberLimit: 0, saleStartsAt: null, saleEndsAt: null, tiersAllowed: [], sortOrder: 0, status: 'on', createdAt: now, updatedAt: now,
      });
      return id;
    },
    /** A paid order (or another status) of the given items at `paidAt`. */
    async order(memberId: string, paidAt: string, itemIds: string[], cashFen: number, status: OrderStatus = 'completed'): Promise<string> {
      const id = newId();
      const at = new Date(paidAt);
      await ds.getRepository(OrderEntity).insert({
        id, memberId, idempotencyKey: id, status, cashSubtotalFen: cashFen, cashDueFen: cashFen, createdAt: at, paidAt: at, expiresAt: null, address: null, couponId: null,
      });
      for (const itemId of itemIds) {
        await ds.getRepository(OrderLineEntity).insert({ id: newId(), orderId: id, memberId, itemId, kind: 'product', name: 'x', quantity: 1, unitCashFen: 0, unitPoints: 0, active: status !== 'refunded' });
      }
      return id;
    },
    async lot(memberId: string, remaining: number, expiresOn: string): Promise<void> {
      await ds.getRepository(PointsLotEntity).insert({ id: newId(), memberId, earnedAt: new Date('2026-01-01T00:00:00Z'), expiresOn, amount: remaining, remaining });
    },
  };
}
