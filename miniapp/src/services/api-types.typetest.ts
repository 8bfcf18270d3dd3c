// Compile-time checks that the contract types resolve to real shapes (not never/any).
import type { ResponseOf, BodyOf, PathsWith } from './api-types';
import type { api } from './request';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>() => undefined as unknown as T;

type Me = ResponseOf<'/api/members/me', 'get'>;
assert<Equals<Me['inviteCode'], string>>();
assert<Equals<ResponseOf<'/api/auth/wx-login', 'post'>['member']['points'], number>>();
assert<Equals<BodyOf<'/api/auth/wx-login', 'post'>['code'], string>>();
assert<Equals<Extract<PathsWith<'patch'>, '/api/members/me'>, '/api/members/me'>>();
// @ts-expect-error a path without GET is refused
type NoGet = ResponseOf<'/api/auth/wx-login', 'get'>['x'];

// The wrapper's signatures: path parameters are required exactly when the path has them.
type Api = typeof api;
declare const client: Api;
export function typecheckOnly() {
  void client.post('/api/notices/{id}/read', undefined as never, { params: { id: '1' } });
  // @ts-expect-error `{id}` needs its params
  void client.post('/api/notices/{id}/read', undefined as never);
  void client.get('/api/members/me', undefined, { silent: true });
  // @ts-expect-error a path without `{..}` takes no params
  void client.get('/api/members/me', undefined, { params: { id: '1' } });
  const nickname: Promise<string> = client.get('/api/members/me').then((m) => m.nickname);
  return nickname;
}
