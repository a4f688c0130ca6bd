/** The SQLite writer thread's body: its own connection to the store's file, writing packed batches for the main thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './sql.ts';
import { writePrepared } from './write.ts';
import { unpackBatch, type WriterReply, type WriterRequest } from './writer.ts';

if (!parentPort) throw new Error('writer-thread.ts runs as a worker thread only');
const port = parentPort;
const db = openDatabase((workerData as { path: string }).path);

port.on('message', (m: WriterRequest) => {
  if (m.kind === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: WriterReply;
  try {
    reply = { kind: 'done', seq: m.seq, inserted: writePrepared(db, unpackBatch(m.batch)) };
  } catch (err) {
    const e = err as { name?: unknown; message?: unknown; code?: unknown; details?: unknown };
    reply = {
      kind: 'failed', seq: m.seq,
      error: { name: String(e.name ?? 'Error'), message: String(e.message ?? err), code: typeof e.code === 'string' ? e.code : undefined, details: e.details },
    };
  }
  port.postMessage(reply);
});
port.postMessage({ kind: 'ready' } satisfies WriterReply);
