/**
 * fast-check generators of input that a route must refuse, derived from its OpenAPI schema: every
 * generated body, path or query holds at least one value that is invalid for its field (wrong type,
 * out of range, too long, not in the enum, an unknown field, not an object at all).
 */
import fc from 'fast-check';
import type { RouteParam, SchemaObject } from './route-catalog';

const HUGE_STRING = 'x'.repeat(20_000);
const NOT_OBJECTS = fc.constantFrom<unknown>([], 'text', 42, true, [{}]);

/** A value that is invalid for `schema` (when `required` is false, null counts as valid and is avoided). */
export function badValue(schema: SchemaObject, required: boolean): fc.Arbitrary<unknown> {
  const wrongType: unknown[] = [];
  const choices: fc.Arbitrary<unknown>[] = [];
  const type = schema.type ?? (schema.properties ? 'object' : schema.enum ? 'string' : undefined);
  switch (type) {
    case 'string':
      wrongType.push(12345, true, ['a'], { a: 1 });
      if (schema.enum) choices.push(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !schema.enum!.includes(s)).map((s) => `~${s}`));
      else if (schema.format === 'date-time' || schema.format === 'date') choices.push(fc.constantFrom('2026-13-45', 'yesterday', '0000-00-00T99:99:99Z'));
      else choices.push(fc.constant(HUGE_STRING));
      break;
    case 'integer':
    case 'number':
      wrongType.push('12', true, [1], { n: 1 }, 1e20, -1e20);
      if (type === 'integer') wrongType.push(1.5);
      if (schema.minimum !== undefined) choices.push(fc.integer({ min: Math.max(Number.MIN_SAFE_INTEGER, Math.ceil(schema.minimum) - 1e6), max: Math.ceil(schema.minimum) - 1 }));
      if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER) choices.push(fc.integer({ min: Math.floor(schema.maximum) + 1, max: Number.MAX_SAFE_INTEGER }));
      break;
    case 'boolean':
      wrongType.push('true', 1, [true], {});
      break;
    case 'array':
      wrongType.push('a', 1, { a: 1 });
      if (schema.items) choices.push(badValue(schema.items, true).map((v) => [v]));
      choices.push(fc.constant(Array.from({ length: 2000 }, () => 1)));
      break;
    case 'object':
      wrongType.push('a', 1, [1]);
      if (schema.properties && Object.keys(schema.properties).length) choices.push(badObject(schema));
      break;
    default:
      // An untyped field (e.g. free JSON): an unknown-field object is the only safe "bad" value.
      return fc.constant({ __unexpected: HUGE_STRING });
  }
  if (required) wrongType.push(null);
  choices.push(fc.constantFrom(...wrongType));
  return fc.oneof(...choices);
}

/**
 * A plausible value for `schema` (right type, within declared bounds), so that a body built on it is
 * refused because of the one bad field put in, not because a required field is missing.
 */
export function plausibleValue(schema: SchemaObject): unknown {
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type ?? (schema.properties ? 'object' : undefined)) {
    case 'string': {
      if (schema.format === 'date-time') return '2026-01-01T00:00:00.000Z';
      if (schema.format === 'date') return '2026-01-01';
      if (schema.format === 'uuid') return '01900000-0000-7000-8000-000000000000';
      return 'a'.repeat(Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 8, 8)));
    }
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1));
    case 'boolean':
      return true;
    case 'array':
      return schema.items ? [plausibleValue(schema.items)] : [];
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((k) => [k, plausibleValue(schema.properties?.[k] ?? {})]));
    default:
      return 'a';
  }
}

/** An object body with at least one invalid field (or an unknown one) on an otherwise plausible body. */
export function badObject(schema: SchemaObject): fc.Arbitrary<Record<string, unknown>> {
  const base = plausibleValue({ ...schema, type: 'object' }) as Record<string, unknown>;
  const props = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const unknownField = fc.string().map((v) => ({ ...base, __unknownField: v }));
  if (!props.length) return unknownField;
  const oneBadField = fc
    .constantFrom(...props)
    .chain(([name, prop]) => badValue(prop, required.has(name)).map((v) => ({ ...base, [name]: v })));
  return fc.oneof({ arbitrary: oneBadField, weight: 4 }, unknownField);
}

/** A whole JSON body that must be refused: not an object, or an object with a bad field. */
export function badBody(schema: SchemaObject): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: NOT_OBJECTS, weight: 1 }, { arbitrary: badObject(schema), weight: 4 });
}

/** Path parameter values no route may accept as an id of something the caller owns. */
export const badPathValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("' OR '1'='1", '../../etc/passwd', '-1', '0', '99999999999999999999999', 'x'.repeat(300), '%00', 'null', '{}'),
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.uuid(),
);

/** A query value that is invalid for a typed query parameter (free strings are left alone). */
export function badQueryValue(param: RouteParam): fc.Arbitrary<string> | null {
  const s = param.schema;
  // An empty value is left out: list filters read `?pointsMin=` (an empty form field) as "not set".
  if (s.type === 'integer' || s.type === 'number') return fc.constantFrom('abc', '1.5x', '1e400', '-99999999999999999999');
  if (s.enum) return fc.string({ maxLength: 10 }).map((v) => `~${v}`);
  if (s.type === 'boolean') return fc.constantFrom('maybe', '2');
  if (s.format === 'date' || s.format === 'date-time' || /date|month|from|to/i.test(param.name)) return fc.constantFrom('2026-13', 'not-a-date', '2026-02-30x');
  return null;
}
