/** A comparison helper thread: takes chunks of candidate pairs from the shared job until none are left. */
import { workerData } from 'node:worker_threads';
import { compareRange, drainChunks, type SharedJob } from './compare-pool.ts';
import { FAMILY_SPECS } from './families.ts';
import type { Family, ResolveRecord } from './record.ts';

interface ThreadData {
  family: Family;
  records: ResolveRecord[];
  tfs: (Map<string, number> | null)[];
  pairs: Float64Array;
  stride: number;
  job: SharedJob;
}

const data = workerData as ThreadData;
const spec = FAMILY_SPECS[data.family];
if (spec) {
  const byIdx: ResolveRecord[] = [];
  for (const r of data.records) byIdx[r.idx] = r;
  drainChunks(data.job, (from, to) => compareRange((i) => byIdx[i], spec, data.pairs, data.stride, data.tfs, from, to, data.job.levels, data.job.tf), data.pairs.length);
}
