import type { components } from '@mall/shared';

export type AdminProfile = components['schemas']['AdminResponse'];

const TOKEN_KEY = 'mall-admin-token';

/** The admin's bearer token lives in localStorage; everything else comes from the server. */
export const session = {
  token(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  },
  save(token: string): void {
    localStorage.setItem(TOKEN_KEY, token);
  },
  clear(): void {
    localStorage.removeItem(TOKEN_KEY);
  },
};
