// A PSI helper thread: hashes to the curve and multiplies packed points on request, for the worker engine.
import { parentPort } from 'node:worker_threads';
import { multiply } from './group.ts';
import { hashToGroup, ristrettoReady } from './ristretto.ts';
import type { WorkerRequest, WorkerReply } from './engine.ts';

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  try {
    if (req.op === 'hash') await ristrettoReady();
    const out = req.op === 'hash' ? hashToGroup({ packed: req.packed, offsets: req.offsets }, req.dst) : multiply(req.scalar, req.points);
    // Only a buffer that owns its whole ArrayBuffer may be transferred; Buffer.alloc gives one, copy otherwise.
    const own = out.byteOffset === 0 && out.buffer.byteLength === out.byteLength;
    return { id: req.id, ok: true, out: own ? new Uint8Array(out.buffer, 0, out.byteLength) : new Uint8Array(out) };
  } catch (err) {
    const e = err as { code?: string; message?: string; details?: Record<string, unknown> };
    return { id: req.id, ok: false, code: e.code ?? 'CORVID_ERR_INTERNAL', message: e.message ?? String(err), details: e.details };
  }
}

// Replies in arrival order (the engine matches them by id in any case).
let queue: Promise<unknown> = Promise.resolve();
parentPort?.on('message', (req: WorkerRequest) => {
  queue = queue.then(async () => {
    const reply = await handle(req);
    parentPort?.postMessage(reply, reply.ok ? [reply.out.buffer as ArrayBuffer] : []);
  });
});
