/**
 * Ingest benchmark (issue 3): a generated 1M-row CSV through the mapping into SQLite end to end, the
 * ratio to a raw better-sqlite3 bulk insert of the same statement rows, PostgreSQL ingest, and peak
 * memory while importing a 2 GB file. Usage: npm run bench -- ingest [--rows N] [--big-gb G] [--no-pg]
 */
import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openReader } from '../src/ingest/formats.ts';
import { importFile } from '../src/ingest/pipeline.ts';
import { buildStatements, type BuildBase } from '../src/ingest/to-statements.ts';
import { systemContext } from '../src/model/context.ts';
import { loadModel } from '../src/model/schema.ts';
import type { Statement } from '../src/model/statement.ts';
import { tlpLevel } from '../src/model/handling.ts';
import { openStore } from '../src/store/open.ts';
import { bigFtm, peopleCsv, peopleMapping } from './ingest-data.ts';
import { benchPath, figure, fmt, mb, timed } from './lib.ts';

const args = process.argv.slice(2);
const arg = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : def;
};
const rows = Number(arg('--rows', '1000000'));
const bigGb = Number(arg('--big-gb', '2'));
const ctx = systemContext();

const csv = benchPath(`people-${rows}.csv`);
const mapping = benchPath('people.yml');
await peopleCsv(csv, rows);
peopleMapping(mapping);
figure('input', `${fmt(rows)} CSV rows, ${mb(statSync(csv).size)}`);

// 1. Corvid end to end on SQLite.
const sqliteDir = benchPath('sqlite-store');
rmSync(sqliteDir, { recursive: true, force: true });
const store = await openStore({ data: sqliteDir });
const ours = await timed(() => importFile(ctx, store, { file: csv, mapping, dataset: 'bench', rejectsDir: `${sqliteDir}/rejects`, batchSize: 50_000 }));
await store.close();
const statements = ours.value.statements.written;
const oursRate = statements / ours.seconds;
figure('SQLite end to end (CSV → mapping → store)', `${fmt(statements)} statements in ${ours.seconds.toFixed(1)} s = ${fmt(oursRate)} statements/s`);
figure('  records', `read ${fmt(ours.value.read)}, imported ${fmt(ours.value.imported)}, rejected ${ours.value.rejected}, values rejected ${ours.value.rejectedValues}`);

// 2. The raw better-sqlite3 baseline: the same statement rows, one plain table, one transaction per batch.
const rawPath = benchPath('raw.db');
rmSync(rawPath, { force: true });
const raw = new Database(rawPath);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = NORMAL');
raw.exec('CREATE TABLE s (id TEXT, entity_id TEXT, schema TEXT, prop TEXT, value TEXT, original TEXT, dataset TEXT, source TEXT, record TEXT, first_seen TEXT, last_seen TEXT, grading TEXT, compartment TEXT, tlp INTEGER, handling TEXT, handling_note TEXT, importer TEXT, is_ref INTEGER)');
const ins = raw.prepare('INSERT INTO s VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
const insertMany = raw.transaction((batch: Statement[]) => {
  for (const s of batch) ins.run(s.id, s.entityId, s.schema, s.prop, s.value, s.original, s.dataset, s.source, s.record, s.firstSeen, s.lastSeen, s.grading, s.compartment, tlpLevel(s.tlp), s.handling, s.handlingNote, s.importer, s.isRef ? 1 : 0);
});
const model = loadModel();
const base: BuildBase = { dataset: 'bench', source: 'people.csv', importer: 'bench', grading: 'X4', compartment: '', tlp: 'AMBER', handling: 'H0', handlingNote: '', seen: new Date().toISOString().slice(0, 19) };
const reader = await openReader('csv', { mapping });
const { createReadStream } = await import('node:fs');
let rawSeconds = 0;
let rawCount = 0;
let pending: Statement[] = [];
const flush = (): void => {
  const t0 = process.hrtime.bigint();
  insertMany(pending);
  rawSeconds += Number(process.hrtime.bigint() - t0) / 1e9;
  rawCount += pending.length;
  pending = [];
};
for await (const item of reader(createReadStream(csv) as AsyncIterable<Buffer>, { fileName: 'people.csv' })) {
  if (item.kind !== 'entities') continue;
  const b = buildStatements(model, base, String(item.line), item.entities, item.meta);
  if (b.ok) for (const s of b.statements) pending.push(s);
  if (pending.length >= 50_000) flush();
}
flush();
raw.close();
const rawRate = rawCount / rawSeconds;
figure('raw better-sqlite3 insert of the same statement rows', `${fmt(rawCount)} rows in ${rawSeconds.toFixed(1)} s = ${fmt(rawRate)} rows/s`);
figure('ratio Corvid end to end / raw insert (goal ≥ 0.4)', (oursRate / rawRate).toFixed(2));

// 3. PostgreSQL.
if (!args.includes('--no-pg')) {
  const pgRows = Number(arg('--pg-rows', String(Math.min(rows, 250_000))));
  const pgCsv = benchPath(`people-${pgRows}.csv`);
  await peopleCsv(pgCsv, pgRows);
  const admin = new pg.Client({ connectionString: process.env.CORVID_BENCH_PG_ADMIN ?? `postgresql://${userInfo().username}@127.0.0.1/postgres` });
  try {
    await admin.connect();
    const db = `corvid_bench_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${db}`);
    try {
      const url = `postgresql://${userInfo().username}@127.0.0.1/${db}`;
      const pgStore = await openStore({ db: url });
      const r = await timed(() => importFile(ctx, pgStore, { file: pgCsv, mapping, dataset: 'bench', rejectsDir: benchPath('pg-rejects'), batchSize: 50_000 }));
      await pgStore.close();
      figure('PostgreSQL end to end (CSV → mapping → store)', `${fmt(r.value.statements.written)} statements in ${r.seconds.toFixed(1)} s = ${fmt(r.value.statements.written / r.seconds)} statements/s (${fmt(pgRows)} rows)`);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    }
  } catch (err) {
    figure('PostgreSQL', `not measured: ${(err as Error).message}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

// 4. Peak memory while importing a big file, in a separate process.
if (bigGb > 0) {
  const big = benchPath(`big-${bigGb}gb.ftm.json`);
  await bigFtm(big, bigGb * 1024 ** 3);
  const dir = benchPath('big-store');
  rmSync(dir, { recursive: true, force: true });
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/ingest-child.ts', big, dir, 'ftm'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) figure('big-file import', `failed: ${child.stderr.slice(-500)}`);
  else {
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as { seconds: number; statements: number; records: number; maxRssBytes: number };
    figure(`peak memory importing a ${mb(statSync(big).size)} file (goal < 500 MB)`, `${mb(r.maxRssBytes)} RSS (${fmt(r.records)} records, ${fmt(r.statements)} statements in ${r.seconds.toFixed(0)} s)`);
  }
  rmSync(dir, { recursive: true, force: true });
}
