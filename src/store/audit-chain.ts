/** The audit log's hash chain, shared by every adapter: each record's hash covers the previous one's. */
import { createHash } from 'node:crypto';
import type { AuditRecord, AuditVerification } from './port.ts';

/** Canonical JSON: object keys sorted, so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of a record: SHA-256 over the previous hash and the record's canonical fields. */
export function auditHash(r: Omit<AuditRecord, 'hash'>): string {
  const body = canonicalJson({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, target: r.target, detail: r.detail });
  return createHash('sha256').update(r.prevHash).update('\n').update(body).digest('hex');
}

/**
 * Verifies a run of records in sequence order, continuing from `prev` (the record before the run,
 * or null at the start of the log). Returns the first break with its reason.
 */
export function verifyChain(records: readonly AuditRecord[], prev: AuditRecord | null): AuditVerification & { last: AuditRecord | null } {
  let last = prev;
  let checked = 0;
  for (const r of records) {
    const expectedSeq = last ? last.seq + 1 : 1;
    if (r.seq !== expectedSeq) return { ok: false, checked, broken: { seq: r.seq, reason: `record ${expectedSeq} is missing` }, last };
    const expectedPrev = last ? last.hash : '';
    if (r.prevHash !== expectedPrev) return { ok: false, checked, broken: { seq: r.seq, reason: 'link to the previous record does not match' }, last };
    if (auditHash(r) !== r.hash) return { ok: false, checked, broken: { seq: r.seq, reason: 'record content does not match its hash' }, last };
    last = r;
    checked++;
  }
  return { ok: true, checked, last };
}
