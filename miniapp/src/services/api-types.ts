import type { paths } from '@mall/shared';

/** Types derived from the generated OpenAPI contract, so a renamed field breaks the build. */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends Record<M, infer Op> ? (Op extends undefined | never ? never : P) : never;
}[keyof paths];

type Operation<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M & keyof paths[P]]>;

export type ResponseOf<P extends keyof paths, M extends HttpMethod> = Operation<P, M> extends { responses: infer R }
  ? R extends { 200: infer S }
    ? JsonBody<S>
    : R extends { 201: infer S }
      ? JsonBody<S>
      : R extends { 202: infer S }
        ? JsonBody<S>
        : void
  : never;

export type BodyOf<P extends keyof paths, M extends HttpMethod> = Operation<P, M> extends { requestBody: infer B }
  ? JsonBody<NonNullable<B>>
  : Operation<P, M> extends { requestBody?: infer B }
    ? JsonBody<NonNullable<B>>
    : undefined;

export type QueryOf<P extends keyof paths, M extends HttpMethod> = Operation<P, M> extends { parameters: { query?: infer Q } } ? Q : never;

/** Path parameters (`{id}` in the path), or never when the path has none. */
export type PathParamsOf<P extends keyof paths, M extends HttpMethod> = Operation<P, M> extends { parameters: { path: infer X } }
  ? X extends Record<string, unknown>
    ? X
    : never
  : never;
