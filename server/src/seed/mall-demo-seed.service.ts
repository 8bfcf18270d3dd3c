import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createCanvas } from '@napi-rs/canvas';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { newId } from '../common/ids';
import { TransactionRunner } from '../database/transaction-runner';
import { MediaService } from '../media/media.service';
import { CouponTemplateEntity } from '../coupons/coupon.entities';
import { MallItemEntity } from '../mall/mall.entities';
import { POSTER_FONT, registerPosterFonts } from '../referrals/poster-drawing';

interface DemoItem {
  kind: MallItemEntity['kind'];
  name: string;
  category: string;
  description: string;
  cashPriceFen: number;
  pointsPrice: number;
  stock: number;
  perMemberLimit?: number;
  tiersAllowed?: string[];
  coupon?: { name: string; amountOffFen: number; thresholdFen: number };
  colors: [string, string];
  label: string;
}

/** One of every kind the mall sells: coupons for points, goods for points (+ cash), cash products, tier-only items. */
const DEMO_ITEMS: DemoItem[] = [
  { kind: 'coupon', name: '满50减5元券', category: '优惠券', description: '兑换后立即放入卡包，30 天内有效，全场现金商品可用。', cashPriceFen: 0, pointsPrice: 200, stock: 500, perMemberLimit: 5, coupon: { name: '满50减5', amountOffFen: 500, thresholdFen: 5000 }, colors: ['#ff7a45', '#e4393c'], label: '¥5' },
  { kind: 'coupon', name: '无门槛10元券', category: '优惠券', description: '无门槛使用，30 天内有效。', cashPriceFen: 0, pointsPrice: 600, stock: 200, perMemberLimit: 2, coupon: { name: '无门槛10元', amountOffFen: 1000, thresholdFen: 0 }, colors: ['#f759ab', '#c41d7f'], label: '¥10' },
  { kind: 'goods', name: '会员帆布袋', category: '周边', description: '加厚帆布，容量大，印有会员专属图案。积分 + 少量现金即可换购，包邮到家。', cashPriceFen: 990, pointsPrice: 300, stock: 120, perMemberLimit: 2, colors: ['#36cfc9', '#08979c'], label: '帆布袋' },
  { kind: 'goods', name: '定制保温杯', category: '周边', description: '316 不锈钢内胆，12 小时保温，纯积分兑换。', cashPriceFen: 0, pointsPrice: 1500, stock: 60, perMemberLimit: 1, colors: ['#597ef7', '#1d39c4'], label: '保温杯' },
  { kind: 'product', name: '挂耳咖啡礼盒', category: '精选好物', description: '云南小粒咖啡，20 片装。现金购买计入成长值，积分最多可抵一半。', cashPriceFen: 6900, pointsPrice: 0, stock: 300, colors: ['#ad6800', '#613400'], label: '咖啡' },
  { kind: 'product', name: '每日坚果礼盒', category: '精选好物', description: '7 种坚果果干，30 小包。会员日享等级折扣。', cashPriceFen: 12800, pointsPrice: 0, stock: 200, colors: ['#d48806', '#874d00'], label: '坚果' },
  { kind: 'goods', name: '香薰蜡烛礼盒', category: '会员专享', description: '金卡及以上会员专享兑换。', cashPriceFen: 0, pointsPrice: 2000, stock: 50, perMemberLimit: 1, tiersAllowed: ['gold', 'diamond'], colors: ['#d3adf7', '#9254de'], label: '香薰' },
  { kind: 'goods', name: '蓝牙音箱', category: '会员专享', description: '钻石会员专享，积分 + 现金换购。', cashPriceFen: 9900, pointsPrice: 3000, stock: 20, perMemberLimit: 1, tiersAllowed: ['diamond'], colors: ['#434343', '#141414'], label: '音箱' },
];

/**
 * The demo mall (SEED_DEMO=1, refused in production): coupon templates and items of every kind,
 * each with a drawn picture saved through the media store like an upload. Runs once, on an empty catalog.
 */
@Injectable()
export class MallDemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MallDemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: ClockService,
    private readonly tx: TransactionRunner,
    private readonly media: MediaService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    if ((await this.dataSource.getRepository(MallItemEntity).count()) > 0) return;
    const now = this.clock.now();
    const images = new Map<string, string>();
    for (const item of DEMO_ITEMS) {
      const saved = await this.media.saveImage(drawItemImage(item.label, item.colors));
      if (!saved.ok) throw new Error(`demo image for ${item.name}: ${saved.message}`);
      images.set(item.name, saved.value.url);
    }
    await this.tx.run(async ({ em }) => {
      for (const [index, item] of DEMO_ITEMS.entries()) {
        let couponTemplateId: string | null = null;
        if (item.coupon) {
          couponTemplateId = newId();
          await em.insert(CouponTemplateEntity, {
            id: couponTemplateId, name: item.coupon.name, kind: 'amount', amountOffFen: item.coupon.amountOffFen, thresholdFen: item.coupon.thresholdFen,
            percentPay: 100, capFen: 0, validFrom: null, validTo: null, validDays: 30, tiers: '', totalLimit: null, perMemberLimit: item.perMemberLimit ?? 1,
            issuedCount: 0, status: 'active', createdAt: now,
          });
        }
        await em.insert(MallItemEntity, {
          id: newId(), kind: item.kind, name: item.name, description: item.description, category: item.category, imageUrls: [images.get(item.name)!],
          cashPriceFen: item.cashPriceFen, pointsPrice: item.pointsPrice, couponTemplateId, stock: item.stock, sold: 0, perMemberLimit: item.perMemberLimit ?? 0,
          saleStartsAt: null, saleEndsAt: null, tiersAllowed: item.tiersAllowed ?? [], sortOrder: index, status: 'on', createdAt: now, updatedAt: now,
        });
      }
    });
    this.logger.log(`Seeded ${DEMO_ITEMS.length} demo mall items`);
  }
}

/** A 600×600 product picture: a gradient and the item's short label. */
export function drawItemImage(label: string, [from, to]: [string, string]): Buffer {
  registerPosterFonts();
  const size = 600;
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  const gradient = ctx.createLinearGradient(0, 0, size, size);
  gradient.addColorStop(0, from);
  gradient.addColorStop(1, to);
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = 'rgba(255,255,255,0.18)';
  ctx.beginPath();
  ctx.arc(size * 0.78, size * 0.2, 150, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = `120px ${POSTER_FONT.bold}`;
  ctx.fillText(label, size / 2, size / 2, size - 80);
  ctx.font = `36px ${POSTER_FONT.regular}`;
  ctx.fillText('会员好物商城', size / 2, size - 80);
  return canvas.toBuffer('image/png');
}
