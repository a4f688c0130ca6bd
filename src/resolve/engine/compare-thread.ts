/** A comparison helper thread: for each job it is sent, takes chunks of pairs from the shared job until none are left. */
import { parentPort, workerData } from 'node:worker_threads';
import { compareRange, drainChunks, type JobMessage } from './compare-pool.ts';
import { FAMILY_SPECS } from './families.ts';
import type { Family, ResolveRecord } from './record.ts';

interface ThreadData {
  family: Family;
  records: ResolveRecord[];
  tfs: (Map<string, number> | null)[];
}

const data = workerData as ThreadData;
const spec = FAMILY_SPECS[data.family];
if (spec && parentPort) {
  const byIdx: ResolveRecord[] = [];
  for (const r of data.records) byIdx[r.idx] = r;
  parentPort.on('message', ({ pairs, stride, job }: JobMessage) => {
    drainChunks(job, (from, to) => compareRange((i) => byIdx[i], spec, pairs, stride, data.tfs, from, to, job.levels, job.tf), pairs.length);
  });
}
