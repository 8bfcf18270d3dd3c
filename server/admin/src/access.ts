import type { AdminProfile } from './api/session';

export type AdminRole = AdminProfile['role'];

export const ROLE_LABELS: Record<AdminRole, string> = { owner: '店主', operator: '运营', analyst: '分析师' };

/** Which roles may open which section: the one place route access is decided. */
export const ACCESS: Record<string, AdminRole[]> = {
  dashboard: ['owner', 'operator', 'analyst'],
  members: ['owner', 'operator', 'analyst'],
  tiers: ['owner', 'operator'],
  coupons: ['owner', 'operator', 'analyst'],
  checkin: ['owner', 'operator', 'analyst'],
  memberDay: ['owner', 'operator'],
  referrals: ['owner', 'operator', 'analyst'],
  analytics: ['owner', 'operator', 'analyst'],
  // Mirrors the server's ADMIN_PERMISSIONS (members.export, exports.audit).
  exports: ['owner', 'operator', 'analyst'],
  exportAudit: ['owner'],
  // Operators manage items and orders; analysts read them (the pages hide the actions, the server refuses them).
  mallItems: ['owner', 'operator', 'analyst'],
  orders: ['owner', 'operator', 'analyst'],
  mallSales: ['owner', 'operator', 'analyst'],
  audiences: ['owner', 'operator', 'analyst'],
  pointsEconomy: ['owner', 'operator', 'analyst'],
  // Analysts read campaigns and results; the page hides the actions and the server refuses them.
  campaigns: ['owner', 'operator', 'analyst'],
};

export function canAccess(role: AdminRole | undefined, section: keyof typeof ACCESS): boolean {
  return !!role && ACCESS[section].includes(role);
}
