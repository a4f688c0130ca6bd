/** The small slice of node-postgres the PostgreSQL adapter uses, and the SQL fragments its files share. */
import { AbortedError, CorvidError, isCorvidError } from '../../errors.ts';
import type { Context } from '../../model/context.ts';
import type { Statement } from '../../model/statement.ts';
import type { StatementFilter } from '../port.ts';
import { compartmentList, statementFromRow, STATEMENT_COLUMNS, storedTlp } from '../visibility.ts';

/** A result row: columns by name, narrowed where read. */
export type Row = Record<string, unknown>;

/** The driver method the adapter needs; a pg Pool and a pg PoolClient both fit, and no pg type leaks further. */
export interface Db {
  query(text: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
  query(config: { text: string; values?: unknown[]; rowMode: 'array' }): Promise<{ rows: unknown[][]; rowCount: number | null }>;
}

/** Collects positional parameters while a query is built: `p.add(v)` returns `$n`. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `id, entity_id, …` in STATEMENT_COLUMNS order, for SELECTs read back with statementFromRow. */
export const STATEMENT_SELECT = STATEMENT_COLUMNS.join(', ');

/** Runs a SELECT of STATEMENT_SELECT (plus any trailing columns) with array rows: no object per row on big reads. */
export async function selectStatements(db: Db, text: string, values: unknown[]): Promise<{ statements: Statement[]; rows: unknown[][] }> {
  const { rows } = await db.query({ text, values, rowMode: 'array' });
  return { statements: rows.map(statementFromRow), rows };
}

/** The visibility rule in SQL (as canSee in model/context.ts): TLP at most the ceiling, and no compartment or one of the caller's. */
export function visible(ctx: Context, p: Params): string {
  const ceiling = `tlp <= ${p.add(storedTlp(ctx.tlpCeiling))}`;
  const comps = compartmentList(ctx.compartments);
  if (comps === null) return ceiling;
  if (comps.length === 0) return `${ceiling} AND compartment = ''`;
  return `${ceiling} AND (compartment = '' OR compartment = ANY(${p.add([...comps])}::text[]))`;
}

/** Visibility plus a statement filter, as one WHERE clause. */
export function statementWhere(ctx: Context, f: StatementFilter, p: Params): string {
  const parts = [visible(ctx, p)];
  if (f.entityIds) parts.push(`entity_id = ANY(${p.add([...f.entityIds])}::text[])`);
  if (f.datasets) parts.push(`dataset = ANY(${p.add([...f.datasets])}::text[])`);
  if (f.schemata) parts.push(`schema = ANY(${p.add([...f.schemata])}::text[])`);
  if (f.props) parts.push(`prop = ANY(${p.add([...f.props])}::text[])`);
  return parts.join(' AND ');
}

/** Now as an ISO 8601 UTC timestamp (stored as text: it round-trips byte for byte and sorts as it reads). */
export function now(): string {
  return new Date().toISOString();
}

/** Runs `fn` inside BEGIN … COMMIT on a dedicated connection, rolling back when it throws; `mode` e.g. `ISOLATION LEVEL REPEATABLE READ`. */
export async function inTransaction<T>(db: Db, fn: () => Promise<T>, mode = ''): Promise<T> {
  await db.query(mode ? `BEGIN ${mode}` : 'BEGIN');
  try {
    const out = await fn();
    await db.query('COMMIT');
    return out;
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300']);

/** pg's errors become Corvid's where callers can act on them; anything else passes unchanged. */
export function translate(err: unknown): unknown {
  if (isCorvidError(err) || !(err instanceof Error)) return err;
  const code = (err as Error & { code?: unknown }).code;
  if (typeof code !== 'string') return err;
  // CV001 is raised by the audit table's append-only trigger (migrations.ts).
  if (code === 'CV001') return new CorvidError('CORVID_ERR_STORE_AUDIT_APPEND_ONLY', 'the audit log is append-only');
  if (code === '23505') return new CorvidError('CORVID_ERR_STORE_CONFLICT', err.message);
  if (code === '57014') return new AbortedError('the query was cancelled');
  if (UNAVAILABLE.has(code) || code.startsWith('08')) return new CorvidError('CORVID_ERR_STORE_UNAVAILABLE', `PostgreSQL is unavailable: ${err.message}`);
  return err;
}
