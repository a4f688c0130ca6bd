/**
 * The SQLite writer thread, main side. better-sqlite3 is synchronous, so a large batch written on the
 * main thread stops everything else for its whole transaction; written by a worker thread with its own
 * connection to the same WAL file, the import pipeline builds the next batch meanwhile (it keeps one
 * write in flight) and a server keeps answering. Opt-in (SqliteStoreOptions.writerThreshold): it
 * costs a second V8 heap holding the batch in flight.
 */
import { Worker } from 'node:worker_threads';
import { CorvidError, ERROR_CODES, type ErrorCode } from '../../errors.ts';
import type { PreparedBatch, Row } from './write.ts';

const ROW_FIELDS = ['id', 'entityId', 'schema', 'prop', 'value', 'original', 'record', 'firstSeen', 'lastSeen'] as const;

/**
 * A prepared batch as it crosses to the thread: one array a row field, so structured cloning copies a
 * few arrays of strings instead of an object per statement (measured about 3x cheaper on both sides).
 */
export interface PackedBatch extends Omit<PreparedBatch, 'rows'> {
  columns: string[][];
}

/** The batch as columns (on the caller's thread). */
export function packBatch(b: PreparedBatch): PackedBatch {
  const { rows, ...rest } = b;
  return { ...rest, columns: ROW_FIELDS.map((f) => rows.map((r) => r[f])) };
}

/** The batch as rows again (on the writer thread). */
export function unpackBatch(p: PackedBatch): PreparedBatch {
  const { columns, ...rest } = p;
  const [id, entityId, schema, prop, value, original, record, firstSeen, lastSeen] = columns as [string[], string[], string[], string[], string[], string[], string[], string[], string[]];
  const rows: Row[] = id.map((_, i) => ({
    id: id[i], entityId: entityId[i], schema: schema[i], prop: prop[i], value: value[i], original: original[i], record: record[i],
    firstSeen: firstSeen[i], lastSeen: lastSeen[i],
  }));
  return { ...rest, rows };
}

/** An error as it crosses back from the writer thread. */
export interface WireError {
  name: string;
  message: string;
  code: string | undefined;
  details: unknown;
}

export type WriterRequest = { kind: 'write'; seq: number; batch: PackedBatch } | { kind: 'close' };
export type WriterReply =
  | { kind: 'ready' }
  | { kind: 'done'; seq: number; inserted: number }
  | { kind: 'failed'; seq: number; error: WireError };

/** The writer thread could not be started or died: the caller may write on its own thread instead. */
export class WriterUnavailable extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'WriterUnavailable';
  }
}

/** The error the writer thread reported, as the same class of error with the same code. */
function revive(e: WireError): Error {
  if (e.code !== undefined && e.code in ERROR_CODES) {
    const err = new CorvidError(e.code as ErrorCode, e.message, e.details as Record<string, unknown> | undefined);
    err.name = e.name;
    return err;
  }
  const err = new Error(e.message) as Error & { code?: string };
  err.name = e.name;
  if (e.code !== undefined) err.code = e.code;
  return err;
}

type Waiter = { resolve: (inserted: number) => void; reject: (err: Error) => void };

/**
 * One writer thread for one database file, started on first use. Writes run in the order they were
 * asked for; the thread keeps the process alive only while a write is pending.
 * @example
 * const writer = new WriterThread('/data/corvid.db');
 * const inserted = await writer.write(prepareBatch(model, batch));
 */
export class WriterThread {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private dead: Error | null = null;
  private seq = 0;
  private queued = 0;
  private readonly waiting = new Map<number, Waiter>();
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly path: string) {}

  /** True while writes are pending: later writes must queue behind them to keep their order. */
  get busy(): boolean {
    return this.queued > 0;
  }

  /**
   * Writes the batch on the writer thread; resolves with the number of new statements once committed.
   * Throws WriterUnavailable, having sent nothing, when the thread cannot be started.
   */
  write(batch: PreparedBatch): Promise<number> {
    const done = this.send(batch);
    const settled = done.catch(() => undefined);
    this.inflight.add(settled);
    void settled.then(() => this.inflight.delete(settled));
    return done;
  }

  private async send(batch: PreparedBatch): Promise<number> {
    if (this.dead) throw new WriterUnavailable('the SQLite writer thread is not running', { cause: this.dead });
    const worker = this.start();
    this.queued++;
    worker.ref(); // a pending write keeps the process alive, the idle thread does not
    try {
      try {
        await this.ready;
      } catch (err) {
        throw new WriterUnavailable('the SQLite writer thread did not start', { cause: err });
      }
      if (this.dead) throw new WriterUnavailable('the SQLite writer thread stopped', { cause: this.dead });
      const seq = ++this.seq;
      const done = new Promise<number>((resolve, reject) => this.waiting.set(seq, { resolve, reject }));
      worker.postMessage({ kind: 'write', seq, batch: packBatch(batch) } satisfies WriterRequest);
      return await done;
    } finally {
      if (--this.queued === 0) worker.unref();
    }
  }

  /** Lets pending writes finish, then closes the thread's connection and ends it. */
  async close(): Promise<void> {
    await Promise.all([...this.inflight]);
    const worker = this.worker;
    this.dead ??= new Error('the store is closed');
    if (!worker) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref(); // wait for it to close its connection
    worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    await exited;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./writer-boot.mjs', import.meta.url), {
      workerData: { path: this.path, entry: new URL('./writer-thread.ts', import.meta.url).href },
    });
    worker.unref();
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: WriterReply) => {
        if (m.kind === 'ready') return resolve();
        const w = this.waiting.get(m.seq);
        this.waiting.delete(m.seq);
        if (m.kind === 'done') w?.resolve(m.inserted);
        else w?.reject(revive(m.error));
      });
      worker.on('error', (err) => {
        reject(err);
        this.fail(err);
      });
      worker.on('exit', (code) => {
        const err = new Error(`the SQLite writer thread exited (${code})`);
        reject(err);
        this.fail(err);
      });
    });
    this.ready.catch(() => undefined); // awaited in send(); a failed start is reported there
    return worker;
  }

  /** The thread is gone: pending writes fail (their transactions rolled back or never began). */
  private fail(err: Error): void {
    this.dead ??= err;
    if (this.worker) this.worker = null;
    for (const w of this.waiting.values()) w.reject(new CorvidError('CORVID_ERR_STORE_UNAVAILABLE', `the SQLite writer thread stopped: ${err.message}`));
    this.waiting.clear();
  }
}
