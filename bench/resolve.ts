/**
 * `npm run bench resolve [-- --n 1000000] [--quality-only] [--speed-only] [--store] [--threads T]`: entity-resolution
 * quality on public data with ground truth (bench/resolve-quality.ts), then speed and memory on N
 * synthetic person records (bench/resolve-data.ts): CSV → records → blocking, comparison, EM,
 * scoring, clustering; with `--store`, also through the SQLite store (import, then `resolve run`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemContext } from '../src/model/context.ts';
import { importFile } from '../src/ingest/pipeline.ts';
import type { ResolveRecord } from '../src/resolve/engine/record.ts';
import { readCsvRecords } from '../src/resolve/read-csv.ts';
import { resolveRecords } from '../src/resolve/engine/resolve.ts';
import { evaluate } from '../src/resolve/evaluate.ts';
import { resolveStore } from '../src/resolve/run.ts';
import { openStore } from '../src/store/open.ts';
import { benchPath, figure, fmt, mb } from './lib.ts';
import { generatePeople } from './resolve-data.ts';
import { main as quality } from './resolve-quality.ts';

/** Splink's published figure: about a million records deduplicated in about a minute on a laptop. */
const SPLINK_SECONDS_PER_MILLION = 60;

const MAPPING = resolve(import.meta.dirname, '../mappings/bench/person.yml');

function peak(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** CSV → records on every core (src/resolve/read-csv.ts); `--threads 1` reads in one pass. */
function readRecords(file: string, threads?: number): Promise<ResolveRecord[]> {
  return readCsvRecords(file, { mapping: MAPPING, idPrefix: 'synth.', defaultCountry: 'de', threads });
}

function truthOf(file: string): Map<string, string> {
  const truth = new Map<string, string>();
  const text = readFileSync(file, 'utf8');
  let start = text.indexOf('\n') + 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    truth.set(`synth.${line.slice(0, line.indexOf(','))}`, line.slice(line.lastIndexOf(',') + 1).trim());
    start = end + 1;
  }
  return truth;
}

async function speed(n: number, withStore: boolean, threads?: number): Promise<void> {
  const file = benchPath(`people-${n}.csv`);
  if (!existsSync(file)) {
    const s = await generatePeople({ n, outFile: file });
    figure('synthetic records / people (generated)', `${fmt(s.records)} / ${fmt(s.people)} in ${(s.ms / 1000).toFixed(1)} s`);
  }
  const load0 = loadavg()[0];
  const t0 = performance.now();
  const records = await readRecords(file, threads);
  const t1 = performance.now();
  const phases: string[] = [];
  const onPhase = (name: string, ms: number): void => void phases.push(`${name} ${(ms / 1000).toFixed(1)}`);
  const result = resolveRecords({ records, options: { onPhase } });
  const t2 = performance.now();
  const person = result.stats.families.person;
  figure('records read and normalised', `${fmt(records.length)} in ${((t1 - t0) / 1000).toFixed(1)} s`);
  figure('candidate pairs (blocking)', fmt(person?.candidatePairs ?? 0));
  figure('skipped oversized blocks', fmt(person?.skippedBlocks ?? 0));
  figure('EM iterations / patterns', `${person?.model.em.iterations} / ${person?.model.em.patterns}`);
  figure('links merged (identifier + probabilistic)', `${fmt(result.links.length)} (${fmt(result.stats.identifierLinks)} identifier candidates)`);
  figure('review queue', fmt(result.review.length));
  figure('resolve (block, compare, EM, score, cluster)', `${((t2 - t1) / 1000).toFixed(1)} s`);
  figure('resolve phases (s)', phases.join(', '));
  const total = (t2 - t0) / 1000;
  figure('end to end from CSV', `${total.toFixed(1)} s`);
  figure('ratio to Splink (≈60 s per million; >1 = faster)', ((SPLINK_SECONDS_PER_MILLION * n) / 1e6 / total).toFixed(2));
  figure('peak memory (RSS)', mb(peak()));
  const cpu = process.cpuUsage();
  // On a shared machine wall-clock depends on the other work; CPU time (all threads) and the load say how much.
  figure('CPU time, all threads / load average before, after', `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s / ${load0.toFixed(1)}, ${loadavg()[0].toFixed(1)}`);
  const predicted = new Map<string, number>();
  for (const g of result.clusters.groups()) for (const i of g) predicted.set(records[i].id, g[0]);
  const q = evaluate(predicted, truthOf(file));
  figure('synthetic: pairwise P / R / F1', `${q.pairwise.precision.toFixed(4)} / ${q.pairwise.recall.toFixed(4)} / ${q.pairwise.f1.toFixed(4)}`);
  figure('synthetic: clusters P / R / F1', `${q.clusters.precision.toFixed(4)} / ${q.clusters.recall.toFixed(4)} / ${q.clusters.f1.toFixed(4)}`);
  if (!withStore) return;
  const dir = mkdtempSync(join(benchPath(), 'resolve-store-'));
  const store = await openStore({ data: dir });
  const ctx = systemContext();
  try {
    const t3 = performance.now();
    await importFile(ctx, store, { file, dataset: 'synth', mapping: MAPPING, defaultCountry: 'de', rejectsDir: dir });
    const t4 = performance.now();
    const run = await resolveStore(ctx, store, {});
    const t5 = performance.now();
    figure('store: import into SQLite', `${((t4 - t3) / 1000).toFixed(1)} s`);
    figure('store: resolve run (load / resolve / write)', `${((t5 - t4) / 1000).toFixed(1)} s (${run.seconds.load.toFixed(1)} / ${run.seconds.resolve.toFixed(1)} / ${run.seconds.write.toFixed(1)})`);
    figure('store: judgements / review', `${fmt(run.judgements)} / ${fmt(run.review)}`);
    figure('peak memory (RSS) incl. store', mb(peak()));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { n: { type: 'string', default: '1000000' }, 'quality-only': { type: 'boolean' }, 'speed-only': { type: 'boolean' }, store: { type: 'boolean' }, threads: { type: 'string' } },
  });
  if (!values['speed-only']) await quality();
  if (!values['quality-only']) await speed(Number(values.n), values.store ?? false, values.threads ? Number(values.threads) : undefined);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
