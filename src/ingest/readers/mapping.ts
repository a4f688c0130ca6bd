/**
 * FollowTheMoney mapping files (the YAML Aleph and `ftm map` use), parsed and checked against the
 * model before any row is read: `<dataset>: {queries: [...]}`, a bare `{queries: [...]}`, or one
 * query. Mistakes are CORVID_ERR_INGEST_MAPPING errors that say where. See docs/mapping.md.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseDocument } from 'yaml';
import { CorvidError } from '../../errors.ts';
import type { PropertyTypeName } from '../../model/schema.ts';
import { loadModel } from '../../model/schema.ts';
import type { DateFormat } from './date-format.ts';
import { compileEntities, isMap, listOf, mappingError, textOf, warnUnknown } from './mapping-entity.ts';

/** Where a Corvid handling field comes from: a column of the row, or one value for every row. */
export type ValueSpec = { column: string } | { literal: string };

export type MetaField = 'grading' | 'handling' | 'tlp' | 'compartment' | 'handlingNote';

export interface PropertyMapping {
  prop: string;
  type: PropertyTypeName;
  columns: string[];
  literals: string[];
  /** `{{column}}` placeholders; when set, columns and literals are not used (as in FtM). */
  template?: { text: string; refs: { placeholder: string; column: string }[] };
  /** The name of another entity of the same query whose id is the value. */
  entity?: string;
  join?: string;
  split?: string;
  format?: DateFormat;
  required: boolean;
}

export interface EntityMapping {
  name: string;
  schema: string;
  /** The id is FtM's: SHA-1 of key prefix, key literal and the key columns' values. */
  keys: string[];
  keyLiteral: string;
  keyPrefix: string;
  /** Corvid: hash the keys in the listed order, so A→B and B→A differ (FtM sorts them). */
  orderedKeys: boolean;
  /** Alternatively, the id is this column's value as it is. */
  idColumn?: string;
  properties: PropertyMapping[];
  meta: Partial<Record<MetaField, ValueSpec>>;
  dependencies: string[];
}

export interface QueryMapping {
  /** For messages: `query 1` or `montagna query 2`. */
  label: string;
  filters: [column: string, values: string[]][];
  filtersNot: [column: string, values: string[]][];
  /** In dependency order: an entity comes after those it references. */
  entities: EntityMapping[];
}

export interface CompiledMapping {
  /** The mapping file's name, for messages. */
  source: string;
  queries: QueryMapping[];
  /** Every column the mapping reads; the CSV header must have them all. */
  columns: string[];
  /** Keys Corvid does not know and ignored (typos show up here). */
  warnings: string[];
}

/** Query keys that describe where FtM would fetch the data; Corvid reads the file it is given. */
const SOURCE_KEYS = ['csv_url', 'csv_urls', 'database', 'table', 'tables', 'joins'];
const QUERY_KEYS = ['entities', 'filters', 'filters_not', ...SOURCE_KEYS];

/**
 * Parses and checks a mapping.
 * @example
 * const m = parseMapping(yamlText, 'people.yml');
 * for await (const item of readCsvMapping(m)(readBytes('people.csv'), { fileName: 'people.csv' })) …
 */
export function parseMapping(text: string, source = 'mapping'): CompiledMapping {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) throw new CorvidError('CORVID_ERR_INGEST_MAPPING', `${source}: not valid YAML: ${doc.errors[0]!.message}`, { source });
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isMap(data))
    throw mappingError(source, 'the top level', 'expected a mapping: `<name>: {queries: [...]}`, `queries: [...]` or one query with `entities:`');
  const warnings: string[] = [];
  const groups: { prefix: string; queries: unknown[] }[] = [];
  if ('entities' in data) groups.push({ prefix: '', queries: [data] });
  else if ('queries' in data || 'query' in data) groups.push({ prefix: '', queries: queriesOf(source, 'the top level', data) });
  else {
    for (const [name, meta] of Object.entries(data)) {
      if (!isMap(meta)) throw mappingError(source, name, 'expected `queries:` under the dataset name');
      groups.push({ prefix: name, queries: queriesOf(source, name, meta) });
    }
  }
  const model = loadModel();
  const queries: QueryMapping[] = [];
  for (const { prefix, queries: list } of groups) {
    list.forEach((q, i) => {
      const label = `${prefix ? `${prefix} ` : ''}query ${i + 1}`;
      if (!isMap(q)) throw mappingError(source, label, 'a query must be a mapping with `entities:`');
      warnUnknown(q, QUERY_KEYS, `${source}: ${label}`, warnings);
      queries.push({
        label,
        filters: filtersOf(source, `${label} filters`, q.filters),
        filtersNot: filtersOf(source, `${label} filters_not`, q.filters_not),
        entities: compileEntities(model, { source, where: label, keyPrefix: prefix, warnings }, q.entities),
      });
    });
  }
  if (queries.length === 0) throw mappingError(source, 'the top level', 'no queries');
  return { source, queries, columns: columnsOf(queries), warnings };
}

/** Reads and checks a mapping file. */
export async function loadMappingFile(path: string): Promise<CompiledMapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CorvidError('CORVID_ERR_INGEST_MAPPING', `cannot read the mapping file ${path}: ${(err as Error).message}`, { path });
  }
  return parseMapping(text, basename(path));
}

function queriesOf(source: string, where: string, meta: Record<string, unknown>): unknown[] {
  const list = [...listOf(meta.queries), ...listOf(meta.query)];
  if (list.length === 0) throw mappingError(source, where, 'has no `queries:`');
  return list;
}

function filtersOf(source: string, where: string, raw: unknown): [string, string[]][] {
  if (raw === undefined || raw === null) return [];
  if (!isMap(raw)) throw mappingError(source, where, 'expected `column: value` pairs');
  return Object.entries(raw).map(([column, v]) => {
    const values = listOf(v).map((x) => textOf(x) ?? '');
    if (values.length === 0) throw mappingError(source, `${where} ${column}`, 'no value to compare with');
    return [column, values];
  });
}

function columnsOf(queries: QueryMapping[]): string[] {
  const cols = new Set<string>();
  for (const q of queries) {
    for (const [c] of [...q.filters, ...q.filtersNot]) cols.add(c);
    for (const e of q.entities) {
      e.keys.forEach((k) => cols.add(k));
      if (e.idColumn) cols.add(e.idColumn);
      for (const p of e.properties) {
        p.columns.forEach((c) => cols.add(c));
        p.template?.refs.forEach((r) => cols.add(r.column));
      }
      for (const spec of Object.values(e.meta)) if ('column' in spec) cols.add(spec.column);
    }
  }
  return [...cols];
}
