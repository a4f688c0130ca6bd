/**
 * Store write micro-benchmark: `SqliteStore.writeBatch` of realistic statements (people records, 8
 * statements an entity, 3 of them searchable, one dataset/source/grading a batch) into a fresh file,
 * against a raw better-sqlite3 insert of the same rows into a plain unindexed 18-column table.
 * Batches alternate between the two so machine load hits both alike; wall and CPU time are reported.
 * `--writer-threshold N` sends batches of N or more statements to the store's writer thread (timed from
 * the call until the batch is committed; CPU then counts both threads).
 * Usage: npm run bench -- store-write [--statements 1000000] [--batch 50000] [--writer-threshold N] [--keep]
 */
import { rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { systemContext } from '../src/model/context.ts';
import { loadModel } from '../src/model/schema.ts';
import type { Statement } from '../src/model/statement.ts';
import { statementToRow } from '../src/store/visibility.ts';
import { SqliteStore } from '../src/store/sqlite/store.ts';
import { benchPath, figure, fmt, mb } from './lib.ts';
import { peopleBatch } from './store-write-data.ts';

const args = process.argv.slice(2);
const arg = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : def;
};
const total = Number(arg('--statements', '1000000'));
const batchSize = Number(arg('--batch', '50000'));
const model = loadModel();
const ctx = systemContext();

/** Wall and CPU (user + system, every thread of the process) seconds of `fn`. */
async function measure(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

const storePath = benchPath('store-write.db');
const rawPath = benchPath('store-write-raw.db');
for (const p of [storePath, rawPath]) for (const s of ['', '-wal', '-shm']) rmSync(p + s, { force: true });

const store = new SqliteStore({ path: storePath, model, writerThreshold: Number(arg('--writer-threshold', 'Infinity')) });
await store.migrate();
await store.upsertDataset(ctx, { name: 'bench' });
const job = await store.createJob(ctx, { kind: 'import', params: {} });

const raw = new Database(rawPath);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = NORMAL');
raw.exec(`CREATE TABLE s (id TEXT, entity_id TEXT, schema TEXT, prop TEXT, value TEXT, original TEXT, dataset TEXT, source TEXT, record TEXT,
  first_seen TEXT, last_seen TEXT, grading TEXT, compartment TEXT, tlp INTEGER, handling TEXT, handling_note TEXT, importer TEXT, is_ref INTEGER)`);
const ins = raw.prepare('INSERT INTO s VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
const insertRaw = raw.transaction((batch: readonly Statement[]) => {
  for (const s of batch) ins.run(statementToRow(s));
});

const ours = { wall: 0, cpu: 0, n: 0 };
const theirs = { wall: 0, cpu: 0, n: 0 };
const batches = Math.ceil(total / batchSize);
let searchable = 0;
for (let b = 0; b < batches; b++) {
  const stmts = peopleBatch(model, b, batchSize);
  if (b === 0) searchable = stmts.filter((s) => ['name', 'email', 'phone'].includes(s.prop)).length / stmts.length;
  const runOurs = async (): Promise<void> => {
    const t = await measure(() => store.writeBatch(ctx, { dataset: 'bench', statements: stmts, checkpoint: { jobId: job.id, checkpoint: { batch: b }, progress: { done: b + 1, total: batches } } }));
    ours.wall += t.wall;
    ours.cpu += t.cpu;
    ours.n += stmts.length;
  };
  const runRaw = async (): Promise<void> => {
    const t = await measure(() => insertRaw(stmts));
    theirs.wall += t.wall;
    theirs.cpu += t.cpu;
    theirs.n += stmts.length;
  };
  if (b % 2 === 0) {
    await runOurs();
    await runRaw();
  } else {
    await runRaw();
    await runOurs();
  }
}
const count = await store.countStatements(ctx);
if (count !== ours.n) throw new Error(`store holds ${count} statements, wrote ${ours.n}`);

// Re-importing (every statement exists: the idempotent path) the first batches, up to 200k statements.
const again = { wall: 0, cpu: 0, n: 0 };
for (let b = 0; b < Math.min(batches, Math.ceil(200_000 / batchSize)); b++) {
  const stmts = peopleBatch(model, b, batchSize);
  let inserted = 0;
  const t = await measure(async () => {
    inserted = (await store.writeBatch(ctx, { dataset: 'bench', statements: stmts })).inserted;
  });
  if (inserted !== 0) throw new Error('a re-imported statement was inserted again');
  again.wall += t.wall;
  again.cpu += t.cpu;
  again.n += stmts.length;
}
await store.close();
raw.close();

const size = (p: string): number => [p, `${p}-wal`].reduce((a, f) => a + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
figure('input', `${fmt(ours.n)} statements in ${batches} batches of ${fmt(batchSize)}, ${(searchable * 100).toFixed(1)} % searchable`);
figure('SqliteStore.writeBatch', `${fmt(ours.n / ours.wall)} statements/s wall (${ours.wall.toFixed(2)} s), ${fmt(ours.n / ours.cpu)} /s CPU (${ours.cpu.toFixed(2)} s)`);
figure('raw better-sqlite3 insert, plain 18-column table', `${fmt(theirs.n / theirs.wall)} rows/s wall (${theirs.wall.toFixed(2)} s), ${fmt(theirs.n / theirs.cpu)} /s CPU (${theirs.cpu.toFixed(2)} s)`);
figure('ratio writeBatch / raw (wall; CPU)', `${(theirs.wall / ours.wall).toFixed(2)}; ${(theirs.cpu / ours.cpu).toFixed(2)}`);
figure('SqliteStore.writeBatch re-import (all unchanged)', `${fmt(again.n / again.wall)} statements/s wall, ${fmt(again.n / again.cpu)} /s CPU (${fmt(again.n)} statements)`);
figure('file sizes (store; raw)', `${mb(size(storePath))}; ${mb(size(rawPath))}`);
if (!args.includes('--keep')) for (const p of [storePath, rawPath]) for (const s of ['', '-wal', '-shm']) rmSync(p + s, { force: true });
