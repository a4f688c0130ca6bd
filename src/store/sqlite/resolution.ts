/** SQLite entity-resolution records: judgements, the review queue, fingerprints and resolver state, with pair visibility in SQL. */
import { NotFoundError, throwIfAborted, ValidationError } from '../../errors.ts';
import type { Context } from '../../model/context.ts';
import type { AuditEvent, JsonValue, Judgement, JudgementFilter, JudgementInit, ReviewCandidate, ReviewCandidateFilter, ReviewCandidateInit } from '../port.ts';
import {
  candidateRows,
  checkName,
  checkRetraction,
  checkStatusChange,
  fingerprintRows,
  judgementRow,
  pageNumber,
  pairIds,
  seesAll,
  type JudgementRow,
} from '../resolution-input.ts';
import { appendAuditIn } from './audit.ts';
import { and, inList, now, prep, visibleSql, type Db, type Params } from './sql.ts';

type JudgementDbRow = {
  id: number;
  left_id: string;
  right_id: string;
  verdict: Judgement['verdict'];
  judged_by: Judgement['by'];
  actor: string;
  rule: string;
  score: number | null;
  reason: string;
  explanation: string | null;
  run: string | null;
  created_at: string;
  retracted_at: string | null;
  retracted_by: string | null;
  retract_reason: string | null;
};
type CandidateDbRow = {
  id: number;
  left_id: string;
  right_id: string;
  probability: number;
  priority: number;
  explanation: string;
  run: string;
  status: ReviewCandidate['status'];
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  judgement: number | null;
};

function judgementFromRow(r: JudgementDbRow): Judgement {
  return {
    id: r.id,
    left: r.left_id,
    right: r.right_id,
    verdict: r.verdict,
    by: r.judged_by,
    actor: r.actor,
    rule: r.rule,
    score: r.score,
    reason: r.reason,
    explanation: r.explanation === null ? null : (JSON.parse(r.explanation) as JsonValue),
    run: r.run,
    createdAt: r.created_at,
    retractedAt: r.retracted_at,
    retractedBy: r.retracted_by,
    retractReason: r.retract_reason,
  };
}

function candidateFromRow(r: CandidateDbRow): ReviewCandidate {
  return {
    id: r.id,
    left: r.left_id,
    right: r.right_id,
    probability: r.probability,
    priority: r.priority,
    explanation: JSON.parse(r.explanation) as JsonValue,
    run: r.run,
    status: r.status,
    createdAt: r.created_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    judgement: r.judgement,
  };
}

// Visibility ------------------------------------------------------------------------------------

/** The entity in column `col` has a statement the caller may see. */
function entityVisible(ctx: Context, params: Params, col: string): string {
  return `EXISTS (SELECT 1 FROM entity ve CROSS JOIN statement vs ON vs.entity_no = ve.no WHERE ve.id = ${col} AND ${visibleSql(ctx, params, 'vs')})`;
}

/** Both entities of the pair row `alias` are visible; null when the caller sees everything. */
function pairVisible(ctx: Context, params: Params, alias: string): string | null {
  if (seesAll(ctx)) return null;
  return `${entityVisible(ctx, params, `${alias}.left_id`)} AND ${entityVisible(ctx, params, `${alias}.right_id`)}`;
}

/** Refuses a write about an entity the caller cannot see (or that does not exist): the same answer for both, so nothing leaks. */
function requireVisible(db: Db, ctx: Context, ids: readonly string[]): void {
  if (seesAll(ctx) || ids.length === 0) return;
  const params: Params = { ids: JSON.stringify(ids) };
  const hidden = prep(db, `SELECT w.value FROM json_each(@ids) AS w WHERE NOT ${entityVisible(ctx, params, 'w.value')} LIMIT 1`)
    .pluck()
    .get(params) as string | undefined;
  if (hidden !== undefined) throw new NotFoundError('entity', hidden);
}

// Judgements ------------------------------------------------------------------------------------

const INSERT_JUDGEMENT = `INSERT INTO judgement (left_id, right_id, verdict, judged_by, actor, rule, score, reason, explanation, run, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Writes validated rows and the audit event in one IMMEDIATE transaction; returns the first new id. */
function insertJudgements(db: Db, ctx: Context, rows: readonly JudgementRow[], audit: AuditEvent | undefined): number {
  return db
    .transaction((): number => {
      requireVisible(db, ctx, pairIds(rows));
      const insert = prep(db, INSERT_JUDGEMENT);
      const at = now();
      let first = 0;
      for (const r of rows) {
        const id = Number(insert.run(r.left, r.right, r.verdict, r.by, ctx.actor, r.rule, r.score, r.reason, r.explanation, r.run, at).lastInsertRowid);
        if (first === 0) first = id;
      }
      if (audit) appendAuditIn(db, ctx, audit);
      return first;
    })
    .immediate();
}

/** Bulk path: one prepared statement in one transaction; every row is validated before any is written. */
export function addJudgements(db: Db, ctx: Context, items: readonly JudgementInit[], audit?: AuditEvent): number {
  const rows = items.map(judgementRow);
  insertJudgements(db, ctx, rows, audit);
  return rows.length;
}

export function addJudgement(db: Db, ctx: Context, item: JudgementInit, audit?: AuditEvent): Judgement {
  const id = insertJudgements(db, ctx, [judgementRow(item)], audit);
  return judgementFromRow(prep(db, 'SELECT * FROM judgement WHERE id = ?').get(id) as JudgementDbRow);
}

function judgementWhere(ctx: Context, f: Omit<JudgementFilter, 'afterId' | 'limit'>, params: Params): string {
  const ids = inList('j.left_id', 'f_ids', f.entityIds, params);
  const conds = [
    ids === null ? null : `(${ids} OR j.right_id IN (SELECT value FROM json_each(@f_ids)))`,
    f.run === undefined ? null : 'j.run = @f_run',
    f.verdict === undefined ? null : 'j.verdict = @f_verdict',
    f.by === undefined ? null : 'j.judged_by = @f_by',
    f.active === undefined ? null : f.active ? 'j.retracted_at IS NULL' : 'j.retracted_at IS NOT NULL',
    pairVisible(ctx, params, 'j'),
  ];
  if (f.run !== undefined) params.f_run = f.run;
  if (f.verdict !== undefined) params.f_verdict = f.verdict;
  if (f.by !== undefined) params.f_by = f.by;
  return and(conds);
}

function judgementPage(db: Db, ctx: Context, f: Omit<JudgementFilter, 'afterId' | 'limit'>, afterId: number, limit: number): Judgement[] {
  const params: Params = { after: afterId, limit };
  const sql = `SELECT j.* FROM judgement j WHERE j.id > @after AND ${judgementWhere(ctx, f, params)} ORDER BY j.id LIMIT @limit`;
  return (prep(db, sql).all(params) as JudgementDbRow[]).map(judgementFromRow);
}

export function listJudgements(db: Db, ctx: Context, f: JudgementFilter = {}): Judgement[] {
  return judgementPage(db, ctx, f, f.afterId ?? 0, pageNumber(f.limit, 'limit', 1000));
}

/** Keyset pages by id, so each batch is a range of the primary key however deep the iteration goes. */
export async function* iterateJudgements(db: Db, ctx: Context, f: Omit<JudgementFilter, 'afterId' | 'limit'>, batchSize = 10_000): AsyncGenerator<Judgement[]> {
  const n = Math.max(1, Math.floor(batchSize));
  let after = 0;
  for (;;) {
    throwIfAborted(ctx.signal);
    const page = judgementPage(db, ctx, f, after, n);
    if (page.length === 0) return;
    after = (page[page.length - 1] as Judgement).id;
    yield page;
    if (page.length < n) return;
    await Promise.resolve(); // let other work (and an abort) in between batches
  }
}

/** Fills the retracted_* columns of the caller's visible, active judgements in the target, with one `resolve.undo` audit record. */
export function retractJudgements(db: Db, ctx: Context, target: { ids?: readonly number[]; run?: string }, reason: string): Judgement[] {
  const { ids, run } = checkRetraction(target, reason);
  return db
    .transaction((): Judgement[] => {
      const params: Params = { at: now(), by: ctx.actor, reason };
      const conds = [
        'j.retracted_at IS NULL',
        ids === null ? null : 'j.id IN (SELECT value FROM json_each(@ids))',
        run === null ? null : 'j.run = @run',
        pairVisible(ctx, params, 'j'),
      ];
      if (ids !== null) params.ids = JSON.stringify(ids);
      if (run !== null) params.run = run;
      const sql = `UPDATE judgement AS j SET retracted_at = @at, retracted_by = @by, retract_reason = @reason WHERE ${and(conds)} RETURNING *`;
      const done = (prep(db, sql).all(params) as JudgementDbRow[]).map(judgementFromRow).sort((a, b) => a.id - b.id);
      const detail = { ids: done.map((j) => j.id), reason, ...(run === null ? {} : { run }) };
      if (done.length > 0) appendAuditIn(db, ctx, { action: 'resolve.undo', target: run ?? '', detail });
      return done;
    })
    .immediate();
}

// Review queue ----------------------------------------------------------------------------------

const UPSERT_CANDIDATE = `INSERT INTO review_candidate (left_id, right_id, probability, priority, explanation, run, status, created_at)
  VALUES (?, ?, ?, ?, ?, ?, 'open', ?)
  ON CONFLICT (left_id, right_id) DO UPDATE SET probability = excluded.probability, priority = excluded.priority, explanation = excluded.explanation,
    run = excluded.run, status = 'open', decided_by = NULL, decided_at = NULL, judgement = NULL
  WHERE review_candidate.status <> 'decided'`;

export function putReviewCandidates(db: Db, ctx: Context, run: string, items: readonly ReviewCandidateInit[]): number {
  checkName(run, 'run');
  const rows = candidateRows(items);
  return db
    .transaction((): number => {
      requireVisible(db, ctx, pairIds(rows));
      const upsert = prep(db, UPSERT_CANDIDATE);
      const at = now();
      let written = 0;
      for (const r of rows) written += upsert.run(r.left, r.right, r.probability, r.priority, r.explanation, run, at).changes;
      return written;
    })
    .immediate();
}

export function listReviewCandidates(db: Db, ctx: Context, f: ReviewCandidateFilter = {}): ReviewCandidate[] {
  const params: Params = { limit: pageNumber(f.limit, 'limit', 1000, 10_000), offset: pageNumber(f.offset, 'offset', 0) };
  const conds = [
    f.status === undefined ? null : 'c.status = @status',
    f.entityId === undefined ? null : '(c.left_id = @eid OR c.right_id = @eid)',
    pairVisible(ctx, params, 'c'),
  ];
  if (f.status !== undefined) params.status = f.status;
  if (f.entityId !== undefined) params.eid = f.entityId;
  const sql = `SELECT c.* FROM review_candidate c WHERE ${and(conds)} ORDER BY c.priority DESC, c.id LIMIT @limit OFFSET @offset`;
  return (prep(db, sql).all(params) as CandidateDbRow[]).map(candidateFromRow);
}

export function getReviewCandidate(db: Db, ctx: Context, id: number): ReviewCandidate | null {
  const params: Params = { id };
  const r = prep(db, `SELECT c.* FROM review_candidate c WHERE c.id = @id AND ${and([pairVisible(ctx, params, 'c')])}`).get(params) as
    CandidateDbRow | undefined;
  return r ? candidateFromRow(r) : null;
}

export function setReviewCandidateStatus(db: Db, ctx: Context, id: number, status: ReviewCandidate['status'], judgement: number | null): void {
  checkStatusChange(status, judgement);
  db.transaction(() => {
    const c = getReviewCandidate(db, ctx, id);
    if (!c) throw new NotFoundError('review candidate', String(id));
    if (status === 'decided') {
      const j = prep(db, 'SELECT * FROM judgement WHERE id = ?').get(judgement) as JudgementDbRow | undefined;
      if (!j) throw new NotFoundError('judgement', String(judgement));
      if (j.left_id !== c.left || j.right_id !== c.right || j.retracted_at !== null) {
        throw new ValidationError('CORVID_ERR_VALIDATION', 'a candidate is decided by an active judgement about the same pair', { candidate: id, judgement });
      }
    }
    const decided = status === 'decided';
    prep(db, 'UPDATE review_candidate SET status = ?, judgement = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(
      status,
      judgement,
      decided ? ctx.actor : null,
      decided ? now() : null,
      id,
    );
  }).immediate();
}

// Fingerprints and state ------------------------------------------------------------------------

export function putFingerprints(db: Db, scope: string, entries: readonly (readonly [string, string])[]): void {
  checkName(scope, 'scope');
  const rows = fingerprintRows(entries);
  db.transaction(() => {
    const upsert = prep(
      db,
      `INSERT INTO resolve_fingerprint (scope, entity_id, fingerprint) VALUES (?, ?, ?)
      ON CONFLICT (scope, entity_id) DO UPDATE SET fingerprint = excluded.fingerprint`,
    );
    for (const [id, fp] of rows) upsert.run(scope, id, fp);
  }).immediate();
}

export async function* iterateFingerprints(db: Db, ctx: Context, scope: string, batchSize = 10_000): AsyncGenerator<(readonly [string, string])[]> {
  const n = Math.max(1, Math.floor(batchSize));
  const page = prep(db, 'SELECT entity_id, fingerprint FROM resolve_fingerprint WHERE scope = ? AND entity_id > ? ORDER BY entity_id LIMIT ?').raw(true);
  let after = '';
  for (;;) {
    throwIfAborted(ctx.signal);
    const rows = page.all(scope, after, n) as [string, string][];
    if (rows.length === 0) return;
    after = (rows[rows.length - 1] as [string, string])[0];
    yield rows;
    if (rows.length < n) return;
    await Promise.resolve();
  }
}

export function deleteFingerprints(db: Db, scope: string, entityIds: readonly string[]): void {
  prep(db, 'DELETE FROM resolve_fingerprint WHERE scope = ? AND entity_id IN (SELECT value FROM json_each(?))').run(scope, JSON.stringify(entityIds));
}

export function getResolveState(db: Db, scope: string, key: string): JsonValue | null {
  const v = prep(db, 'SELECT value FROM resolve_state WHERE scope = ? AND key = ?').pluck().get(scope, key) as string | undefined;
  return v === undefined ? null : (JSON.parse(v) as JsonValue);
}

export function putResolveState(db: Db, scope: string, key: string, value: JsonValue): void {
  checkName(scope, 'scope');
  checkName(key, 'key');
  prep(
    db,
    `INSERT INTO resolve_state (scope, key, value, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(scope, key, JSON.stringify(value ?? null), now());
}
