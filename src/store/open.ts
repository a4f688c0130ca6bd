/** openStore: the one place that picks a Store backend from the command line or server options. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadModel } from '../model/schema.ts';
import type { Store } from './port.ts';

export interface OpenStoreOptions {
  /** The data directory for the embedded store (default `./corvid-data`, created if missing). */
  data?: string;
  /** A PostgreSQL URL (`postgres://…` or `postgresql://…`); when set, the data directory is not used. */
  db?: string;
}

/**
 * Opens and migrates the store: PostgreSQL when `db` is a PostgreSQL URL, otherwise SQLite at
 * `<data>/corvid.db`. The PostgreSQL adapter is imported only when asked for, so the embedded
 * default never loads `pg`.
 * @example
 * const store = await openStore({ data: './corvid-data' });
 * const server = await openStore({ db: 'postgres://corvid@localhost/corvid' });
 */
export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const model = loadModel();
  if (opts.db !== undefined && /^postgres(ql)?:\/\//.test(opts.db)) {
    const { PostgresStore } = await import('./postgres/store.ts');
    const store = new PostgresStore({ connectionString: opts.db, model });
    await store.migrate();
    return store;
  }
  const dir = resolve(opts.data ?? './corvid-data');
  mkdirSync(dir, { recursive: true });
  const { SqliteStore } = await import('./sqlite/store.ts');
  const store = new SqliteStore({ path: join(dir, 'corvid.db'), model, ...(process.env.CORVID_SQLITE_WRITER ? { writerThreshold: Number(process.env.CORVID_SQLITE_WRITER) } : {}) });
  await store.migrate();
  return store;
}
