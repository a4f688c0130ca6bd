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

/** `s.id, s.entity_id, …` in STATEMENT_COLUMNS order, for SELECTs mapped by statementFromRow. */
export const STATEMENT_SELECT = STATEMENT_COLUMNS.map((c) => `s.${c}`).join(', ');

/**
 * The visibility rule as SQL over alias `s`: TLP at most the ceiling, and no compartment or one of the
 * caller's. Adds its parameters (`vis_tlp`, `vis_comps`) to `params`.
 */
export function visibleSql(ctx: Context, params: Params, alias = 's'): string {
  params.vis_tlp = tlpLevel(ctx.tlpCeiling);
  const comps = compartmentList(ctx.compartments);
  if (comps === null) return `${alias}.tlp <= @vis_tlp`;
  if (comps.length === 0) return `${alias}.tlp <= @vis_tlp AND ${alias}.compartment = ''`;
  params.vis_comps = JSON.stringify(comps);
  return `${alias}.tlp <= @vis_tlp AND (${alias}.compartment = '' OR ${alias}.compartment IN (SELECT value FROM json_each(@vis_comps)))`;
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
