/**
 * The import pipeline: reader → statements → store, in large transactions, each committed together
 * with a checkpoint. Idempotent (the same file into the same dataset is recognised by its hash, and
 * statements are deterministic), resumable after a crash from the last checkpoint, and it never stops
 * on a bad record: those go to the reject file with their line and reason.
 */
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { CorvidError, isCorvidError } from '../errors.ts';
import type { Context } from '../model/context.ts';
import { checkDataset } from '../model/ids.ts';
import { parseCompartment } from '../model/handling.ts';
import type { Statement } from '../model/statement.ts';
import type { Job, JsonObject, Store } from '../store/port.ts';
import { openReader } from './formats.ts';
import type { ImportOptions, ImportSummary } from './options.ts';
import { RejectFile } from './rejects.ts';
import { detectFormat, fileSha256, fileSize, readBytes } from './source.ts';
import { buildStatements, type BuildBase } from './to-statements.ts';

const DEFAULT_BATCH = 20_000;
/** How often (in batches) a running import looks for a cancel request. */
const CANCEL_POLL_BATCHES = 5;

/** The running counts: the summary's record counts and its statement counts, flat. */
type Counts = Pick<ImportSummary, 'read' | 'imported' | 'rejected' | 'skipped' | 'rejectedValues' | 'entities'> & ImportSummary['statements'];

interface ImportCheckpoint {
  /** Items fully committed, in reader order. */
  seq: number;
  counts: Counts;
  rejectBytes: number;
  seen: string;
}

const ZERO: Counts = { read: 0, imported: 0, rejected: 0, skipped: 0, rejectedValues: 0, entities: 0, written: 0, inserted: 0, unchanged: 0 };

/** This process as a job worker: host and pid, so a resumed import can tell a dead holder from a live one. */
const WORKER = `${hostname()}:${process.pid}`;

/**
 * Imports one file into a dataset and returns its counts.
 * @example
 * const s = await importFile(ctx, store, { file: 'people.ftm.json', dataset: 'police-a', rejectsDir: 'data/rejects' });
 * console.log(s.imported, s.rejected);
 */
export async function importFile(ctx: Context, store: Store, opts: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const dataset = checkDataset(opts.dataset);
  const bytesTotal = fileSize(opts.file);
  const format = opts.format ?? detectFormat(opts.file);
  if (format === 'csv' && !opts.mapping) throw new CorvidError('CORVID_ERR_INGEST_MAPPING', 'a CSV import needs a mapping file (--mapping)');
  const sha256 = await fileSha256(opts.file);
  const ds = (await store.getDataset(ctx, dataset)) ?? (await store.upsertDataset(ctx, { name: dataset, title: opts.title ?? dataset }));

  const baseId = `import-${dataset}-${sha256.slice(0, 24)}`;
  const existing = await store.getJob(ctx, baseId);
  let job: Job;
  let resumed = false;
  if (existing && existing.state === 'done' && !opts.force) {
    opts.onJob?.(existing.id);
    const prev = existing.result as unknown as ImportSummary;
    return { ...prev, alreadyImported: true, resumed: false, seconds: (Date.now() - started) / 1000 };
  }
  if (existing && existing.state !== 'done') {
    assertNotHeldByLiveWorker(existing);
    job = await store.startJob(ctx, existing.id, WORKER);
    resumed = existing.checkpoint !== null;
  } else {
    const id = existing ? `${baseId}-${Date.now().toString(36)}` : baseId;
    const params: JsonObject = { file: opts.file, dataset, format, sha256, mapping: opts.mapping ?? null, source: opts.source ?? basename(opts.file) };
    job = await store.createJob(ctx, { id, kind: 'import', params });
    job = await store.startJob(ctx, job.id, WORKER);
  }
  opts.onJob?.(job.id);

  const cp = (job.checkpoint as unknown as ImportCheckpoint | null) ?? null;
  const counts: Counts = { ...(cp?.counts ?? ZERO) };
  const rejects = new RejectFile(join(opts.rejectsDir, `${job.id}.rejects.jsonl`), cp?.rejectBytes ?? 0);
  const seen = cp?.seen ?? new Date().toISOString().slice(0, 19);
  const base: BuildBase = {
    dataset,
    source: opts.source ?? basename(opts.file),
    importer: ctx.actor,
    grading: opts.grading ?? ds.defaultGrading,
    compartment: opts.compartment !== undefined ? parseCompartment(opts.compartment) : ds.defaultCompartment,
    tlp: opts.tlp ?? ds.defaultTlp,
    handling: opts.handling ?? ds.defaultHandling,
    handlingNote: opts.handlingNote ?? ds.defaultHandlingNote,
    seen,
    ...(opts.defaultCountry ? { defaultCountry: opts.defaultCountry } : {}),
  };
  await store.appendAudit(ctx, {
    action: resumed ? 'import.resume' : 'import.start',
    target: dataset,
    detail: { job: job.id, file: basename(opts.file), sha256, format, grading: base.grading, tlp: base.tlp, handling: base.handling, compartment: base.compartment },
  });

  const fileName = basename(opts.file);
  const counter = { bytes: 0 };
  const skipUpTo = cp?.seq ?? 0;
  let seq = 0;
  let batch: Statement[] = [];
  let batches = 0;

  // Writes are double-buffered: while the store writes one batch (PostgreSQL over the wire, SQLite in
  // its writer), the next one is being parsed and built. At most one batch is in flight.
  let inflight: Promise<void> | null = null;
  const settle = async (): Promise<void> => {
    if (!inflight) return;
    const p = inflight;
    inflight = null;
    await p;
    if (batches % CANCEL_POLL_BATCHES === 0) {
      const now = await store.getJob(ctx, job.id);
      if (now?.cancelRequested) throw new CorvidError('CORVID_ERR_JOB_CANCELLED', `import ${job.id} was cancelled`);
    }
  };
  const commit = async (): Promise<void> => {
    await settle();
    const rejectBytes = rejects.flush();
    const statements = batch;
    const checkpoint: ImportCheckpoint = { seq, counts: { ...counts, written: counts.written + statements.length }, rejectBytes, seen };
    const progress = { done: counter.bytes, total: bytesTotal, message: `${counts.read} records` };
    batch = [];
    const write = store.writeBatch(ctx, { dataset, statements, checkpoint: { jobId: job.id, checkpoint: checkpoint as unknown as JsonObject, progress } }).then((res) => {
      counts.written += statements.length;
      counts.inserted += res.inserted;
      counts.unchanged += res.unchanged;
      batches++;
      opts.onProgress?.({ jobId: job.id, bytesRead: progress.done, bytesTotal, records: counts.read, statements: counts.written });
    });
    write.catch(() => undefined); // awaited in settle(); this only keeps an early failure from being "unhandled"
    inflight = write;
  };

  try {
    const reader = await openReader(format, opts);
    for await (const item of reader(readBytes(opts.file, counter), { fileName, ...(opts.encoding ? { encoding: opts.encoding } : {}) })) {
      seq++;
      if (seq <= skipUpTo) continue;
      if (ctx.signal?.aborted) throw new CorvidError('CORVID_ERR_JOB_CANCELLED', 'import cancelled');
      counts.read++;
      if (item.kind === 'skip') {
        counts.skipped++;
      } else if (item.kind === 'reject') {
        counts.rejected++;
        rejects.add({ file: fileName, line: item.line, kind: 'record', code: item.code, reason: item.reason, ...(item.raw !== undefined ? { raw: item.raw } : {}) });
      } else {
        const built = buildStatements(store.model, base, String(item.line), item.entities, item.meta);
        if (!built.ok) {
          counts.rejected++;
          rejects.add({ file: fileName, line: item.line, kind: 'record', code: built.code, reason: built.reason });
        } else {
          counts.imported++;
          counts.entities += built.entities;
          for (const v of built.valueRejects) {
            counts.rejectedValues++;
            rejects.add({ file: fileName, line: item.line, kind: 'value', code: 'CORVID_ERR_MODEL_INVALID_VALUE', reason: v.reason, entityId: v.entityId, prop: v.prop, raw: v.value });
          }
          for (const s of built.statements) batch.push(s);
        }
      }
      if (batch.length >= (opts.batchSize ?? DEFAULT_BATCH)) await commit();
    }
    await commit();
    await settle();
  } catch (err) {
    await (inflight as Promise<void> | null)?.catch(() => undefined);
    rejects.close();
    const cancelled = isCorvidError(err) && (err.code === 'CORVID_ERR_JOB_CANCELLED' || err.code === 'CORVID_ERR_ABORTED');
    const summary = makeSummary(job.id, dataset, opts.file, format, sha256, counts, rejects, resumed, started);
    await store.finishJob(ctx, job.id, { state: cancelled ? 'cancelled' : 'failed', result: summary as unknown as JsonObject, error: (err as Error).message }).catch(() => undefined);
    await store.appendAudit(ctx, { action: cancelled ? 'import.cancel' : 'import.fail', target: dataset, detail: { job: job.id, error: (err as Error).message, ...countsDetail(counts) } }).catch(() => undefined);
    throw err;
  }
  rejects.close();
  const summary = makeSummary(job.id, dataset, opts.file, format, sha256, counts, rejects, resumed, started);
  await store.finishJob(ctx, job.id, { state: 'done', result: summary as unknown as JsonObject });
  await store.appendAudit(ctx, { action: 'import.finish', target: dataset, detail: { job: job.id, ...countsDetail(counts) } });
  return summary;
}

function countsDetail(c: Counts): JsonObject {
  return { read: c.read, imported: c.imported, rejected: c.rejected, skipped: c.skipped, rejectedValues: c.rejectedValues, statementsInserted: c.inserted };
}

function makeSummary(jobId: string, dataset: string, file: string, format: ImportSummary['format'], sha256: string, c: Counts, rejects: RejectFile, resumed: boolean, started: number): ImportSummary {
  return {
    jobId,
    dataset,
    file,
    format,
    sha256,
    read: c.read,
    imported: c.imported,
    rejected: c.rejected,
    skipped: c.skipped,
    rejectedValues: c.rejectedValues,
    entities: c.entities,
    statements: { written: c.written, inserted: c.inserted, unchanged: c.unchanged },
    rejectsFile: rejects.length > 0 ? rejects.path : null,
    resumed,
    alreadyImported: false,
    seconds: (Date.now() - started) / 1000,
  };
}

/** A running job whose worker is another live process on this host must not be taken over. */
function assertNotHeldByLiveWorker(job: Job): void {
  if (job.state !== 'running' || !job.worker || job.worker === WORKER) return;
  const [host, pidText] = job.worker.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid)) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // the holder is gone: resume
  }
  throw new CorvidError('CORVID_ERR_JOB_STATE', `import ${job.id} is running in process ${pid}`, { job: job.id });
}
