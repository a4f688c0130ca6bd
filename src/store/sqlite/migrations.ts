/** The SQLite schema, as numbered migrations tracked in `PRAGMA user_version`. */
import { CorvidError } from '../../errors.ts';
import type { Db } from './sql.ts';

/**
 * Each entry upgrades the schema by one version; never edit a released entry, append a new one.
 *
 * Statements are laid out for the bulk write path (see write.ts): what a whole import shares
 * (dataset, source, grading, handling, importer) is one `provenance` row, and entity ids are numbered
 * once in `entity`, so a statement row carries two small integers instead of eight strings, and the
 * one unique index, `(entity_no, id)`, grows at its end while an import adds new entities instead of
 * taking random inserts (statement ids are hashes). The id includes the entity id, so unique per entity
 * is unique. Dataset filters are ranges on `entity.id` (`<dataset>.` prefixes); rowids key the FTS
 * index and keep insertion order.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE provenance (
    id INTEGER PRIMARY KEY, dataset TEXT NOT NULL, source TEXT NOT NULL, grading TEXT NOT NULL, compartment TEXT NOT NULL,
    tlp INTEGER NOT NULL, handling TEXT NOT NULL, handling_note TEXT NOT NULL, importer TEXT NOT NULL
  );
  CREATE UNIQUE INDEX provenance_key ON provenance (dataset, source, grading, compartment, tlp, handling, handling_note, importer);
  CREATE TABLE entity (no INTEGER PRIMARY KEY, id TEXT NOT NULL);
  CREATE UNIQUE INDEX entity_id ON entity (id);
  CREATE TABLE statement (
    id TEXT NOT NULL, entity_no INTEGER NOT NULL, schema TEXT NOT NULL, prop TEXT NOT NULL, value TEXT NOT NULL,
    original TEXT NOT NULL, record TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
    prov_id INTEGER NOT NULL, is_ref INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX statement_key ON statement (entity_no, id);
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
  // 2: entity resolution (resolution.ts). Judgements are never deleted, only retracted; pairs are stored
  // ordered (the CHECK uses BINARY, i.e. UTF-8 byte order, as resolution-input.ts's idLess). Explanations
  // and state are JSON text, returned as written.
  `
  CREATE TABLE judgement (
    id INTEGER PRIMARY KEY, left_id TEXT NOT NULL, right_id TEXT NOT NULL, verdict TEXT NOT NULL, judged_by TEXT NOT NULL,
    actor TEXT NOT NULL, rule TEXT NOT NULL, score REAL, reason TEXT NOT NULL, explanation TEXT, run TEXT, created_at TEXT NOT NULL,
    retracted_at TEXT, retracted_by TEXT, retract_reason TEXT,
    CHECK (left_id < right_id)
  );
  CREATE INDEX judgement_left ON judgement (left_id);
  CREATE INDEX judgement_right ON judgement (right_id);
  CREATE INDEX judgement_run ON judgement (run) WHERE run IS NOT NULL;
  CREATE INDEX judgement_active ON judgement (id) WHERE retracted_at IS NULL;

  CREATE TABLE review_candidate (
    id INTEGER PRIMARY KEY, left_id TEXT NOT NULL, right_id TEXT NOT NULL, probability REAL NOT NULL, priority REAL NOT NULL,
    explanation TEXT NOT NULL, run TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL,
    decided_by TEXT, decided_at TEXT, judgement INTEGER,
    CHECK (left_id < right_id)
  );
  CREATE UNIQUE INDEX review_candidate_pair ON review_candidate (left_id, right_id);
  CREATE INDEX review_candidate_right ON review_candidate (right_id);
  CREATE INDEX review_candidate_queue ON review_candidate (status, priority DESC);

  CREATE TABLE resolve_fingerprint (
    scope TEXT NOT NULL, entity_id TEXT NOT NULL, fingerprint TEXT NOT NULL, PRIMARY KEY (scope, entity_id)
  ) WITHOUT ROWID;
  CREATE TABLE resolve_state (
    scope TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (scope, key)
  ) WITHOUT ROWID;
  `,
  // 3: saved link charts (charts.ts). The case is a compartment ('' = personal); the state is the web UI's JSON,
  // returned as written; save_seq orders by last save.
  `
  CREATE TABLE chart (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, case_name TEXT NOT NULL, state TEXT NOT NULL, owner TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, saved_by TEXT NOT NULL, save_seq INTEGER NOT NULL
  );
  CREATE INDEX chart_case ON chart (case_name, save_seq);
  CREATE INDEX chart_recent ON chart (save_seq);
  `,
];

/**
 * Applies the migrations the file has not seen yet, each in its own IMMEDIATE transaction that re-reads
 * the version, so two processes opening the same file at once do not both apply one. Idempotent.
 */
export function migrate(db: Db): void {
  refusePreRelease(db);
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

/**
 * Files written before the statement layout above (a `dataset` column on `statement`) were never
 * released; they are refused with a clear error rather than half-read.
 */
function refusePreRelease(db: Db): void {
  const old = db.prepare(`SELECT 1 FROM pragma_table_info('statement') WHERE name = 'dataset'`).pluck().get();
  if (old !== undefined) {
    throw new CorvidError('CORVID_ERR_STORE_UNAVAILABLE', `${db.name} uses a pre-release statement layout; move it aside and import again`, { file: db.name });
  }
}
