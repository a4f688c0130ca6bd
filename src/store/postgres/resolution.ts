/** PostgreSQL entity-resolution records: judgements, the review queue, fingerprints and resolver state, with pair visibility in SQL. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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
import { appendAudit } from './audit.ts';
import { now, Params, visible, type Db, type Row } from './sql.ts';

/** Rows per multi-row INSERT (candidates, fingerprints): big enough to amortise the round trip, small enough for modest array parameters. */
const CHUNK = 20_000;

function judgementFromRow(r: Row): Judgement {
  const explanation = r.explanation as string | null;
  return {
    id: Number(r.id),
    left: r.left_id as string,
    right: r.right_id as string,
    verdict: r.verdict as Judgement['verdict'],
    by: r.judged_by as Judgement['by'],
    actor: r.actor as string,
    rule: r.rule as string,
    score: (r.score as number | null) ?? null,
    reason: r.reason as string,
    explanation: explanation === null ? null : (JSON.parse(explanation) as JsonValue),
    run: (r.run as string | null) ?? null,
    createdAt: r.created_at as string,
    retractedAt: (r.retracted_at as string | null) ?? null,
    retractedBy: (r.retracted_by as string | null) ?? null,
    retractReason: (r.retract_reason as string | null) ?? null,
  };
}

function candidateFromRow(r: Row): ReviewCandidate {
  return {
    id: Number(r.id),
    left: r.left_id as string,
    right: r.right_id as string,
    probability: r.probability as number,
    priority: r.priority as number,
    explanation: JSON.parse(r.explanation as string) as JsonValue,
    run: r.run as string,
    status: r.status as ReviewCandidate['status'],
    createdAt: r.created_at as string,
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedAt: (r.decided_at as string | null) ?? null,
    judgement: r.judgement === null || r.judgement === undefined ? null : Number(r.judgement),
  };
}

// Visibility ------------------------------------------------------------------------------------

/** The entity in column `col` has a statement the caller may see (statements_entity_idx serves the probe). */
function entityVisible(ctx: Context, p: Params, col: string): string {
  return `EXISTS (SELECT 1 FROM statements vs WHERE vs.entity_id = ${col} AND ${visible(ctx, p)})`;
}

/** Both entities of the pair row `alias` are visible; null when the caller sees everything. */
function pairVisible(ctx: Context, p: Params, alias: string): string | null {
  if (seesAll(ctx)) return null;
  return `${entityVisible(ctx, p, `${alias}.left_id`)} AND ${entityVisible(ctx, p, `${alias}.right_id`)}`;
}

/** Refuses a write about an entity the caller cannot see (or that does not exist): the same answer for both, so nothing leaks. */
async function requireVisible(db: Db, ctx: Context, ids: readonly string[]): Promise<void> {
  if (seesAll(ctx) || ids.length === 0) return;
  const p = new Params();
  const list = p.add([...ids]);
  const { rows } = await db.query(`SELECT w.id FROM unnest(${list}::text[]) AS w(id) WHERE NOT ${entityVisible(ctx, p, 'w.id')} LIMIT 1`, p.values);
  if (rows[0]) throw new NotFoundError('entity', rows[0].id as string);
}

const where = (conds: readonly (string | null)[]): string => conds.filter((c): c is string => c !== null).join(' AND ') || 'true';

// Judgements ------------------------------------------------------------------------------------

const JUDGEMENT_COLUMNS = 'left_id, right_id, verdict, judged_by, actor, rule, score, reason, explanation, run, created_at';

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A field in COPY's text format; null is `\N`. */
function field(s: string | null): string {
  if (s === null) return '\\N';
  return COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIAL_ALL, (ch) => COPY_ESCAPES[ch] as string) : s;
}

/** The rows as COPY text in JUDGEMENT_COLUMNS order, a few thousand rows a chunk (a stream write per row would dominate). */
function* copyText(rows: readonly JudgementRow[], actor: string, at: string): Generator<string> {
  const by = field(actor);
  let buf = '';
  let n = 0;
  for (const r of rows) {
    buf +=
      `${field(r.left)}\t${field(r.right)}\t${r.verdict}\t${r.by}\t${by}\t${field(r.rule)}\t${r.score === null ? '\\N' : String(r.score)}\t` +
      `${field(r.reason)}\t${field(r.explanation)}\t${field(r.run)}\t${at}\n`;
    if (++n % 2000 === 0) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/**
 * Bulk path, inside the caller's transaction: every row is validated first, then COPY straight into the
 * table (new rows only, nothing to merge), in the order given so ids follow it; then the audit event.
 */
export async function addJudgements(client: PoolClient, ctx: Context, items: readonly JudgementInit[], audit?: AuditEvent): Promise<number> {
  const rows = items.map(judgementRow);
  await requireVisible(client, ctx, pairIds(rows));
  if (rows.length > 0) {
    const copy = client.query(copyFrom(`COPY judgements (${JUDGEMENT_COLUMNS}) FROM STDIN`));
    await pipeline(Readable.from(copyText(rows, ctx.actor, now())), copy);
  }
  if (audit) await appendAudit(client, ctx, audit);
  return rows.length;
}

/** One judgement with the audit event, inside the caller's transaction; returns the stored row. */
export async function addJudgement(db: Db, ctx: Context, item: JudgementInit, audit?: AuditEvent): Promise<Judgement> {
  const r = judgementRow(item);
  await requireVisible(db, ctx, pairIds([r]));
  const { rows } = await db.query(`INSERT INTO judgements (${JUDGEMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`, [
    r.left,
    r.right,
    r.verdict,
    r.by,
    ctx.actor,
    r.rule,
    r.score,
    r.reason,
    r.explanation,
    r.run,
    now(),
  ]);
  if (audit) await appendAudit(db, ctx, audit);
  return judgementFromRow(rows[0] as Row);
}

function judgementWhere(ctx: Context, f: Omit<JudgementFilter, 'afterId' | 'limit'>, p: Params): string {
  let ids: string | null = null;
  if (f.entityIds !== undefined) {
    const list = p.add([...f.entityIds]);
    ids = `(j.left_id = ANY(${list}::text[]) OR j.right_id = ANY(${list}::text[]))`;
  }
  return where([
    ids,
    f.run === undefined ? null : `j.run = ${p.add(f.run)}`,
    f.verdict === undefined ? null : `j.verdict = ${p.add(f.verdict)}`,
    f.by === undefined ? null : `j.judged_by = ${p.add(f.by)}`,
    f.active === undefined ? null : f.active ? 'j.retracted_at IS NULL' : 'j.retracted_at IS NOT NULL',
    pairVisible(ctx, p, 'j'),
  ]);
}

async function judgementPage(db: Db, ctx: Context, f: Omit<JudgementFilter, 'afterId' | 'limit'>, afterId: number, limit: number): Promise<Judgement[]> {
  const p = new Params();
  const sql = `SELECT j.* FROM judgements j WHERE j.id > ${p.add(afterId)} AND ${judgementWhere(ctx, f, p)} ORDER BY j.id LIMIT ${p.add(limit)}`;
  return (await db.query(sql, p.values)).rows.map(judgementFromRow);
}

export function listJudgements(db: Db, ctx: Context, f: JudgementFilter = {}): Promise<Judgement[]> {
  return judgementPage(db, ctx, f, f.afterId ?? 0, pageNumber(f.limit, 'limit', 1000));
}

/** Keyset pages by id; each page is its own query on the pool, so a slow consumer holds no connection between pages. */
export async function* iterateJudgements(db: Db, ctx: Context, f: Omit<JudgementFilter, 'afterId' | 'limit'>, batchSize: number): AsyncGenerator<Judgement[]> {
  let after = 0;
  for (;;) {
    throwIfAborted(ctx.signal);
    const page = await judgementPage(db, ctx, f, after, batchSize);
    if (page.length === 0) return;
    after = (page[page.length - 1] as Judgement).id;
    yield page;
    if (page.length < batchSize) return;
  }
}

/** Fills the retracted_* columns of the caller's visible, active judgements in the target, with one `resolve.undo` audit record. */
export async function retractJudgements(db: Db, ctx: Context, target: { ids?: readonly number[]; run?: string }, reason: string): Promise<Judgement[]> {
  const { ids, run } = checkRetraction(target, reason);
  const p = new Params();
  const set = `retracted_at = ${p.add(now())}, retracted_by = ${p.add(ctx.actor)}, retract_reason = ${p.add(reason)}`;
  const conds = [
    'j.retracted_at IS NULL',
    ids === null ? null : `j.id = ANY(${p.add(ids)}::bigint[])`,
    run === null ? null : `j.run = ${p.add(run)}`,
    pairVisible(ctx, p, 'j'),
  ];
  // Under READ COMMITTED a row retracted meanwhile by another transaction fails the re-checked WHERE: retracting stays idempotent.
  const { rows } = await db.query(`UPDATE judgements j SET ${set} WHERE ${where(conds)} RETURNING j.*`, p.values);
  const done = rows.map(judgementFromRow).sort((a, b) => a.id - b.id);
  if (done.length === 0) return done; // nothing changed, nothing to audit
  await appendAudit(db, ctx, { action: 'resolve.undo', target: run ?? '', detail: { ids: done.map((j) => j.id), reason, ...(run === null ? {} : { run }) } });
  return done;
}

// Review queue ----------------------------------------------------------------------------------

/** Upserts in multi-row chunks inside the caller's transaction; decided pairs are left alone (and not counted). */
export async function putReviewCandidates(db: Db, ctx: Context, run: string, items: readonly ReviewCandidateInit[]): Promise<number> {
  checkName(run, 'run');
  const rows = candidateRows(items);
  await requireVisible(db, ctx, pairIds(rows));
  const at = now();
  let written = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const res = await db.query(
      `INSERT INTO review_candidates (left_id, right_id, probability, priority, explanation, run, status, created_at)
       SELECT l, r, pr, pi, x, $1, 'open', $2 FROM unnest($3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[]) AS t(l, r, pr, pi, x)
       ON CONFLICT (left_id, right_id) DO UPDATE SET probability = excluded.probability, priority = excluded.priority, explanation = excluded.explanation,
         run = excluded.run, status = 'open', decided_by = NULL, decided_at = NULL, judgement = NULL
       WHERE review_candidates.status <> 'decided'`,
      [
        run,
        at,
        chunk.map((c) => c.left),
        chunk.map((c) => c.right),
        chunk.map((c) => c.probability),
        chunk.map((c) => c.priority),
        chunk.map((c) => c.explanation),
      ],
    );
    written += res.rowCount ?? 0;
  }
  return written;
}

export async function listReviewCandidates(db: Db, ctx: Context, f: ReviewCandidateFilter = {}): Promise<ReviewCandidate[]> {
  const limit = pageNumber(f.limit, 'limit', 1000, 10_000);
  const offset = pageNumber(f.offset, 'offset', 0);
  const p = new Params();
  let byEntity: string | null = null;
  if (f.entityId !== undefined) {
    const id = p.add(f.entityId);
    byEntity = `(c.left_id = ${id} OR c.right_id = ${id})`;
  }
  const conds = [f.status === undefined ? null : `c.status = ${p.add(f.status)}`, byEntity, pairVisible(ctx, p, 'c')];
  const sql = `SELECT c.* FROM review_candidates c WHERE ${where(conds)} ORDER BY c.priority DESC, c.id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
  return (await db.query(sql, p.values)).rows.map(candidateFromRow);
}

/** The candidate if the caller sees both entities; `lock` takes its row lock for a following update. */
export async function getReviewCandidate(db: Db, ctx: Context, id: number, lock = false): Promise<ReviewCandidate | null> {
  const p = new Params();
  const sql = `SELECT c.* FROM review_candidates c WHERE c.id = ${p.add(id)} AND ${where([pairVisible(ctx, p, 'c')])}${lock ? ' FOR UPDATE OF c' : ''}`;
  const { rows } = await db.query(sql, p.values);
  return rows[0] ? candidateFromRow(rows[0]) : null;
}

/** Inside the caller's transaction. */
export async function setReviewCandidateStatus(db: Db, ctx: Context, id: number, status: ReviewCandidate['status'], judgement: number | null): Promise<void> {
  checkStatusChange(status, judgement);
  const c = await getReviewCandidate(db, ctx, id, true);
  if (!c) throw new NotFoundError('review candidate', String(id));
  const decided = status === 'decided';
  if (decided) {
    const j = (await db.query('SELECT left_id, right_id, retracted_at FROM judgements WHERE id = $1', [judgement])).rows[0];
    if (!j) throw new NotFoundError('judgement', String(judgement));
    if (j.left_id !== c.left || j.right_id !== c.right || j.retracted_at !== null) {
      throw new ValidationError('CORVID_ERR_VALIDATION', 'a candidate is decided by an active judgement about the same pair', { candidate: id, judgement });
    }
  }
  await db.query('UPDATE review_candidates SET status = $1, judgement = $2, decided_by = $3, decided_at = $4 WHERE id = $5', [
    status,
    judgement,
    decided ? ctx.actor : null,
    decided ? now() : null,
    id,
  ]);
}

// Fingerprints and state ------------------------------------------------------------------------

/** Upserts in multi-row chunks inside the caller's transaction (an entity given twice keeps its last fingerprint). */
export async function putFingerprints(db: Db, scope: string, entries: readonly (readonly [string, string])[]): Promise<void> {
  checkName(scope, 'scope');
  const rows = fingerprintRows(entries);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO resolve_fingerprints (scope, entity_id, fingerprint) SELECT $1, e, f FROM unnest($2::text[], $3::text[]) AS t(e, f)
       ON CONFLICT (scope, entity_id) DO UPDATE SET fingerprint = excluded.fingerprint`,
      [scope, chunk.map((r) => r[0]), chunk.map((r) => r[1])],
    );
  }
}

export async function* iterateFingerprints(db: Db, ctx: Context, scope: string, batchSize: number): AsyncGenerator<(readonly [string, string])[]> {
  let after = '';
  for (;;) {
    throwIfAborted(ctx.signal);
    const { rows } = await db.query({
      text: 'SELECT entity_id, fingerprint FROM resolve_fingerprints WHERE scope = $1 AND entity_id > $2 ORDER BY entity_id LIMIT $3',
      values: [scope, after, batchSize],
      rowMode: 'array',
    });
    if (rows.length === 0) return;
    const page = rows as [string, string][];
    after = (page[page.length - 1] as [string, string])[0];
    yield page;
    if (page.length < batchSize) return;
  }
}

export async function deleteFingerprints(db: Db, scope: string, entityIds: readonly string[]): Promise<void> {
  await db.query('DELETE FROM resolve_fingerprints WHERE scope = $1 AND entity_id = ANY($2::text[])', [scope, [...entityIds]]);
}

export async function getResolveState(db: Db, scope: string, key: string): Promise<JsonValue | null> {
  const { rows } = await db.query('SELECT value FROM resolve_state WHERE scope = $1 AND key = $2', [scope, key]);
  return rows[0] ? (JSON.parse(rows[0].value as string) as JsonValue) : null;
}

export async function putResolveState(db: Db, scope: string, key: string, value: JsonValue): Promise<void> {
  checkName(scope, 'scope');
  checkName(key, 'key');
  await db.query(
    `INSERT INTO resolve_state (scope, key, value, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [scope, key, JSON.stringify(value ?? null), now()],
  );
}
