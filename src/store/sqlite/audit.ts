/** The SQLite audit log: append-only (guarded by triggers), hash-chained, with a head row that shows truncation. */
import type { Context } from '../../model/context.ts';
import { auditHash, verifyChain } from '../audit-chain.ts';
import type { AuditEvent, AuditFilter, AuditRecord, AuditVerification, JsonObject } from '../port.ts';
import { and, now, prep, type Db, type Params } from './sql.ts';

type AuditRow = { seq: number; at: string; actor: string; action: string; target: string; detail: string; prev_hash: string; hash: string };

function fromRow(r: AuditRow): AuditRecord {
  return { seq: r.seq, at: r.at, actor: r.actor, action: r.action, target: r.target, detail: JSON.parse(r.detail) as JsonObject, prevHash: r.prev_hash, hash: r.hash };
}

/**
 * Appends one record inside the caller's transaction (or a savepoint of it): reads the head, chains the
 * hash, writes the record and moves the head. Use it from other writes so the change and its audit
 * record commit together.
 */
export function appendAuditIn(db: Db, ctx: Context, event: AuditEvent): AuditRecord {
  const head = prep(db, 'SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  const seq = (head?.seq ?? 0) + 1;
  const body = { seq, at: now(), actor: ctx.actor, action: event.action, target: event.target ?? '', detail: event.detail ?? {}, prevHash: head?.hash ?? '' };
  const record: AuditRecord = { ...body, hash: auditHash(body) };
  prep(db, 'INSERT INTO audit (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(record.seq, record.at, record.actor, record.action, record.target, JSON.stringify(record.detail), record.prevHash, record.hash);
  prep(db, 'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash')
    .run(record.seq, record.hash);
  return record;
}

/** Appends a record in its own IMMEDIATE transaction, so concurrent writers cannot fork the chain. */
export function appendAudit(db: Db, ctx: Context, event: AuditEvent): AuditRecord {
  return db.transaction(() => appendAuditIn(db, ctx, event)).immediate();
}

/** Records in sequence order, filtered; at most `limit` (default 100, at most 10,000). */
export function listAudit(db: Db, filter: AuditFilter = {}): AuditRecord[] {
  const params: Params = { after: filter.afterSeq ?? 0, limit: Math.min(Math.max(filter.limit ?? 100, 0), 10_000) };
  const conds = ['seq > @after'];
  for (const key of ['action', 'actor', 'target'] as const) {
    const v = filter[key];
    if (v !== undefined) {
      conds.push(`${key} = @${key}`);
      params[key] = v;
    }
  }
  const rows = prep(db, `SELECT * FROM audit WHERE ${and(conds)} ORDER BY seq LIMIT @limit`).all(params) as AuditRow[];
  return rows.map(fromRow);
}

/**
 * Streams every record in sequence order through the chain check, then compares the last record with
 * the head row: a log whose tail was cut off still chains, but no longer reaches the head.
 */
export function verifyAudit(db: Db): AuditVerification {
  const page = prep(db, 'SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT 1000');
  let prev: AuditRecord | null = null;
  let checked = 0;
  for (;;) {
    const raw = page.all(prev?.seq ?? 0) as AuditRow[];
    if (raw.length === 0) break;
    const rows: AuditRecord[] = [];
    for (const r of raw) {
      try {
        rows.push(fromRow(r));
      } catch {
        // A detail that no longer parses was edited outside the store; check the records before it first.
        const v = verifyChain(rows, prev);
        if (!v.ok) return { ok: false, checked: checked + v.checked, ...(v.broken ? { broken: v.broken } : {}) };
        return { ok: false, checked: checked + v.checked, broken: { seq: r.seq, reason: 'record detail is not valid JSON' } };
      }
    }
    const v = verifyChain(rows, prev);
    checked += v.checked;
    if (!v.ok) return { ok: false, checked, ...(v.broken ? { broken: v.broken } : {}) };
    prev = v.last;
  }
  const head = prep(db, 'SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  const lastSeq = prev?.seq ?? 0;
  if ((head?.seq ?? 0) > lastSeq) {
    return { ok: false, checked, broken: { seq: lastSeq + 1, reason: `the log ends at record ${lastSeq} but its head is record ${head?.seq}: records were removed` } };
  }
  if (head && (head.seq !== lastSeq || head.hash !== prev?.hash)) {
    return { ok: false, checked, broken: { seq: lastSeq, reason: 'the last record does not match the head' } };
  }
  return { ok: true, checked };
}
