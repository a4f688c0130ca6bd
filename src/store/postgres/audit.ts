/** The audit log in PostgreSQL: serialised, hash-chained appends; filtered listing; streaming verification. */
import { throwIfAborted } from '../../errors.ts';
import type { Context } from '../../model/context.ts';
import { auditHash, canonicalJson, verifyChain } from '../audit-chain.ts';
import type { AuditEvent, AuditFilter, AuditRecord, AuditVerification, JsonObject } from '../port.ts';
import { Params, type Db, type Row } from './sql.ts';

const COLUMNS = 'seq, at, actor, action, target, detail, prev_hash, hash';

function toRecord(r: Row): AuditRecord {
  return {
    seq: Number(r.seq),
    at: r.at as string,
    actor: r.actor as string,
    action: r.action as string,
    target: r.target as string,
    // The stored text is the canonical JSON that was hashed; parsing and re-canonicalising it gives the same bytes.
    detail: JSON.parse(r.detail as string) as JsonObject,
    prevHash: r.prev_hash as string,
    hash: r.hash as string,
  };
}

/**
 * Appends one record inside the caller's transaction. Locking the head row serialises appends across
 * connections and processes, so seq and prevHash always continue the chain; the head moves in the same
 * transaction, so a record removed from the end later shows as truncation.
 */
export async function appendAudit(db: Db, ctx: Context, event: AuditEvent): Promise<AuditRecord> {
  const head = (await db.query('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE')).rows[0];
  if (!head) throw new Error('audit_head is missing: run migrate()');
  const detail = event.detail ?? {};
  const base = {
    seq: Number(head.seq) + 1,
    at: new Date().toISOString(),
    actor: ctx.actor,
    action: event.action,
    target: event.target ?? '',
    detail: JSON.parse(canonicalJson(detail)) as JsonObject,
    prevHash: head.hash as string,
  };
  const record: AuditRecord = { ...base, hash: auditHash(base) };
  await db.query(`INSERT INTO audit (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
    record.seq,
    record.at,
    record.actor,
    record.action,
    record.target,
    canonicalJson(record.detail),
    record.prevHash,
    record.hash,
  ]);
  await db.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [record.seq, record.hash]);
  return record;
}

/** Records matching the filter, oldest first; at most `limit` (default 100, at most 10,000). */
export async function listAudit(db: Db, filter: AuditFilter): Promise<AuditRecord[]> {
  const p = new Params();
  const parts = ['true'];
  if (filter.action !== undefined) parts.push(`action = ${p.add(filter.action)}`);
  if (filter.actor !== undefined) parts.push(`actor = ${p.add(filter.actor)}`);
  if (filter.target !== undefined) parts.push(`target = ${p.add(filter.target)}`);
  if (filter.afterSeq !== undefined) parts.push(`seq > ${p.add(filter.afterSeq)}`);
  const limit = Math.min(Math.max(filter.limit ?? 100, 0), 10_000);
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM audit WHERE ${parts.join(' AND ')} ORDER BY seq LIMIT ${p.add(limit)}`, p.values);
  return rows.map(toRecord);
}

/**
 * Recomputes the chain from the first record, a page at a time, then checks the last record against
 * the head: a log whose tail was cut off verifies link by link, but no longer reaches the head.
 * Run it in one REPEATABLE READ transaction, so that pages and head belong to the same moment.
 */
export async function verifyAudit(db: Db, ctx: Context, pageSize = 1000): Promise<AuditVerification> {
  let prev: AuditRecord | null = null;
  let checked = 0;
  for (;;) {
    throwIfAborted(ctx.signal);
    const { rows } = await db.query(`SELECT ${COLUMNS} FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2`, [prev?.seq ?? 0, pageSize]);
    const result = verifyChain(rows.map(toRecord), prev);
    checked += result.checked;
    if (!result.ok) return { ok: false, checked, ...(result.broken ? { broken: result.broken } : {}) };
    prev = result.last;
    if (rows.length < pageSize) break;
  }
  const head = (await db.query('SELECT seq, hash FROM audit_head WHERE id = 1')).rows[0];
  const headSeq = Number(head?.seq ?? 0);
  const lastSeq = prev?.seq ?? 0;
  if (headSeq > lastSeq)
    return { ok: false, checked, broken: { seq: lastSeq + 1, reason: `the log ends at record ${lastSeq} but its head is record ${headSeq}: truncated` } };
  if (headSeq < lastSeq)
    return { ok: false, checked, broken: { seq: headSeq + 1, reason: `records after the head (record ${headSeq}) were added outside the store` } };
  if ((head?.hash ?? '') !== (prev?.hash ?? '')) return { ok: false, checked, broken: { seq: lastSeq, reason: 'the last record does not match the head' } };
  return { ok: true, checked };
}
