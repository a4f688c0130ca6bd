/** The SQLite schema, as numbered migrations tracked in `PRAGMA user_version`. */
import type { Db } from './sql.ts';

/**
 * Each entry upgrades the schema by one version; never edit a released entry, append a new one.
 * Statements: a rowid table (rowids key the FTS index) with a unique index on the statement id.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE statement (
    id TEXT NOT NULL, entity_id TEXT NOT NULL, schema TEXT NOT NULL, prop TEXT NOT NULL, value TEXT NOT NULL,
    original TEXT NOT NULL, dataset TEXT NOT NULL, source TEXT NOT NULL, record TEXT NOT NULL,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, grading TEXT NOT NULL, compartment TEXT NOT NULL,
    tlp INTEGER NOT NULL, handling TEXT NOT NULL, handling_note TEXT NOT NULL, importer TEXT NOT NULL,
    is_ref INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX statement_id ON statement (id);
  CREATE INDEX statement_entity ON statement (entity_id);
  CREATE INDEX statement_dataset ON statement (dataset);
  CREATE INDEX statement_ref ON statement (value) WHERE is_ref = 1;

  -- Normalised searchable values, keyed by the statement's rowid; contentless, deletable.
  CREATE VIRTUAL TABLE search_fts USING fts5 (norm, tokenize = 'trigram', content = '', contentless_delete = 1);

  CREATE TABLE dataset (
    name TEXT PRIMARY KEY, title TEXT NOT NULL, default_grading TEXT NOT NULL, default_compartment TEXT NOT NULL,
    default_tlp INTEGER NOT NULL, default_handling TEXT NOT NULL, default_handling_note TEXT NOT NULL,
    created_at TEXT NOT NULL, created_by TEXT NOT NULL
  );

  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
    detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
  );
  CREATE INDEX audit_action ON audit (action);
  CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'CORVID_ERR_STORE_AUDIT_APPEND_ONLY: the audit log is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'CORVID_ERR_STORE_AUDIT_APPEND_ONLY: the audit log is append-only'); END;

  CREATE TABLE job (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, state TEXT NOT NULL,
    params TEXT NOT NULL, progress TEXT NOT NULL, checkpoint TEXT NOT NULL, result TEXT NOT NULL, error TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0, created_by TEXT NOT NULL, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, worker TEXT
  );
  CREATE INDEX job_queue ON job (state, kind, seq);

  CREATE TABLE users (
    name TEXT PRIMARY KEY, roles TEXT NOT NULL, compartments TEXT NOT NULL, tlp_ceiling INTEGER NOT NULL,
    password_hash TEXT NOT NULL, created_at TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE api_token (
    token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL REFERENCES users (name), label TEXT NOT NULL,
    created_at TEXT NOT NULL, expires_at TEXT, revoked INTEGER NOT NULL DEFAULT 0
  );
  `,
];

/**
 * Applies the migrations the file has not seen yet, each in its own IMMEDIATE transaction that re-reads
 * the version, so two processes opening the same file at once do not both apply one. Idempotent.
 */
export function migrate(db: Db): void {
  const step = db.transaction((): boolean => {
    const v = db.pragma('user_version', { simple: true }) as number;
    const sql = MIGRATIONS[v];
    if (sql === undefined) return false;
    db.exec(sql);
    db.pragma(`user_version = ${v + 1}`);
    return true;
  });
  while (step.immediate()) {
    // one migration per transaction
  }
}
