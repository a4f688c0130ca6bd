/** Jobs in PostgreSQL: a queue that several worker processes claim from with FOR UPDATE SKIP LOCKED. */
import { randomUUID } from 'node:crypto';
import { CorvidError, NotFoundError } from '../../errors.ts';
import type { Context } from '../../model/context.ts';
import type { Checkpoint, Job, JobFilter, JobInit, JobProgress, JobState, JsonObject, JsonValue } from '../port.ts';
import { now, Params, type Db, type Row } from './sql.ts';

const COLUMNS = 'id, kind, state, params, progress, checkpoint, result, error, cancel_requested, created_by, created_at, updated_at, worker';

/** jsonb columns come back parsed; parameters go in as JSON text (pg would turn a JS array into a PG array). */
const json = (v: JsonValue | JobProgress | undefined): string => JSON.stringify(v ?? null);

function toJob(r: Row): Job {
  return {
    id: r.id as string,
    kind: r.kind as string,
    state: r.state as JobState,
    params: r.params as JsonObject,
    progress: r.progress as JobProgress,
    checkpoint: r.checkpoint as JsonValue,
    result: r.result as JsonValue,
    error: (r.error as string | null) ?? null,
    cancelRequested: r.cancel_requested as boolean,
    createdBy: r.created_by as string,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    worker: (r.worker as string | null) ?? null,
  };
}

/** Creates a queued job; a caller-chosen id that is taken already is a conflict. */
export async function createJob(db: Db, ctx: Context, init: JobInit): Promise<Job> {
  const id = init.id ?? randomUUID();
  const t = now();
  const res = await db.query(
    `INSERT INTO jobs (id, kind, state, params, progress, checkpoint, result, error, cancel_requested, created_by, created_at, updated_at, worker)
     VALUES ($1, $2, 'queued', $3, $4, 'null', 'null', NULL, false, $5, $6, $6, NULL) ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
    [id, init.kind, json(init.params), json({ done: 0 }), ctx.actor, t],
  );
  if (!res.rows[0]) throw new CorvidError('CORVID_ERR_STORE_CONFLICT', `job ${id} exists already`, { id });
  return toJob(res.rows[0]);
}

export async function getJob(db: Db, id: string): Promise<Job | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id]);
  return rows[0] ? toJob(rows[0]) : null;
}

/** Jobs matching the filter, newest first. */
export async function listJobs(db: Db, filter: JobFilter): Promise<Job[]> {
  const p = new Params();
  const parts = ['true'];
  if (filter.kind !== undefined) parts.push(`kind = ${p.add(filter.kind)}`);
  if (filter.states) parts.push(`state = ANY(${p.add([...filter.states])}::text[])`);
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM jobs WHERE ${parts.join(' AND ')} ORDER BY seq DESC LIMIT ${p.add(filter.limit ?? 100)}`, p.values);
  return rows.map(toJob);
}

/**
 * Takes the oldest queued job of these kinds in one statement. SKIP LOCKED lets concurrent workers pass
 * over a row another one is taking instead of waiting for it, and never hands the same job out twice.
 */
export async function claimJob(db: Db, kinds: readonly string[], worker: string): Promise<Job | null> {
  const { rows } = await db.query(
    `UPDATE jobs SET state = 'running', worker = $2, updated_at = $3
     WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND kind = ANY($1::text[]) ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS}`,
    [[...kinds], worker, now()],
  );
  return rows[0] ? toJob(rows[0]) : null;
}

async function mustGet(db: Db, id: string): Promise<Job> {
  const job = await getJob(db, id);
  if (!job) throw new NotFoundError('job', id);
  return job;
}

/** Takes a specific queued job, or a running one whose worker died, to run or resume it. */
export async function startJob(db: Db, id: string, worker: string): Promise<Job> {
  const { rows } = await db.query(
    `UPDATE jobs SET state = 'running', worker = $2, updated_at = $3 WHERE id = $1 AND state IN ('queued', 'running') RETURNING ${COLUMNS}`,
    [id, worker, now()],
  );
  if (rows[0]) return toJob(rows[0]);
  const job = await mustGet(db, id);
  throw new CorvidError('CORVID_ERR_JOB_STATE', `job ${id} is ${job.state} and cannot be started`, { id, state: job.state });
}

export async function updateJob(db: Db, id: string, patch: { progress?: JobProgress; checkpoint?: JsonValue }): Promise<void> {
  const p = new Params();
  const sets = [`updated_at = ${p.add(now())}`];
  if (patch.progress !== undefined) sets.push(`progress = ${p.add(json(patch.progress))}`);
  if (patch.checkpoint !== undefined) sets.push(`checkpoint = ${p.add(json(patch.checkpoint))}`);
  const res = await db.query(`UPDATE jobs SET ${sets.join(', ')} WHERE id = ${p.add(id)}`, p.values);
  if (res.rowCount === 0) throw new NotFoundError('job', id);
}

/** Saves a batch's checkpoint, in the batch's transaction. */
export async function saveCheckpoint(db: Db, cp: Checkpoint): Promise<void> {
  await updateJob(db, cp.jobId, { progress: cp.progress, checkpoint: cp.checkpoint });
}

/** Ends a queued or running job with its outcome. */
export async function finishJob(db: Db, id: string, outcome: { state: 'done' | 'failed' | 'cancelled'; result?: JsonValue; error?: string }): Promise<Job> {
  const { rows } = await db.query(
    `UPDATE jobs SET state = $2, result = $3, error = $4, updated_at = $5 WHERE id = $1 AND state IN ('queued', 'running') RETURNING ${COLUMNS}`,
    [id, outcome.state, json(outcome.result), outcome.error ?? null, now()],
  );
  if (rows[0]) return toJob(rows[0]);
  const job = await mustGet(db, id);
  throw new CorvidError('CORVID_ERR_JOB_STATE', `job ${id} is already ${job.state}`, { id, state: job.state });
}

/** Asks a job to stop: a queued job is cancelled at once, a running one at its next checkpoint. */
export async function requestCancel(db: Db, id: string): Promise<Job> {
  const { rows } = await db.query(
    `UPDATE jobs SET cancel_requested = true, updated_at = $2, state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END
     WHERE id = $1 AND state IN ('queued', 'running') RETURNING ${COLUMNS}`,
    [id, now()],
  );
  return rows[0] ? toJob(rows[0]) : mustGet(db, id);
}
