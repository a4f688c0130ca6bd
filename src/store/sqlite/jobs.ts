/** SQLite jobs: the queue of long work (imports, resolution, analyses) with progress, checkpoints and cancellation. */
import { randomUUID } from 'node:crypto';
import type { Context } from '../../model/context.ts';
import { CorvidError, NotFoundError } from '../../errors.ts';
import type { Checkpoint, Job, JobFilter, JobInit, JobProgress, JobState, JsonObject, JsonValue } from '../port.ts';
import { and, inList, isUniqueViolation, now, prep, type Db, type Params } from './sql.ts';

type JobRow = {
  id: string; kind: string; state: JobState; params: string; progress: string; checkpoint: string; result: string;
  error: string | null; cancel_requested: number; created_by: string; created_at: string; updated_at: string; worker: string | null;
};

const COLS = 'id, kind, state, params, progress, checkpoint, result, error, cancel_requested, created_by, created_at, updated_at, worker';

function fromRow(r: JobRow): Job {
  return {
    id: r.id, kind: r.kind, state: r.state, params: JSON.parse(r.params) as JsonObject, progress: JSON.parse(r.progress) as JobProgress,
    checkpoint: JSON.parse(r.checkpoint) as JsonValue, result: JSON.parse(r.result) as JsonValue, error: r.error,
    cancelRequested: r.cancel_requested === 1, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at, worker: r.worker,
  };
}

function row(db: Db, id: string): Job | null {
  const r = prep(db, `SELECT ${COLS} FROM job WHERE id = ?`).get(id) as JobRow | undefined;
  return r ? fromRow(r) : null;
}

function mustGet(db: Db, id: string): Job {
  const j = row(db, id);
  if (!j) throw new NotFoundError('job', id);
  return j;
}

const TERMINAL: ReadonlySet<JobState> = new Set(['done', 'failed', 'cancelled']);

export function createJob(db: Db, ctx: Context, init: JobInit): Job {
  const at = now();
  const id = init.id ?? randomUUID();
  try {
    prep(db, `INSERT INTO job (id, kind, state, params, progress, checkpoint, result, error, cancel_requested, created_by, created_at, updated_at, worker)
      VALUES (?, ?, 'queued', ?, '{"done":0}', 'null', 'null', NULL, 0, ?, ?, ?, NULL)`).run(id, init.kind, JSON.stringify(init.params), ctx.actor, at, at);
  } catch (err) {
    if (isUniqueViolation(err)) throw new CorvidError('CORVID_ERR_STORE_CONFLICT', `a job with id ${id} exists`, { id });
    throw err;
  }
  return mustGet(db, id);
}

export function getJob(db: Db, id: string): Job | null {
  return row(db, id);
}

/** Jobs, newest first, filtered by kind and states; at most `limit` (default 100). */
export function listJobs(db: Db, filter: JobFilter = {}): Job[] {
  const params: Params = { limit: filter.limit ?? 100 };
  if (filter.kind !== undefined) params.kind = filter.kind;
  const where = and([filter.kind !== undefined ? 'kind = @kind' : null, inList('state', 'states', filter.states, params)]);
  return (prep(db, `SELECT ${COLS} FROM job WHERE ${where} ORDER BY seq DESC LIMIT @limit`).all(params) as JobRow[]).map(fromRow);
}

/** Takes the oldest queued job of the kinds, in one IMMEDIATE transaction so two workers never share one. */
export function claimJob(db: Db, kinds: readonly string[], worker: string): Job | null {
  if (kinds.length === 0) return null;
  return db.transaction((): Job | null => {
    const hit = prep(db, `SELECT id FROM job WHERE state = 'queued' AND kind IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT 1`)
      .get(JSON.stringify(kinds)) as { id: string } | undefined;
    if (!hit) return null;
    prep(db, `UPDATE job SET state = 'running', worker = ?, updated_at = ? WHERE id = ?`).run(worker, now(), hit.id);
    return mustGet(db, hit.id);
  }).immediate();
}

/** Takes a queued job, or resumes a running one whose worker died; anything else is CORVID_ERR_JOB_STATE. */
export function startJob(db: Db, id: string, worker: string): Job {
  return db.transaction((): Job => {
    const j = mustGet(db, id);
    if (j.state !== 'queued' && j.state !== 'running') throw new CorvidError('CORVID_ERR_JOB_STATE', `job ${id} is ${j.state}`, { id, state: j.state });
    prep(db, `UPDATE job SET state = 'running', worker = ?, updated_at = ? WHERE id = ?`).run(worker, now(), id);
    return mustGet(db, id);
  }).immediate();
}

export function updateJob(db: Db, id: string, patch: { progress?: JobProgress; checkpoint?: JsonValue }): void {
  const params: Params = { id, at: now() };
  const sets = ['updated_at = @at'];
  if (patch.progress !== undefined) {
    sets.push('progress = @progress');
    params.progress = JSON.stringify(patch.progress);
  }
  if (patch.checkpoint !== undefined) {
    sets.push('checkpoint = @checkpoint');
    params.checkpoint = JSON.stringify(patch.checkpoint);
  }
  const r = prep(db, `UPDATE job SET ${sets.join(', ')} WHERE id = @id`).run(params);
  if (r.changes === 0) throw new NotFoundError('job', id);
}

/** Writes a batch's checkpoint; called inside the batch's transaction so both commit or neither. */
export function writeCheckpoint(db: Db, cp: Checkpoint): void {
  updateJob(db, cp.jobId, { progress: cp.progress, checkpoint: cp.checkpoint });
}

export function finishJob(db: Db, id: string, outcome: { state: 'done' | 'failed' | 'cancelled'; result?: JsonValue; error?: string }): Job {
  return db.transaction((): Job => {
    const j = mustGet(db, id);
    if (TERMINAL.has(j.state)) throw new CorvidError('CORVID_ERR_JOB_STATE', `job ${id} is already ${j.state}`, { id, state: j.state });
    prep(db, 'UPDATE job SET state = ?, result = ?, error = ?, updated_at = ? WHERE id = ?')
      .run(outcome.state, JSON.stringify(outcome.result ?? null), outcome.error ?? null, now(), id);
    return mustGet(db, id);
  }).immediate();
}

/** Flags the job for cancellation; a job nobody runs yet is cancelled at once. Finished jobs are left as they are. */
export function requestCancel(db: Db, id: string): Job {
  return db.transaction((): Job => {
    const j = mustGet(db, id);
    if (TERMINAL.has(j.state)) return j;
    const state = j.state === 'queued' ? 'cancelled' : j.state;
    prep(db, 'UPDATE job SET cancel_requested = 1, state = ?, updated_at = ? WHERE id = ?').run(state, now(), id);
    return mustGet(db, id);
  }).immediate();
}
