/**
 * Bought-together rules from baskets (the distinct items of one paid order). For an ordered pair
 * (a → b): support = baskets with both ÷ all baskets; confidence = baskets with both ÷ baskets with
 * a; lift = confidence ÷ (baskets with b ÷ all baskets). Pairs seen in fewer than `minCount`
 * baskets (default 2) are dropped; baskets with a single item still count in the totals.
 */
export const DEFAULT_PAIR_MIN_COUNT = 2;

export interface ItemPairRule {
  itemId: string;
  partnerId: string;
  /** Baskets holding both. */
  count: number;
  support: number;
  confidence: number;
  lift: number;
}

/** Counts baskets, items and pairs as baskets stream in; `rules()` gives the pair rules. */
export class PairCounter {
  private n = 0;
  private readonly single = new Map<string, number>();
  private readonly pair = new Map<string, number>();

  add(basket: readonly string[]): void {
    this.n++;
    const items = [...new Set(basket)].sort();
    for (const i of items) this.single.set(i, (this.single.get(i) ?? 0) + 1);
    for (let x = 0; x < items.length; x++)
      for (let y = x + 1; y < items.length; y++) {
        const k = `${items[x]}\u0000${items[y]}`;
        this.pair.set(k, (this.pair.get(k) ?? 0) + 1);
      }
  }

  rules(minCount = DEFAULT_PAIR_MIN_COUNT): ItemPairRule[] {
    const { n, single } = this;
    const out: ItemPairRule[] = [];
    for (const [k, count] of this.pair) {
      if (count < Math.max(1, minCount)) continue;
      const [a, b] = k.split('\u0000');
      for (const [item, partner] of [[a, b], [b, a]]) {
        const confidence = count / single.get(item)!;
        out.push({ itemId: item, partnerId: partner, count, support: count / n, confidence, lift: confidence / (single.get(partner)! / n) });
      }
    }
    return out.sort((p, q) => (p.itemId !== q.itemId ? (p.itemId < q.itemId ? -1 : 1) : q.lift - p.lift || (p.partnerId < q.partnerId ? -1 : 1)));
  }
}

export function itemPairRules(baskets: readonly (readonly string[])[], minCount = DEFAULT_PAIR_MIN_COUNT): ItemPairRule[] {
  const counter = new PairCounter();
  for (const basket of baskets) counter.add(basket);
  return counter.rules(minCount);
}
