/**
 * Resolution records straight from a mapped CSV file (the benchmark's path; `corvid resolve` reads the
 * store), on every core: the file is cut at line ends into one part per thread, helper threads parse and
 * normalise their parts and send the records back in batches while the calling thread does the first
 * part. Reading and normalising is most of an end-to-end run at a million records (libphonenumber,
 * transliteration), and it is embarrassingly parallel. Records come back in file order with `idx` set,
 * exactly as a single pass would make them. Assumes one record per line (no quoted line breaks), as in
 * the synthetic benchmark files; `threads: 1` reads in one pass.
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadModel } from '../model/schema.ts';
import { loadMappingFile } from '../ingest/readers/mapping.ts';
import { readCsvMapping } from '../ingest/readers/csv-mapping.ts';
import { toRecord, type ResolveRecord } from './engine/record.ts';

export interface CsvPart {
  file: string;
  mapping: string;
  /** Byte range [start, end) of the part; a part after the first is read behind the header line. */
  start: number;
  end: number;
  /** Length of the header line in bytes. */
  header: number;
  idPrefix: string;
  defaultCountry?: string;
}

export interface ReadCsvOptions {
  mapping: string;
  /** Prepended to every entity id (the dataset's namespace), e.g. `synth.`. */
  idPrefix?: string;
  defaultCountry?: string;
  /** Default: the machine's parallelism. */
  threads?: number;
}

/** Records per message from a helper thread. */
export const BATCH = 20_000;

/** The header line's bytes and, for `parts` threads, the byte offsets where each part starts (after a newline). */
function cutPoints(file: string, parts: number): { header: number; cuts: number[]; size: number } {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 16);
  const nextLineStart = (from: number): number => {
    for (let pos = from; pos < size; pos += buf.length) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl >= 0) return pos + nl + 1;
    }
    return size;
  };
  try {
    const header = nextLineStart(0);
    const cuts = [header];
    for (let p = 1; p < parts; p++) cuts.push(Math.max(cuts[p - 1], nextLineStart(Math.floor((size * p) / parts))));
    return { header, cuts, size };
  } finally {
    closeSync(fd);
  }
}

async function* partBytes(part: CsvPart): AsyncGenerator<Buffer> {
  if (part.start > 0) yield* createReadStream(part.file, { start: 0, end: part.header - 1 });
  if (part.end > part.start) yield* createReadStream(part.file, { start: part.start, end: part.end - 1, highWaterMark: 1 << 20 });
}

/** Reads one part, calling `emit` with each batch of records (indices from 0 within the part). */
export async function readPart(part: CsvPart, emit: (records: ResolveRecord[]) => void): Promise<void> {
  const model = loadModel();
  const reader = readCsvMapping(await loadMappingFile(part.mapping));
  let batch: ResolveRecord[] = [];
  let count = 0;
  for await (const item of reader(partBytes(part), { fileName: part.file })) {
    if (item.kind !== 'entities') continue;
    for (const e of item.entities) {
      const r = toRecord(model, { ...e, id: `${part.idPrefix}${e.id}` }, count, part.defaultCountry);
      if (!r) continue;
      batch.push(r);
      count++;
      if (batch.length >= BATCH) {
        emit(batch);
        batch = [];
      }
    }
  }
  if (batch.length) emit(batch);
}

/** A helper thread reading one part; resolves with its records in order. */
function readInThread(part: CsvPart): Promise<ResolveRecord[]> {
  const worker = new Worker(new URL('./engine/compare-boot.mjs', import.meta.url), { workerData: { entry: new URL('./read-csv-thread.ts', import.meta.url).href, part } });
  const records: ResolveRecord[] = [];
  return new Promise((resolve, reject) => {
    worker.on('message', (m: { records?: ResolveRecord[]; done?: boolean }) => {
      if (m.records) for (const r of m.records) records.push(r);
      if (m.done) resolve(records);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve(records) : reject(new Error(`reader thread exited with ${code}`))));
  });
}

/**
 * All records of the file, in file order, `records[i].idx === i`.
 * @example const records = await readCsvRecords('.bench-data/people-100000.csv', { mapping: 'mappings/bench/person.yml', idPrefix: 'synth.', defaultCountry: 'de' });
 */
export async function readCsvRecords(file: string, opts: ReadCsvOptions): Promise<ResolveRecord[]> {
  const threads = Math.max(1, opts.threads ?? availableParallelism());
  const { header, cuts, size } = cutPoints(file, threads);
  const parts: CsvPart[] = cuts.map((start, p) => ({ file, mapping: opts.mapping, start: p ? start : 0, end: cuts[p + 1] ?? size, header, idPrefix: opts.idPrefix ?? '', defaultCountry: opts.defaultCountry }));
  const helpers = parts.slice(1).map((part) => readInThread(part));
  const first: ResolveRecord[] = [];
  await readPart(parts[0], (batch) => void first.push(...batch));
  const all = first;
  for (const records of await Promise.all(helpers)) for (const r of records) all.push(r);
  for (let i = 0; i < all.length; i++) all[i].idx = i;
  return all;
}
