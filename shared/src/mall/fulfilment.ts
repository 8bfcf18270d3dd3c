/**
 * Fulfilment rules shared by the server (validation, WeChat's shipping upload) and the admin
 * (the express company select).
 */

/** Common express companies by WeChat's delivery_id (see WeChat's get_delivery_list). */
export const EXPRESS_COMPANIES = [
  { code: 'SF', name: '顺丰速运' },
  { code: 'ZTO', name: '中通快递' },
  { code: 'YTO', name: '圆通速递' },
  { code: 'YD', name: '韵达快递' },
  { code: 'STO', name: '申通快递' },
  { code: 'JTSD', name: '极兔速递' },
  { code: 'EMS', name: 'EMS' },
  { code: 'JD', name: '京东物流' },
  { code: 'DBL', name: '德邦快递' },
  { code: 'ZJS', name: '宅急送' },
] as const;

export type ExpressCompanyCode = (typeof EXPRESS_COMPANIES)[number]['code'];
export const EXPRESS_COMPANY_CODES = EXPRESS_COMPANIES.map((c) => c.code) as ExpressCompanyCode[];

export function expressCompanyName(code: string): string {
  return EXPRESS_COMPANIES.find((c) => c.code === code)?.name ?? code;
}

/** A shipped order the member has not confirmed is received automatically after this many days. */
export const AUTO_RECEIVE_DAYS = 10;

/** WeChat's item_desc: `名称*数量` joined, at most 120 characters (WeChat refuses longer ones). */
export function shippingItemDesc(lines: { name: string; quantity: number }[], max = 120): string {
  const text = lines.map((l) => `${l.name}*${l.quantity}`).join('，');
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
