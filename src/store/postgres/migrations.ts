/** The PostgreSQL schema of a Corvid store: idempotent DDL, applied in one transaction under an advisory lock. */
import type { Db } from './sql.ts';

/**
 * Text columns that are sorted or compared use the "C" collation: byte order, the same as SQLite's
 * BINARY and JavaScript's default sort, whatever the database's locale, so both backends page alike.
 * Timestamps stay ISO 8601 text, so they round-trip byte for byte and compare lexicographically.
 */
const DDL: readonly string[] = [
  // Trusted extension (PG 13+); installed once per database, in public, so dropping a store's schema never drops it.
  `CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`,
  `CREATE TABLE IF NOT EXISTS datasets (
    name text PRIMARY KEY,
    title text NOT NULL,
    default_grading text NOT NULL,
    default_compartment text NOT NULL,
    default_tlp smallint NOT NULL,
    default_handling text NOT NULL,
    default_handling_note text NOT NULL,
    created_at text NOT NULL,
    created_by text NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS statements (
    id text COLLATE "C" PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    entity_id text COLLATE "C" NOT NULL,
    schema text COLLATE "C" NOT NULL,
    prop text COLLATE "C" NOT NULL,
    value text COLLATE "C" NOT NULL,
    original text NOT NULL,
    dataset text COLLATE "C" NOT NULL,
    source text NOT NULL,
    record text NOT NULL,
    first_seen text COLLATE "C" NOT NULL,
    last_seen text COLLATE "C" NOT NULL,
    grading text NOT NULL,
    compartment text COLLATE "C" NOT NULL,
    tlp smallint NOT NULL,
    handling text NOT NULL,
    handling_note text NOT NULL,
    importer text NOT NULL,
    is_ref boolean NOT NULL,
    search text
  )`,
  // (entity_id, id) serves entity look-ups and the keyset pagination of the iterators.
  `CREATE INDEX IF NOT EXISTS statements_entity_idx ON statements (entity_id, id)`,
  `CREATE INDEX IF NOT EXISTS statements_dataset_idx ON statements (dataset)`,
  // Reverse look-ups (getLinks): only entity references, whose values are short ids.
  `CREATE INDEX IF NOT EXISTS statements_ref_idx ON statements (value) WHERE is_ref`,
  // Search: trigrams of the normalised names and identifiers only (search is NULL for other types).
  `CREATE INDEX IF NOT EXISTS statements_search_idx ON statements USING gin (search gin_trgm_ops) WHERE search IS NOT NULL`,
  `CREATE TABLE IF NOT EXISTS audit (
    seq bigint PRIMARY KEY,
    at text NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    target text NOT NULL,
    detail text NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS audit_action_idx ON audit (action, seq)`,
  `CREATE INDEX IF NOT EXISTS audit_target_idx ON audit (target, seq)`,
  // The head: the last record's seq and hash, updated with every append, so a cut-off tail shows.
  `CREATE TABLE IF NOT EXISTS audit_head (
    id smallint PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL,
    hash text NOT NULL
  )`,
  `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '') ON CONFLICT (id) DO NOTHING`,
  `CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP USING ERRCODE = 'CV001';
  END $$`,
  `CREATE OR REPLACE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()`,
  `CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`,
  `CREATE TABLE IF NOT EXISTS jobs (
    id text PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    kind text NOT NULL,
    state text NOT NULL,
    params jsonb NOT NULL,
    progress jsonb NOT NULL,
    checkpoint jsonb NOT NULL,
    result jsonb NOT NULL,
    error text,
    cancel_requested boolean NOT NULL DEFAULT false,
    created_by text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    worker text
  )`,
  `CREATE INDEX IF NOT EXISTS jobs_queued_idx ON jobs (kind, seq) WHERE state = 'queued'`,
  `CREATE TABLE IF NOT EXISTS users (
    name text PRIMARY KEY,
    roles jsonb NOT NULL,
    compartments jsonb NOT NULL,
    tlp_ceiling smallint NOT NULL,
    password_hash text NOT NULL,
    created_at text NOT NULL,
    disabled boolean NOT NULL DEFAULT false
  )`,
  `CREATE TABLE IF NOT EXISTS tokens (
    token_hash text PRIMARY KEY,
    user_name text NOT NULL REFERENCES users (name),
    label text NOT NULL,
    created_at text NOT NULL,
    expires_at text,
    revoked boolean NOT NULL DEFAULT false
  )`,
  // Entity resolution (resolution.ts). Judgements are never deleted, only retracted; pairs are stored
  // ordered, and the CHECK compares in "C" (byte) order, as resolution-input.ts's idLess. Explanations and
  // state are JSON text rather than jsonb, so they come back exactly as written (jsonb reorders keys).
  `CREATE TABLE IF NOT EXISTS judgements (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    left_id text COLLATE "C" NOT NULL,
    right_id text COLLATE "C" NOT NULL,
    verdict text NOT NULL,
    judged_by text NOT NULL,
    actor text NOT NULL,
    rule text NOT NULL,
    score double precision,
    reason text NOT NULL,
    explanation text,
    run text COLLATE "C",
    created_at text NOT NULL,
    retracted_at text,
    retracted_by text,
    retract_reason text,
    CHECK (left_id < right_id)
  )`,
  `CREATE INDEX IF NOT EXISTS judgements_left_idx ON judgements (left_id)`,
  `CREATE INDEX IF NOT EXISTS judgements_right_idx ON judgements (right_id)`,
  `CREATE INDEX IF NOT EXISTS judgements_run_idx ON judgements (run) WHERE run IS NOT NULL`,
  `CREATE INDEX IF NOT EXISTS judgements_active_idx ON judgements (id) WHERE retracted_at IS NULL`,
  `CREATE TABLE IF NOT EXISTS review_candidates (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    left_id text COLLATE "C" NOT NULL,
    right_id text COLLATE "C" NOT NULL,
    probability double precision NOT NULL,
    priority double precision NOT NULL,
    explanation text NOT NULL,
    run text NOT NULL,
    status text NOT NULL,
    created_at text NOT NULL,
    decided_by text,
    decided_at text,
    judgement bigint,
    UNIQUE (left_id, right_id),
    CHECK (left_id < right_id)
  )`,
  `CREATE INDEX IF NOT EXISTS review_candidates_right_idx ON review_candidates (right_id)`,
  `CREATE INDEX IF NOT EXISTS review_candidates_queue_idx ON review_candidates (status, priority DESC)`,
  `CREATE TABLE IF NOT EXISTS resolve_fingerprints (
    scope text COLLATE "C" NOT NULL,
    entity_id text COLLATE "C" NOT NULL,
    fingerprint text NOT NULL,
    PRIMARY KEY (scope, entity_id)
  )`,
  `CREATE TABLE IF NOT EXISTS resolve_state (
    scope text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    value text NOT NULL,
    updated_at text NOT NULL,
    PRIMARY KEY (scope, key)
  )`,
  // Saved link charts (charts.ts). The case is a compartment ('' = personal); the state is the web UI's JSON as
  // text, returned as written; save_seq orders by last save.
  `CREATE SEQUENCE IF NOT EXISTS charts_save_seq`,
  `CREATE TABLE IF NOT EXISTS charts (
    id text COLLATE "C" PRIMARY KEY,
    name text NOT NULL,
    case_name text COLLATE "C" NOT NULL,
    state text NOT NULL,
    owner text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    saved_by text NOT NULL,
    save_seq bigint NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS charts_case_idx ON charts (case_name, save_seq)`,
  `CREATE INDEX IF NOT EXISTS charts_recent_idx ON charts (save_seq)`,
];

/** Creates or upgrades the store's schema. Idempotent, and safe when several processes migrate at once. */
export async function migrate(db: Db, schema: string): Promise<void> {
  await db.query('BEGIN');
  try {
    // One migration at a time per database: CREATE ... IF NOT EXISTS is not race-free on its own.
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('corvid.migrate'))`);
    await db.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    // The pool's search_path skipped the schema if it did not exist when the connection opened.
    await db.query(`SET LOCAL search_path TO "${schema}", public`);
    for (const sql of DDL) await db.query(sql);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
