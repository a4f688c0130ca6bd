/** Resolution quality on public data with ground truth (Febrl 1, 2, 4a+4b; Splink's fake_1000): pairwise, cluster and B³ F1. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemContext } from '../src/model/context.ts';
import { importFile } from '../src/ingest/pipeline.ts';
import { evaluate, type Quality } from '../src/resolve/evaluate.ts';
import { resolveStore } from '../src/resolve/run.ts';
import { openStore } from '../src/store/open.ts';
import { figure } from './lib.ts';

const DATA = resolve(import.meta.dirname, '../../shared/data');
const MAPPINGS = resolve(import.meta.dirname, '../mappings');

interface QualityCase {
  name: string;
  files: { file: string; dataset: string; mapping: string }[];
  /** The true entity of a record, from its id (Febrl: rec-N-…) or a truth column. */
  truth: (entityId: string) => string;
}

async function splinkTruth(): Promise<Map<string, string>> {
  const { readFile } = await import('node:fs/promises');
  const rows = (await readFile(join(DATA, 'splink-fake/fake_1000.csv'), 'utf8')).trim().split('\n').slice(1);
  return new Map(rows.map((r) => [r.split(',')[0], r.split(',').at(-1) as string]));
}

const febrl = (id: string): string => /rec-(\d+)-/.exec(id)?.[1] ?? id;

export async function qualityCases(): Promise<QualityCase[]> {
  const splink = await splinkTruth();
  const fm = join(MAPPINGS, 'febrl/person.yml');
  return [
    { name: 'febrl dataset1', files: [{ file: 'febrl/dataset1.csv', dataset: 'febrl1', mapping: fm }], truth: febrl },
    { name: 'febrl dataset2', files: [{ file: 'febrl/dataset2.csv', dataset: 'febrl2', mapping: fm }], truth: febrl },
    {
      name: 'febrl dataset4a + 4b',
      files: [{ file: 'febrl/dataset4a.csv', dataset: 'febrl4a', mapping: fm }, { file: 'febrl/dataset4b.csv', dataset: 'febrl4b', mapping: fm }],
      truth: febrl,
    },
    {
      name: 'splink fake_1000',
      files: [{ file: 'splink-fake/fake_1000.csv', dataset: 'splink', mapping: join(MAPPINGS, 'splink/person.yml') }],
      truth: (id) => splink.get(id.slice(id.indexOf('.') + 1)) ?? id,
    },
  ];
}

/** Imports a case into a fresh store, resolves it with the defaults and scores the clusters. */
export async function runCase(c: QualityCase): Promise<{ quality: Quality; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'corvid-rq-'));
  const store = await openStore({ data: dir });
  const ctx = systemContext();
  try {
    for (const f of c.files) await importFile(ctx, store, { file: join(DATA, f.file), dataset: f.dataset, mapping: f.mapping, rejectsDir: dir });
    const t0 = performance.now();
    const run = await resolveStore(ctx, store, {});
    const seconds = (performance.now() - t0) / 1000;
    const truth = new Map<string, string>();
    for await (const e of store.iterateEntities(ctx, {})) truth.set(e.id, c.truth(e.id));
    const predicted = new Map<string, string>();
    for (const [id, canonical] of run.canonical) predicted.set(id, canonical);
    return { quality: evaluate(predicted, truth), seconds };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function f(x: number): string {
  return x.toFixed(4);
}

export async function main(): Promise<void> {
  for (const c of await qualityCases()) {
    const { quality: q, seconds } = await runCase(c);
    figure(`${c.name}: records / true pairs / predicted pairs`, `${q.records} / ${q.truePairs} / ${q.predictedPairs}`);
    figure(`${c.name}: pairwise P / R / F1`, `${f(q.pairwise.precision)} / ${f(q.pairwise.recall)} / ${f(q.pairwise.f1)}`);
    figure(`${c.name}: clusters P / R / F1`, `${f(q.clusters.precision)} / ${f(q.clusters.recall)} / ${f(q.clusters.f1)}`);
    figure(`${c.name}: B-cubed P / R / F1`, `${f(q.bcubed.precision)} / ${f(q.bcubed.recall)} / ${f(q.bcubed.f1)}`);
    figure(`${c.name}: resolve time`, `${seconds.toFixed(2)} s`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
