import type { AdminRole } from './admin-user.entity';

/**
 * Fine-grained admin permissions beyond "may open this route": the one table that says which roles
 * hold which. Routes use `AdminAuth(...rolesWith('x'))`; services check `hasPermission` for options
 * inside a route (e.g. full phone numbers in an export).
 */
export const ADMIN_PERMISSIONS = {
  /** Download member CSVs and run export jobs. */
  'members.export': ['owner', 'operator', 'analyst'],
  /** Full phone numbers in exports (only when asked for, and audited). */
  'members.unmaskPhone': ['owner'],
  /** Read who exported what. */
  'exports.audit': ['owner'],
} as const satisfies Record<string, readonly AdminRole[]>;
export type AdminPermission = keyof typeof ADMIN_PERMISSIONS;

export function rolesWith(permission: AdminPermission): AdminRole[] {
  return [...ADMIN_PERMISSIONS[permission]];
}

export function hasPermission(role: AdminRole, permission: AdminPermission): boolean {
  return (ADMIN_PERMISSIONS[permission] as readonly AdminRole[]).includes(role);
}
