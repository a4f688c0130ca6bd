/**
 * Store write micro-benchmark: `SqliteStore.writeBatch` of realistic statements (people records, 8
 * statements an entity, 3 of them searchable, one dataset/source/grading a batch) into a fresh file,
 * against a raw better-sqlite3 insert of the same rows into a plain unindexed 18-column table.
 * Batches alternate between the two so machine load hits both alike; wall and CPU time are reported.
 * Usage: npm run bench -- store-write [--statements 1000000] [--batch 50000] [--keep]
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

/** Wall and CPU (user + system) seconds of `fn`. */
function measure(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

const storePath = benchPath('store-write.db');
const rawPath = benchPath('store-write-raw.db');
for (const p of [storePath, rawPath]) for (const s of ['', '-wal', '-shm']) rmSync(p + s, { force: true });

const store = new SqliteStore({ path: storePath, model });
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
    let done: Promise<unknown> = Promise.resolve();
    // writeBatch does all its work synchronously inside the call; the promise only carries the result.
    const t = measure(() => {
      done = store.writeBatch(ctx, { dataset: 'bench', statements: stmts, checkpoint: { jobId: job.id, checkpoint: { batch: b }, progress: { done: b + 1, total: batches } } });
    });
    await done;
    ours.wall += t.wall;
    ours.cpu += t.cpu;
    ours.n += stmts.length;
  };
  const runRaw = (): void => {
    const t = measure(() => insertRaw(stmts));
    theirs.wall += t.wall;
    theirs.cpu += t.cpu;
    theirs.n += stmts.length;
  };
  if (b % 2 === 0) {
    await runOurs();
    runRaw();
  } else {
    runRaw();
    await runOurs();
  }
}
const count = await store.countStatements(ctx);
if (count !== ours.n) throw new Error(`store holds ${count} statements, wrote ${ours.n}`);
await store.close();
raw.close();

const size = (p: string): number => [p, `${p}-wal`].reduce((a, f) => a + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
figure('input', `${fmt(ours.n)} statements in ${batches} batches of ${fmt(batchSize)}, ${(searchable * 100).toFixed(1)} % searchable`);
figure('SqliteStore.writeBatch', `${fmt(ours.n / ours.wall)} statements/s wall (${ours.wall.toFixed(2)} s), ${fmt(ours.n / ours.cpu)} /s CPU (${ours.cpu.toFixed(2)} s)`);
figure('raw better-sqlite3 insert, plain 18-column table', `${fmt(theirs.n / theirs.wall)} rows/s wall (${theirs.wall.toFixed(2)} s), ${fmt(theirs.n / theirs.cpu)} /s CPU (${theirs.cpu.toFixed(2)} s)`);
figure('ratio writeBatch / raw (wall; CPU)', `${(theirs.wall / ours.wall).toFixed(2)}; ${(theirs.cpu / ours.cpu).toFixed(2)}`);
figure('file sizes (store; raw)', `${mb(size(storePath))}; ${mb(size(rawPath))}`);
if (!args.includes('--keep')) for (const p of [storePath, rawPath]) for (const s of ['', '-wal', '-shm']) rmSync(p + s, { force: true });
