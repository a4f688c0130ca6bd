// Entry of a PSI helper thread (engine.ts): registers tsx's loader for this thread, then loads worker.ts.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
