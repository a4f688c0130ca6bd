/**
 * Comparing candidate pairs on every core. Pairs are handed out in chunks through shared counters:
 * the calling thread starts at once and a helper thread joins when it has booted, so small jobs never
 * wait for it; results land in shared arrays, and the caller waits synchronously (the resolution pass
 * stays a pure, synchronous function). If the helper fails or stalls, the caller redoes its chunks.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FamilySpec } from './families.ts';
import { pairLevels } from './fellegi-sunter.ts';
import type { ResolveRecord } from './record.ts';

/** Pairs per chunk: large enough that the counters cost nothing, small enough to balance two threads. */
export const CHUNK = 8192;
/** Below this many pairs a second thread costs more (boot, copying records) than it saves. */
const PARALLEL_FROM = 400_000;
/** A chunk taken but not finished for this long means the helper is gone. */
const STALL_MS = 20_000;

/** The shared state of one comparison job. */
export interface SharedJob {
  /** [next chunk to take, chunks done] */
  counters: Int32Array;
  /** Per chunk: 0 free, 1 taken, 2 done. */
  status: Uint8Array;
  levels: Uint8Array;
  tf: Float32Array;
}

/** Fills levels and tf frequencies of pairs [from, to). */
export function compareRange(
  byIdx: (i: number) => ResolveRecord, spec: FamilySpec, pairs: Float64Array, stride: number, tfs: readonly (ReadonlyMap<string, number> | null)[],
  from: number, to: number, levels: Uint8Array, tf: Float32Array,
): void {
  const K = spec.comparisons.length;
  const scratch = pairLevels(spec);
  const tfLevels = spec.comparisons.map((c) => c.tfLevel ?? -1);
  for (let p = from; p < to; p++) {
    const key = pairs[p];
    spec.compare(byIdx(Math.floor(key / stride)), byIdx(key % stride), scratch);
    const base = p * K;
    for (let k = 0; k < K; k++) {
      const l = scratch.levels[k];
      levels[base + k] = l;
      const table = tfs[k];
      if (table && l === tfLevels[k] && scratch.tfValues[k]) tf[base + k] = table.get(scratch.tfValues[k]) ?? 0;
    }
  }
}

/** Takes and compares chunks until none are left (both threads run this). */
export function drainChunks(job: SharedJob, run: (from: number, to: number) => void, total: number): void {
  const chunks = job.status.length;
  for (;;) {
    const c = Atomics.add(job.counters, 0, 1);
    if (c >= chunks) return;
    Atomics.store(job.status, c, 1);
    run(c * CHUNK, Math.min(total, (c + 1) * CHUNK));
    Atomics.store(job.status, c, 2);
    Atomics.add(job.counters, 1, 1);
  }
}

function sharedJob(pairs: number, K: number): SharedJob {
  const chunks = Math.ceil(pairs / CHUNK);
  return {
    counters: new Int32Array(new SharedArrayBuffer(8)),
    status: new Uint8Array(new SharedArrayBuffer(Math.max(1, chunks))),
    levels: new Uint8Array(new SharedArrayBuffer(Math.max(1, pairs * K))),
    tf: new Float32Array(new SharedArrayBuffer(Math.max(4, pairs * K * 4))),
  };
}

/** Compares pairs given as keys (`first * stride + second`): levels K per pair and tf frequencies. */
export type PairComparer = (pairs: Float64Array, stride: number) => { levels: Uint8Array; tf: Float32Array };

/** Messages to a helper thread: a job to help with, in the shared arrays. */
export interface JobMessage {
  pairs: Float64Array;
  stride: number;
  job: SharedJob;
}

/**
 * A comparer for one family that works on two threads for large jobs and keeps its helper thread (and
 * its copy of the records) for every later job — the candidate pairs, the random pairs for u, the
 * training sessions' pairs — so the records are copied once. Call `close` when done.
 * @example const pool = comparePool(all, members, spec, tfs); const { levels } = pool.compare(pairs, stride); pool.close();
 */
export function comparePool(
  all: readonly ResolveRecord[], members: readonly ResolveRecord[], spec: FamilySpec, tfs: readonly (ReadonlyMap<string, number> | null)[],
): { compare: PairComparer; close(): void } {
  const K = spec.comparisons.length;
  const byIdx = (i: number): ResolveRecord => all[i];
  let worker: Worker | undefined;
  const helper = (): Worker => {
    if (worker) return worker;
    worker = new Worker(new URL('./compare-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./compare-thread.ts', import.meta.url).href, family: spec.family, records: members, tfs },
    });
    worker.unref();
    worker.on('error', () => undefined); // a failed helper is covered below: its chunks are redone here
    return worker;
  };
  const compare: PairComparer = (pairs, stride) => {
    const run = (from: number, to: number, levels: Uint8Array, tf: Float32Array): void => compareRange(byIdx, spec, pairs, stride, tfs, from, to, levels, tf);
    // Once the helper is up (a large job came first), smaller jobs are worth sharing too.
    const parallel = availableParallelism() >= 2 && (pairs.length >= PARALLEL_FROM || (worker !== undefined && pairs.length >= 4 * CHUNK));
    if (!parallel) {
      const levels = new Uint8Array(pairs.length * K);
      const tf = new Float32Array(pairs.length * K);
      run(0, pairs.length, levels, tf);
      return { levels, tf };
    }
    const job = sharedJob(pairs.length, K);
    const pairBuf = new Float64Array(new SharedArrayBuffer(pairs.length * 8));
    pairBuf.set(pairs);
    helper().postMessage({ pairs: pairBuf, stride, job } satisfies JobMessage);
    const chunk = (c: number): void => run(c * CHUNK, Math.min(pairs.length, (c + 1) * CHUNK), job.levels, job.tf);
    drainChunks(job, (from, to) => run(from, to, job.levels, job.tf), pairs.length);
    waitForHelper(job, chunk);
    return { levels: job.levels, tf: job.tf };
  };
  return { compare, close: () => void worker?.terminate() };
}

/** Waits until every chunk is done; chunks stuck with a stalled helper are redone by the caller. */
function waitForHelper(job: SharedJob, redo: (chunk: number) => void): void {
  const chunks = job.status.length;
  let last = Atomics.load(job.counters, 1);
  let since = Date.now();
  while (Atomics.load(job.counters, 1) < chunks) {
    Atomics.wait(job.counters, 1, last, 200);
    const now = Atomics.load(job.counters, 1);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since > STALL_MS) {
      for (let c = 0; c < chunks; c++) {
        if (Atomics.load(job.status, c) !== 1) continue;
        redo(c);
        Atomics.store(job.status, c, 2);
        Atomics.add(job.counters, 1, 1);
      }
      return;
    }
  }
}
