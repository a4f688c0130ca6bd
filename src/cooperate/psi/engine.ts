// Where PSI's heavy work runs: inline on the calling thread, or split over a pool of worker threads for large sets.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CorvidError, type ErrorCode } from '../../errors.ts';
import { multiply, POINT_BYTES } from './group.ts';
import { hashToGroup, packMessages, ristrettoReady } from './ristretto.ts';

/** The two expensive operations of ECDH-PSI, asynchronous so that they can run off the calling thread. */
export interface PsiEngine {
  /** hash_to_ristretto255 of each message under `dst` as X25519 u-coordinates (hashToGroup), packed, in input order. */
  hash(dst: Uint8Array, msgs: readonly Uint8Array[]): Promise<Buffer>;
  /** X25519(scalar, u) for each packed u-coordinate, in input order. */
  multiply(scalar: Uint8Array, points: Uint8Array): Promise<Buffer>;
  close(): Promise<void>;
}

/** @internal the messages between engine.ts and worker.ts. */
export type WorkerJob = { op: 'hash'; dst: Uint8Array; packed: Uint8Array; offsets: Uint32Array } | { op: 'mul'; scalar: Uint8Array; points: Uint8Array };
/** @internal */
export type WorkerRequest = WorkerJob & { id: number };
/** @internal */
export type WorkerReply =
  | { id: number; ok: true; out: Uint8Array }
  | { id: number; ok: false; code: string; message: string; details?: Record<string, unknown> };

/**
 * The engine that computes on the calling thread; right for small sets and tests.
 * @example const e = inlineEngine(); const pts = await e.hash(dst, [Buffer.from('+31612345678')]);
 */
export function inlineEngine(): PsiEngine {
  return {
    hash: async (dst, msgs) => (await ristrettoReady(), hashToGroup(msgs, dst)),
    multiply: async (scalar, points) => multiply(scalar, points),
    close: async () => undefined,
  };
}

interface Helper {
  worker: Worker;
  pending: Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>;
}

function spawn(): Helper {
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { entry: new URL('./worker.ts', import.meta.url).href } });
  const helper: Helper = { worker, pending: new Map() };
  worker.on('message', (r: WorkerReply) => {
    const p = helper.pending.get(r.id);
    if (!p) return;
    helper.pending.delete(r.id);
    if (r.ok) p.resolve(Buffer.from(r.out.buffer, r.out.byteOffset, r.out.byteLength));
    else p.reject(new CorvidError(r.code as ErrorCode, r.message, r.details));
  });
  worker.on('error', (err) => {
    for (const p of helper.pending.values()) p.reject(new CorvidError('CORVID_ERR_INTERNAL', `PSI worker failed: ${err.message}`));
    helper.pending.clear();
  });
  worker.unref();
  return helper;
}

/**
 * An engine over `threads` worker threads (default: the machine's parallelism): each call is cut into one slice
 * per thread and the results are joined in order. Calls below `minParallel` items run inline.
 * @example const e = workerEngine(); try { await e.multiply(k, pts); } finally { await e.close(); }
 */
export function workerEngine(threads = availableParallelism(), minParallel = 512): PsiEngine {
  const helpers = Array.from({ length: Math.max(1, threads) }, spawn);
  let next = 0;
  const call = (h: Helper, req: WorkerJob, transfer: ArrayBuffer[] = []): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const id = next++;
      h.pending.set(id, { resolve, reject });
      h.worker.ref();
      h.worker.postMessage({ ...req, id }, transfer);
    }).finally(() => {
      if (h.pending.size === 0) h.worker.unref();
    }) as Promise<Buffer>;
  const inline = inlineEngine();
  return {
    async hash(dst, msgs) {
      if (msgs.length < minParallel) return inline.hash(dst, msgs);
      // One packed buffer per slice, transferred rather than cloned message by message.
      const parts = slices(msgs.length, helpers.length).map(([a, b], i) => {
        const { packed, offsets } = packMessages(msgs.slice(a, b));
        return call(helpers[i], { op: 'hash', dst, packed, offsets }, [packed.buffer as ArrayBuffer, offsets.buffer as ArrayBuffer]);
      });
      return Buffer.concat(await Promise.all(parts));
    },
    async multiply(scalar, points) {
      const n = points.length / POINT_BYTES;
      if (!Number.isInteger(n) || n < minParallel) return inline.multiply(scalar, points);
      const parts = slices(n, helpers.length).map(([a, b], i) => call(helpers[i], { op: 'mul', scalar, points: points.subarray(a * POINT_BYTES, b * POINT_BYTES) }));
      // A refused point's `details.index` is relative to its thread's slice.
      return Buffer.concat(await Promise.all(parts));
    },
    async close() {
      await Promise.all(helpers.map((h) => h.worker.terminate()));
    },
  };
}

/** [from, to) ranges cutting n items into k nearly equal slices. */
function slices(n: number, k: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < k; i++) out.push([Math.floor((n * i) / k), Math.floor((n * (i + 1)) / k)]);
  return out;
}
