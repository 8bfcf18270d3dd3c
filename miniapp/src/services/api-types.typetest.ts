// Compile-time checks that the contract types resolve to real shapes (not never/any).
import type { ResponseOf, BodyOf, PathsWith } from './api-types';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>() => undefined as unknown as T;

type Me = ResponseOf<'/api/members/me', 'get'>;
assert<Equals<Me['inviteCode'], string>>();
assert<Equals<ResponseOf<'/api/auth/wx-login', 'post'>['member']['points'], number>>();
assert<Equals<BodyOf<'/api/auth/wx-login', 'post'>['code'], string>>();
assert<Equals<Extract<PathsWith<'patch'>, '/api/members/me'>, '/api/members/me'>>();
// @ts-expect-error a path without GET is refused
type NoGet = ResponseOf<'/api/auth/wx-login', 'get'>['x'];
export {};
