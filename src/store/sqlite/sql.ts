/** The small slice of better-sqlite3 the SQLite adapter uses: opening, pragmas, a prepared-statement cache, shared SQL fragments. */
import Database from 'better-sqlite3';
import type { Context } from '../../model/context.ts';
import { tlpLevel } from '../../model/handling.ts';
import { compartmentList, STATEMENT_COLUMNS } from '../visibility.ts';

export type Db = Database.Database;
export type Prepared = Database.Statement;
export type Params = Record<string, unknown>;

/**
 * Opens the database file with the settings Corvid relies on: WAL (readers never block the writer),
 * synchronous=NORMAL (durable at checkpoints, fast commits), foreign keys, and a busy timeout so that
 * a CLI and a server sharing the file wait for each other instead of failing.
 */
export function openDatabase(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536'); // 64 MiB: keeps the random-key indexes of big imports in memory
  db.pragma('temp_store = MEMORY');
  // Checkpoint every ~40 MB of WAL rather than every 4 MB: a bulk import's batches then pay for fewer
  // checkpoints (about 4 % of writeBatch time, bench/store-write.ts); the WAL file is cut back afterwards.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('journal_size_limit = 67108864');
  return db;
}

const caches = new WeakMap<Db, Map<string, Prepared>>();

/** The prepared statement for `sql`, compiled once per connection. */
export function prep(db: Db, sql: string): Prepared {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = db.prepare(sql)));
  return st;
}

/** Where each statement column lives: the statement row, its entity or its provenance. */
const STATEMENT_SOURCE: Readonly<Record<(typeof STATEMENT_COLUMNS)[number], 's' | 'e' | 'p'>> = {
  id: 's', entity_id: 'e', schema: 's', prop: 's', value: 's', original: 's', dataset: 'p', source: 'p', record: 's', first_seen: 's',
  last_seen: 's', grading: 'p', compartment: 'p', tlp: 'p', handling: 'p', handling_note: 'p', importer: 'p', is_ref: 's',
};

/**
 * The statement columns in STATEMENT_COLUMNS order, for SELECTs over STATEMENT_FROM mapped by
 * statementFromRow: the entity id comes from `entity e`, provenance and handling from `provenance p`.
 */
export const STATEMENT_SELECT = STATEMENT_COLUMNS.map((c) => `${STATEMENT_SOURCE[c]}.${c === 'entity_id' ? 'id' : c}`).join(', ');

/** Statements `s` with their entity `e` and provenance `p`. */
export const STATEMENT_FROM = 'statement s JOIN entity e ON e.no = s.entity_no JOIN provenance p ON p.id = s.prov_id';

/**
 * STATEMENT_FROM driven by the `entity_id` index (CROSS JOIN fixes the join order), for reads ordered by
 * entity id: rows come out in that order, so a LIMIT stops early and only each entity's rows are sorted.
 */
export const STATEMENT_FROM_BY_ENTITY = 'entity e INDEXED BY entity_id CROSS JOIN statement s ON s.entity_no = e.no JOIN provenance p ON p.id = s.prov_id';

const ALL_VISIBLE = tlpLevel('RED');

/**
 * The visibility rule as SQL over the statements aliased `alias`: their provenance has a TLP at most the
 * ceiling, and no compartment or one of the caller's. Compartment and TLP live in `provenance`, so the
 * rule is a set of provenance ids, computed once per query. Adds its parameters (`vis_tlp`,
 * `vis_comps`) to `params`; a caller who sees everything gets no condition.
 */
export function visibleSql(ctx: Context, params: Params, alias = 's'): string {
  return provenanceSql(ctx, params, alias, undefined);
}

/**
 * Visibility and, when given, a dataset filter, as one set of provenance ids: the dataset is a
 * provenance field too. Counts use this form, which needs neither the entity table nor an index.
 */
export function provenanceSql(ctx: Context, params: Params, alias: string, datasets: readonly string[] | undefined): string {
  const ceiling = tlpLevel(ctx.tlpCeiling);
  const comps = compartmentList(ctx.compartments);
  const conds: string[] = [];
  if (datasets !== undefined) {
    params.prov_ds = JSON.stringify(datasets);
    conds.push('dataset IN (SELECT value FROM json_each(@prov_ds))');
  }
  if (comps !== null || ceiling < ALL_VISIBLE) {
    params.vis_tlp = ceiling;
    conds.push('tlp <= @vis_tlp');
    if (comps !== null && comps.length === 0) conds.push(`compartment = ''`);
    else if (comps !== null) {
      params.vis_comps = JSON.stringify(comps);
      conds.push(`(compartment = '' OR compartment IN (SELECT value FROM json_each(@vis_comps)))`);
    }
  }
  return conds.length === 0 ? '1' : `${alias}.prov_id IN (SELECT id FROM provenance WHERE ${conds.join(' AND ')})`;
}

/**
 * A dataset filter as ranges on an entity id column (`<dataset>.` is every id of the dataset, and
 * dataset names hold no dots), so the `entity_id` index serves it; null when the filter is absent.
 */
export function inDatasets(col: string, name: string, datasets: readonly string[] | undefined, params: Params): string | null {
  if (datasets === undefined) return null;
  // A name with a dot is no dataset (and its range would cut into another dataset's ids).
  const names = [...new Set(datasets)].filter((d) => !d.includes('.'));
  if (names.length === 0) return '0';
  const ranges = names.map((d, i) => {
    params[`${name}_lo${i}`] = `${d}.`;
    params[`${name}_hi${i}`] = `${d}/`; // '/' follows '.'
    return `(${col} >= @${name}_lo${i} AND ${col} < @${name}_hi${i})`;
  });
  return ranges.length === 1 ? (ranges[0] as string) : `(${ranges.join(' OR ')})`;
}

/** `col IN (…)` for a list filter (bound as one JSON parameter), or null when the filter is absent. */
export function inList(col: string, name: string, values: readonly string[] | undefined, params: Params): string | null {
  if (values === undefined) return null;
  params[name] = JSON.stringify(values);
  return `${col} IN (SELECT value FROM json_each(@${name}))`;
}

/** Joins conditions with AND (TRUE when there are none). */
export function and(conds: readonly (string | null)[]): string {
  const c = conds.filter((x): x is string => x !== null);
  return c.length === 0 ? '1' : c.join(' AND ');
}

/** True when the error is SQLite's unique or primary-key constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Now as an ISO 8601 UTC timestamp. */
export function now(): string {
  return new Date().toISOString();
}
