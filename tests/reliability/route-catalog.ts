/**
 * Every route the running server exposes, joined from two sources of truth: the OpenAPI document
 * (paths, parameters, request schemas) and Nest's own metadata (the access rule each handler
 * declares). Sweeps iterate this list, so a route added later is swept without touching the tests.
 */
import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ACCESS_KEY, AccessRule } from '../../server/src/auth/auth.decorators';
import type { TestApp } from '../../server/test/harness';

export interface SchemaObject {
  type?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  $ref?: string;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  nullable?: boolean;
}

export interface RouteParam {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: SchemaObject;
}

export interface Route {
  method: string;
  /** OpenAPI template, e.g. /api/orders/{id} */
  path: string;
  operationId: string;
  access: AccessRule;
  params: RouteParam[];
  /** Resolved JSON body schema, when the route takes JSON. */
  body?: SchemaObject;
  multipart: boolean;
}

type OpenApi = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, SchemaObject> } };

/** Resolves `$ref`s (and single-member `allOf`) so generators see plain schemas. */
export function resolver(doc: OpenApi) {
  const resolve = (schema: SchemaObject | undefined, depth = 0): SchemaObject | undefined => {
    if (!schema || depth > 6) return schema;
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')], depth + 1);
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0], depth + 1);
    const out: SchemaObject = { ...schema };
    if (schema.properties) {
      out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, depth + 1)!]));
    }
    if (schema.items) out.items = resolve(schema.items, depth + 1);
    return out;
  };
  return resolve;
}

/** Access rules by operation id (`Controller_method`, as @nestjs/swagger names operations). */
function accessRules(t: TestApp): Map<string, AccessRule> {
  const rules = new Map<string, AccessRule>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
      if (!type?.prototype) continue;
      const classRule = Reflect.getMetadata(ACCESS_KEY, type) as AccessRule | undefined;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const rule = (Reflect.getMetadata(ACCESS_KEY, handler) as AccessRule | undefined) ?? classRule;
        rules.set(`${type.name}_${name}`, rule ?? { kind: 'undeclared' as never });
      }
    }
  }
  return rules;
}

export async function loadRoutes(t: TestApp): Promise<Route[]> {
  const res = await t.request('GET', '/api/docs/openapi.json');
  const doc = res.body as OpenApi;
  const resolve = resolver(doc);
  const rules = accessRules(t);
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!(method.toUpperCase() in RequestMethod)) continue;
      const content = op.requestBody?.content ?? {};
      const rule = rules.get(op.operationId);
      if (!rule) throw new Error(`no Nest handler found for ${op.operationId}`);
      routes.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        access: rule,
        params: (op.parameters ?? []).filter((p: RouteParam) => p.in === 'path' || p.in === 'query').map((p: RouteParam) => ({ ...p, schema: resolve(p.schema) ?? {} })),
        body: content['application/json'] ? resolve(content['application/json'].schema) : undefined,
        multipart: Boolean(content['multipart/form-data']),
      });
    }
  }
  return routes;
}

export function fillPath(route: Route, values: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
}
