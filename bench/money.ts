/**
 * `npm run bench -- money [--transfers 10000000] [--store-transfers 1000000] [--seed 7]`: follow the money at scale.
 * Loads a seeded synthetic ledger (bench/money-data.ts) from its CSV through the fast path (goal ≤ 60 s for 10M
 * transfers), traces 6 hops from the busiest account under FIFO, haircut and poison (goal ≤ 1 s each), and times
 * loadLedger from a SQLite store of Payments (--store-transfers; figures beyond what was run are marked extrapolated).
 * Each figure is printed as wall-clock and CPU seconds with the 1-minute load average: the machine is shared.
 */
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { systemContext } from '../src/model/context.ts';
import { statementId, type Statement } from '../src/model/statement.ts';
import { loadLedgerCsv } from '../src/money/csv.ts';
import { loadLedger } from '../src/money/load.ts';
import type { Ledger } from '../src/money/ledger.ts';
import { trace } from '../src/money/trace.ts';
import { openStore } from '../src/store/open.ts';
import { benchPath, figure, fmt, mb } from './lib.ts';
import { ensureLedgerCsv } from './money-data.ts';

const seconds = (t0: number): number => (performance.now() - t0) / 1000;
const rss = (): string => mb(process.resourceUsage().maxRSS * 1024);
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Wall-clock and CPU seconds of a step, with the 1-minute load average: the machine is shared, so both matter. */
function clock(): () => { wall: number; text: string } {
  const t = performance.now();
  const c = cpuNow();
  return () => {
    const wall = seconds(t);
    return { wall, text: `${wall.toFixed(2)} s (CPU ${(cpuNow() - c).toFixed(2)} s, load avg ${loadavg()[0]!.toFixed(1)})` };
  };
}

/** The 20 busiest receivers after a0 are exchanges: the cash-out points. */
const EXCHANGES = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`a${i + 1}`, 'exchange']));

function traces(l: Ledger): void {
  const busiest = l.nodeIds.indexOf('a0');
  const mid = l.time[l.byTime![Math.floor(l.size / 2)]!]!;
  // FIFO twice: the first trace in a currency also makes the ledger's prefix balances (kept for the next ones).
  for (const [model, note] of [['fifo', ''], ['fifo', ' again'], ['haircut', ''], ['poison', '']] as const) {
    const done = clock();
    const r = trace(l, { from: { node: 'a0', time: mid, amount: '50000' }, model, maxHops: 6, minAmount: '0.01' });
    const { wall, text } = done();
    figure(`trace ${model}${note}, 6 hops, 50,000 EUR from ${l.nodeIds[busiest]} (goal ≤ 1 s)`, `${text} ${wall <= 1 ? '(met)' : '(missed)'}`);
    figure(`  rows traced / nodes reached / endpoints / cash-out points`, `${fmt(r.rowsTraced)} / ${fmt(r.nodesReached)} / ${fmt(r.endpointCount)} / ${fmt(r.cashOut.length)}`);
    figure(`  left / at endpoints / intermediate / below min (EUR)`, `${r.totals.left.amount} / ${r.totals.atEndpoints.amount} / ${r.totals.inIntermediate.amount} / ${r.totals.belowMinimum.amount}`);
  }
}

/** Payments from the CSV's rows as statements, written to a fresh SQLite store in batches. */
async function storeFigures(transfers: number, seed: number): Promise<void> {
  const file = ensureLedgerCsv(transfers, seed);
  const dir = benchPath('money-store');
  rmSync(dir, { recursive: true, force: true });
  const ctx = systemContext();
  const store = await openStore({ data: dir });
  await store.upsertDataset(ctx, { name: 'bench' });
  const base = { original: '', dataset: 'bench', source: 'money.csv', record: '', firstSeen: '2024-06-01T00:00:00.000Z', lastSeen: '2024-06-01T00:00:00.000Z', grading: 'B2', compartment: '', tlp: 'GREEN', handling: 'H0', handlingNote: '', importer: 'system' } as const;
  const st = (entityId: string, prop: string, value: string, isRef = false): Statement => {
    const s = { ...base, entityId, schema: 'Payment', prop, value, isRef };
    return { ...s, id: statementId(s) };
  };
  let done = clock();
  let batch: Statement[] = [];
  const lines = readFileSync(file, 'latin1').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const [from, to, time, amount, currency, id] = lines[i]!.split(',');
    if (!id) continue;
    const e = `bench.${id}`;
    batch.push(st(e, 'payer', `bench.${from}`, true), st(e, 'beneficiary', `bench.${to}`, true), st(e, 'amount', amount!), st(e, 'currency', currency!), st(e, 'date', new Date(Number(time) * 1000).toISOString().slice(0, 19)));
    if (batch.length >= 50_000) {
      await store.writeBatch(ctx, { dataset: 'bench', statements: batch });
      batch = [];
    }
  }
  if (batch.length) await store.writeBatch(ctx, { dataset: 'bench', statements: batch });
  figure(`store: write ${fmt(transfers)} Payments (5 statements each)`, done().text);
  done = clock();
  const { ledger } = await loadLedger(ctx, store);
  const { wall: s, text } = done();
  figure(`store: loadLedger of ${fmt(ledger.size)} transfers`, `${text}, ${fmt(ledger.size / s)} rows/s`);
  figure('store: loadLedger of 10,000,000 transfers (extrapolated, linear)', `${((s * 10_000_000) / ledger.size).toFixed(0)} s`);
  await store.close();
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { transfers: { type: 'string', default: '10000000' }, 'store-transfers': { type: 'string', default: '1000000' }, seed: { type: 'string', default: '7' } } });
  const n = Number(values.transfers);
  const seed = Number(values.seed);
  let done = clock();
  const file = ensureLedgerCsv(n, seed);
  figure('synthetic ledger CSV (generated once, cached)', `${file} (${done().text})`);
  done = clock();
  const { ledger, skipped } = await loadLedgerCsv(file, EXCHANGES);
  const { wall, text } = done();
  figure(`load ${fmt(ledger.size)} transfers from CSV (goal ≤ 60 s)`, `${text} ${wall <= 60 ? '(met)' : '(missed)'}, ${fmt(skipped)} skipped`);
  figure('  nodes / peak RSS after load', `${fmt(ledger.nodeCount)} / ${rss()}`);
  traces(ledger);
  figure('peak RSS after traces', rss());
  const storeN = Number(values['store-transfers']);
  if (storeN > 0) await storeFigures(storeN, seed);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
