/**
 * Helpers every Store adapter shares: what makes a statement sensitive, which values are searchable,
 * the statement row layout, and the ordering in which an entity's statements are assembled.
 */
import { tlpFromLevel, tlpLevel, type Grading, type HandlingCode, type Tlp, type TlpLevel } from '../model/handling.ts';
import type { Model, PropertyTypeName } from '../model/schema.ts';
import type { Statement } from '../model/statement.ts';

/** Property types whose values the full-text search indexes: names and identifiers, not free text. */
export const SEARCHABLE_TYPES: ReadonlySet<PropertyTypeName> = new Set<PropertyTypeName>(['name', 'email', 'phone', 'iban', 'identifier', 'address']);

const searchableCache = new WeakMap<Model, Map<string, Map<string, boolean>>>();

/**
 * Is `schema:prop` indexed for search? Unknown schemata or properties are not. Cached per model in
 * nested maps (no key string is built: the write path asks once per statement).
 * @example isSearchable(model, 'Person', 'name') // true; isSearchable(model, 'Person', 'notes') // false
 */
export function isSearchable(model: Model, schema: string, prop: string): boolean {
  let bySchema = searchableCache.get(model);
  if (!bySchema) searchableCache.set(model, (bySchema = new Map()));
  let byProp = bySchema.get(schema);
  if (!byProp) bySchema.set(schema, (byProp = new Map()));
  let hit = byProp.get(prop);
  if (hit === undefined) {
    const type = model.schemata.get(schema)?.properties.get(prop)?.type;
    hit = type !== undefined && SEARCHABLE_TYPES.has(type);
    byProp.set(prop, hit);
  }
  return hit;
}

const AMBER_STRICT = tlpLevel('AMBER+STRICT');

/** A statement whose reading is audited: in a compartment, TLP AMBER+STRICT or above, or handling H2/H3. */
export function isSensitiveStatement(s: Pick<Statement, 'compartment' | 'tlp' | 'handling'>): boolean {
  return s.compartment !== '' || tlpLevel(s.tlp) >= AMBER_STRICT || s.handling === 'H2' || s.handling === 'H3';
}

/** True when any of the statements is sensitive (see isSensitiveStatement). */
export function isSensitive(statements: readonly Pick<Statement, 'compartment' | 'tlp' | 'handling'>[]): boolean {
  return statements.some(isSensitiveStatement);
}

/**
 * The caller's compartments as a query parameter: null when they see all ('*'), otherwise the list.
 * Adapters turn null into "no compartment condition" and a list into `compartment = '' OR compartment IN (…)`.
 */
export function compartmentList(compartments: readonly string[] | '*'): readonly string[] | null {
  return compartments === '*' ? null : compartments;
}

/**
 * Column order of the statement table, shared by both adapters' DDL and row mapping. `tlp` is stored as
 * its level (0–4) so that `tlp <= ceiling` is one integer comparison; `is_ref` as 0/1 (or boolean).
 */
export const STATEMENT_COLUMNS = [
  'id', 'entity_id', 'schema', 'prop', 'value', 'original', 'dataset', 'source', 'record', 'first_seen', 'last_seen',
  'grading', 'compartment', 'tlp', 'handling', 'handling_note', 'importer', 'is_ref',
] as const;

/** A statement row in STATEMENT_COLUMNS order. */
export type StatementRow = [
  string, string, string, string, string, string, string, string, string, string, string,
  string, string, number, string, string, string, number | boolean,
];

/** Maps a row in STATEMENT_COLUMNS order to a Statement. */
export function statementFromRow(r: readonly unknown[]): Statement {
  return {
    id: r[0] as string,
    entityId: r[1] as string,
    schema: r[2] as string,
    prop: r[3] as string,
    value: r[4] as string,
    original: r[5] as string,
    dataset: r[6] as string,
    source: r[7] as string,
    record: r[8] as string,
    firstSeen: r[9] as string,
    lastSeen: r[10] as string,
    grading: r[11] as Grading,
    compartment: r[12] as string,
    tlp: tlpFromLevel(Number(r[13])),
    handling: r[14] as HandlingCode,
    handlingNote: r[15] as string,
    importer: r[16] as string,
    isRef: r[17] === true || r[17] === 1,
  };
}

const TLP_LEVEL: Readonly<Record<string, TlpLevel>> = { CLEAR: 0, GREEN: 1, AMBER: 2, 'AMBER+STRICT': 3, RED: 4 };

/** The stored level of a TLP label, or -1 when the label is not TLP 2.0 (the writer must reject it). */
export function storedTlp(tlp: Tlp | string): TlpLevel | -1 {
  return TLP_LEVEL[tlp] ?? -1;
}

/** Maps a Statement to a row in STATEMENT_COLUMNS order (is_ref as 0/1). */
export function statementToRow(s: Statement): StatementRow {
  return [
    s.id, s.entityId, s.schema, s.prop, s.value, s.original, s.dataset, s.source, s.record, s.firstSeen, s.lastSeen,
    s.grading, s.compartment, storedTlp(s.tlp), s.handling, s.handlingNote, s.importer, s.isRef ? 1 : 0,
  ];
}

/**
 * Puts one entity's statements in the order assembly wants: first seen, ties kept in storage order
 * (Array.prototype.sort is stable), so values and the caption follow first-seen order.
 */
export function inFirstSeenOrder(statements: Statement[]): Statement[] {
  return statements.sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : 0));
}

// Search text: normalisation and typo-tolerant scoring, shared so both backends rank alike. ----------

const NON_ASCII = /[\u0080-\uffff]/;

/** Lower-case, accents stripped, every run of non-letters/digits one space: `ROSSI, Mário` → `rossi mario`. */
export function normalizeText(s: string): string {
  // ASCII (most names, emails, phones and identifiers) has no marks to strip and no other letters or
  // digits than these: the same result without the Unicode passes, on the bulk write path.
  if (!NON_ASCII.test(s)) return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The distinct trigrams inside each token (no trigram spans two tokens, so token order does not matter). */
export function tokenTrigrams(norm: string): string[] {
  const out = new Set<string>();
  for (const t of norm.split(' ')) for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return [...out];
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions): `smiht`→`smith` is 1. */
function osa(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return Math.max(n, m);
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] ?? 0;
}

function tokenSimilarity(a: string, b: string): number {
  return 1 - osa(a, b) / Math.max(a.length, b.length);
}

/** Length-weighted best-match similarity of two token lists, in both directions (order-independent). */
function tokenSetSimilarity(q: readonly string[], v: readonly string[]): number {
  let num = 0;
  let den = 0;
  for (const [from, to] of [[q, v], [v, q]] as const) {
    for (const t of from) {
      let best = 0;
      for (const u of to) best = Math.max(best, tokenSimilarity(t, u));
      num += best * t.length;
      den += t.length;
    }
  }
  return den === 0 ? 0 : num / den;
}

/**
 * How well a stored value matches a query, 0..1, both already normalised (normalizeText). 1 is an exact
 * match; the same tokens in another order or without spaces score just below; a substring scores by how
 * much of the value it covers; otherwise typo-tolerant token similarity (`jon smiht` ~ `john smith` ≈ 0.74).
 */
export function searchScore(query: string, value: string): number {
  if (query === value) return 1;
  const q = query.split(' ');
  const v = value.split(' ');
  if ([...q].sort().join(' ') === [...v].sort().join(' ')) return 0.98;
  if (query.replaceAll(' ', '') === value.replaceAll(' ', '')) return 0.97;
  let score = 0.95 * tokenSetSimilarity(q, v);
  if (value.includes(query)) score = Math.max(score, 0.6 + 0.35 * (query.length / value.length));
  else if (q.every((t) => value.includes(t))) score = Math.max(score, 0.5 + 0.35 * (query.length / value.length));
  return Math.min(score, 0.96);
}

/** True when every query token occurs in the value (the non-fuzzy search's notion of a hit). */
export function containsAllTokens(query: string, value: string): boolean {
  return query.split(' ').every((t) => value.includes(t));
}

/** Fuzzy hits below this score are dropped. */
export const FUZZY_THRESHOLD = 0.5;
