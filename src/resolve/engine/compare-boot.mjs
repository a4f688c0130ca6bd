// Entry of a comparison helper thread (compare-pool.ts). Loaders are per thread, so this registers tsx's
// loader here (as bin/corvid.mjs does for the main thread) before loading the TypeScript it is given.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
