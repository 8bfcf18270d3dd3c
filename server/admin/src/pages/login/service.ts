import { api, call } from '../../api/client';

export const login = (username: string, password: string) =>
  call(api.POST('/api/admin/auth/login', { body: { username, password } }));
