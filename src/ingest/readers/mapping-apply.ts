/**
 * Applies a compiled mapping to one row: filters, FtM-compatible entity ids, property values
 * (columns, literals, templates, join, split, date formats, references) and Corvid's handling fields.
 * Pure: a row in, one ReadItem out.
 */
import { hash } from 'node:crypto';
import { isCorvidError } from '../../errors.ts';
import type { RawEntity, ReadItem, RecordMeta } from '../reader.ts';
import { parseDateFormat } from './date-format.ts';
import { setMeta } from './mapping-entity.ts';
import type { CompiledMapping, EntityMapping, MetaField, PropertyMapping, QueryMapping } from './mapping.ts';

/** A row's cell by column name; the caller has checked that every mapped column exists. */
export type Row = (column: string) => string;

/** Orders strings as their UTF-8 bytes (FtM sorts the key bytes): code-point order, which plain
 * string comparison matches except where surrogate pairs meet U+E000–U+FFFF. */
function byUtf8(a: string, b: string): number {
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return a < b ? -1 : a > b ? 1 : 0;
}
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The entity's id for this row, exactly as FtM's EntityMapping.compute_key makes it: SHA-1 over the
 * key prefix (the dataset name in `ftm map`), the key literal and the key values (trimmed, NFKC as
 * FtM's CSV source normalises them) sorted as bytes, empty ones left out; undefined when every key is
 * empty. With `ordered_keys` (Corvid) the values are hashed in the listed order, each followed by a
 * separator. With `id_column`, that cell as it is.
 */
export function entityId(e: EntityMapping, row: Row): string | undefined {
  if (e.idColumn !== undefined) {
    const v = row(e.idColumn).trim().normalize('NFKC');
    return v === '' ? undefined : v;
  }
  const values = e.keys.map((k) => row(k).trim().normalize('NFKC'));
  if (values.every((v) => v === '')) return undefined;
  // One string hashed at once: its UTF-8 bytes are the concatenation FtM feeds to the digest.
  const keyed = e.orderedKeys ? values.map((v) => `${v}\u001f`).join('') : values.sort(byUtf8).join('');
  return hash('sha1', `${e.keyPrefix.trim()}${e.keyLiteral.trim()}${keyed}`, 'hex');
}

/** FtM's stringify: values are trimmed, and blank ones are no values. */
function addTrimmed(values: string[], v: string): void {
  const t = v.trim();
  if (t !== '') values.push(t);
}

/** A property's values for this row, following FtM's PropertyMapping.map (without type cleaning). */
function propertyValues(p: PropertyMapping, row: Row, ids: Map<string, string>): string[] {
  if (p.entity !== undefined) {
    const id = ids.get(p.entity);
    return id === undefined ? [] : [id];
  }
  let values: string[] = [];
  if (p.template) {
    let text = p.template.text;
    for (const r of p.template.refs) text = text.replaceAll(r.placeholder, row(r.column));
    addTrimmed(values, text);
  } else {
    for (const v of p.literals) addTrimmed(values, v);
    for (const c of p.columns) addTrimmed(values, row(c));
  }
  // A value that does not fit the format stays as it is, for the pipeline to report.
  if (p.format) values = values.map((v) => parseDateFormat(p.format!, v) ?? v);
  if (p.join !== undefined && values.length > 1) values = [values.join(p.join)];
  if (p.split !== undefined) {
    const parts = values;
    values = [];
    for (const v of parts) for (const part of v.split(p.split)) addTrimmed(values, part);
  }
  // FtM's unique_list, which keeps the first of each value in order.
  return values.length > 1 ? [...new Set(values)] : values;
}

function passes(q: QueryMapping, row: Row): string | undefined {
  for (const [col, values] of q.filters) {
    const v = row(col).trim();
    if (!values.includes(v)) return `${q.label}: column ${col} is ${JSON.stringify(v)}, filters want ${values.map((x) => JSON.stringify(x)).join(' or ')}`;
  }
  for (const [col, values] of q.filtersNot) {
    const v = row(col).trim();
    if (values.includes(v)) return `${q.label}: column ${col} is ${JSON.stringify(v)}, which filters_not excludes`;
  }
  return undefined;
}

/**
 * Maps one CSV row. Entities without an id (all key cells empty) or without a `required` value are
 * left out, as in FtM; a row that yields no entity is a skip, one with an invalid handling cell a reject.
 */
export function mapRow(m: CompiledMapping, row: Row, line: number, raw: string): ReadItem {
  const entities: RawEntity[] = [];
  const notes: string[] = [];
  for (const q of m.queries) {
    const filtered = passes(q, row);
    if (filtered) {
      notes.push(`filtered out by ${filtered}`);
      continue;
    }
    const ids = new Map<string, string>();
    for (const e of q.entities) {
      const properties: Record<string, string[]> = {};
      for (const p of e.properties) {
        const values = propertyValues(p, row, ids);
        if (values.length) (properties[p.prop] ??= []).push(...values);
      }
      const id = entityId(e, row);
      if (id === undefined) {
        notes.push(
          `${q.label}, entity ${e.name}: no id, ${e.idColumn !== undefined ? `column ${e.idColumn} is` : `key columns ${e.keys.join(', ')} are`} empty`,
        );
        continue;
      }
      const missing = e.properties.find((p) => p.required && !properties[p.prop]?.length);
      if (missing) {
        notes.push(`${q.label}, entity ${e.name}: required property ${missing.prop} is empty`);
        continue;
      }
      let meta: RecordMeta | undefined;
      try {
        meta = entityMeta(e, row);
      } catch (err) {
        if (!isCorvidError(err)) throw err;
        return { kind: 'reject', line, code: err.code, reason: `line ${line}: ${q.label}, entity ${e.name}: ${err.message}`, raw };
      }
      ids.set(e.name, id);
      entities.push({ id, schema: e.schema, properties, ...(meta ? { meta } : {}) });
    }
  }
  if (entities.length === 0) return { kind: 'skip', line, reason: `line ${line}: no entity mapped (${notes.join('; ')})` };
  return { kind: 'entities', line, entities };
}

/** The entity's handling fields from their literals or this row's cells (an empty cell sets nothing). */
function entityMeta(e: EntityMapping, row: Row): RecordMeta | undefined {
  let meta: RecordMeta | undefined;
  for (const [field, spec] of Object.entries(e.meta) as [MetaField, (typeof e.meta)[MetaField]][]) {
    if (!spec) continue;
    const value = 'literal' in spec ? spec.literal : row(spec.column).trim();
    if (value !== '') setMeta((meta ??= {}), field, value);
  }
  return meta;
}
