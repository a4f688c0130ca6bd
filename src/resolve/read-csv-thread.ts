/** A CSV reading helper thread (read-csv.ts): reads its part and posts the records in batches, then `done`. */
import { parentPort, workerData } from 'node:worker_threads';
import { readPart, type CsvPart } from './read-csv.ts';

const port = parentPort;
if (port) {
  await readPart(workerData.part as CsvPart, (records) => port.postMessage({ records }));
  port.postMessage({ done: true });
}
