/**
 * Checks the shape of one parsed FollowTheMoney entity (`{id, schema, properties}`) against the model
 * and turns it into a RawEntity, or says exactly why not. Shared by the JSON-lines and array forms.
 */
import type { ErrorCode } from '../../errors.ts';
import type { Model } from '../../model/schema.ts';
import type { RawEntity, RecordMeta } from '../reader.ts';

export type EntityCheck = { ok: true; entity: RawEntity } | { ok: false; code: ErrorCode; reason: string };

const fail = (code: ErrorCode, reason: string): EntityCheck => ({ ok: false, code, reason });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * One property value as a string: strings as they are, numbers and booleans written out (integers
 * beyond 2^53 are refused, JSON.parse has already lost their last digits), null dropped.
 */
function valueText(prop: string, v: unknown): { ok: true; value: string | undefined } | { ok: false; reason: string } {
  if (typeof v === 'string') return { ok: true, value: v };
  if (v === null) return { ok: true, value: undefined };
  if (typeof v === 'number') {
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) {
      return { ok: false, reason: `property ${prop} has the number ${v}, too large to keep exactly: write it as a string` };
    }
    return { ok: true, value: String(v) };
  }
  if (typeof v === 'boolean') return { ok: true, value: String(v) };
  return { ok: false, reason: `property ${prop} has a nested ${Array.isArray(v) ? 'array' : 'object'} as a value; values must be strings` };
}

/**
 * Validates a parsed FtM entity: `id` a non-empty string, `schema` a known schema, `properties` an
 * object mapping the schema's property names to lists of strings. Extra keys (caption, referents,
 * datasets, target, …) are allowed; `first_seen` / `last_seen` become the entity's meta.
 * @example checkEntity(loadModel(), { id: 'p1', schema: 'Person', properties: { name: ['Ana'] } })
 */
export function checkEntity(model: Model, data: unknown): EntityCheck {
  if (!isObject(data)) return fail('CORVID_ERR_INGEST_FORMAT', `expected an entity object ({"id", "schema", "properties"}), got ${describe(data)}`);
  const { id, schema, properties } = data;
  if (typeof id !== 'string' || id.trim() === '') return fail('CORVID_ERR_MODEL_INVALID_ID', `the entity has no "id" string (got ${describe(id)})`);
  if (typeof schema !== 'string') return fail('CORVID_ERR_MODEL_UNKNOWN_SCHEMA', `entity ${id} has no "schema" string (got ${describe(schema)})`);
  if (!model.has(schema)) return fail('CORVID_ERR_MODEL_UNKNOWN_SCHEMA', `entity ${id} has the unknown schema ${JSON.stringify(schema)}`);
  if (properties !== undefined && !isObject(properties)) {
    return fail('CORVID_ERR_MODEL_INVALID_VALUE', `entity ${id}: "properties" must be an object of value lists (got ${describe(properties)})`);
  }
  const known = model.get(schema).properties;
  const out: Record<string, string[]> = {};
  for (const [prop, raw] of Object.entries(properties ?? {})) {
    if (!known.has(prop)) return fail('CORVID_ERR_MODEL_UNKNOWN_PROPERTY', `entity ${id}: schema ${schema} has no property ${JSON.stringify(prop)}`);
    const list = Array.isArray(raw) ? raw : [raw]; // FtM tolerates a bare value where a list is expected
    const values: string[] = [];
    for (const v of list) {
      const t = valueText(prop, v);
      if (!t.ok) return fail('CORVID_ERR_MODEL_INVALID_VALUE', `entity ${id}: ${t.reason}`);
      if (t.value !== undefined) values.push(t.value);
    }
    if (values.length) out[prop] = values;
  }
  const entity: RawEntity = { id, schema, properties: out };
  const meta: RecordMeta = {};
  if (typeof data.first_seen === 'string' && data.first_seen) meta.firstSeen = data.first_seen;
  if (typeof data.last_seen === 'string' && data.last_seen) meta.lastSeen = data.last_seen;
  if (meta.firstSeen !== undefined || meta.lastSeen !== undefined) entity.meta = meta;
  return { ok: true, entity };
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v === '' ? 'an empty string' : `the string ${JSON.stringify(v.slice(0, 40))}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}
