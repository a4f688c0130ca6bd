// The event-driven sweep against the scan: seeded random ledgers, many sources and options, the same reports.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LedgerBuilder, type Ledger } from './ledger.ts';
import { traceBy } from './trace.ts';
import type { TraceOptions } from './trace-types.ts';

/** A small PRNG (mulberry32): the same ledgers every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Few nodes, a few busy ones, few distinct times (many same-time groups, same-time cycles and self-rows), a second
 * currency, services; with `huge`, one row past 2^53 units so the ledger runs in bigint.
 */
function randomLedger(seed: number, rows: number, huge = false): Ledger {
  const next = random(seed);
  const b = new LedgerBuilder();
  const nodes = 24;
  const pick = (): string => `n${next() < 0.4 ? Math.floor(next() * 3) : Math.floor(next() * nodes)}`;
  for (let i = 0; i < rows; i++) {
    const from = pick();
    const to = next() < 0.03 ? from : pick();
    const time = Math.floor(next() * rows * 0.3);
    const amount = `${1 + Math.floor(next() * (next() < 0.2 ? 5000 : 300))}.${String(Math.floor(next() * 100)).padStart(2, '0')}`;
    b.add({ from, to, time, amount, currency: next() < 0.08 ? 'USD' : 'EUR', transferId: `t${i}` });
  }
  if (huge) b.addUnits(b.node('P'), b.node('Q'), rows, 2n ** 53n, b.currency('EUR'), 'huge');
  for (const n of ['n20', 'n21']) b.tag(n, 'exchange', 'account');
  b.tag('n22', 'casino', 'account');
  return b.build();
}

function sources(l: Ledger, seed: number): TraceOptions[] {
  const next = random(seed);
  const out: TraceOptions[] = [];
  const last = Math.max(...l.time);
  for (let n = 0; n < 24; n++) {
    const node = `n${n}`;
    if (!l.nodeIds.includes(node)) continue;
    const time = Math.floor(next() * last * 0.8);
    out.push({ from: { node, time }, model: 'fifo' });
    out.push({ from: { node, time, amount: `${1 + Math.floor(next() * 2000)}` }, model: 'fifo', maxHops: 1 + Math.floor(next() * 6), minAmount: next() < 0.3 ? '5' : undefined });
    out.push({ from: { node, time, amount: '500' }, model: 'fifo', currency: 'USD', stopCategories: ['casino'] });
    out.push({ from: { node, time: 0, amount: '800' }, model: 'fifo', since: Math.floor(last * 0.1), until: Math.floor(last * 0.9), stopAtServices: next() < 0.5 });
  }
  for (let k = 0; k < 20; k++) out.push({ from: { row: Math.floor(next() * l.size) }, model: 'fifo', maxHops: 2 + (k % 5) });
  return out;
}

describe('event sweep', () => {
  for (const [seed, rows, huge] of [[1, 400, false], [2, 1500, false], [3, 3000, false], [4, 800, true], [5, 2500, false]] as const) {
    test(`FIFO forward reports are the scan's on random ledger ${seed} (${rows} rows${huge ? ', bigint' : ''})`, () => {
      const l = randomLedger(seed, rows, huge);
      let checked = 0;
      for (const options of sources(l, seed * 7)) {
        let scan: unknown;
        try {
          scan = traceBy(l, options, 'scan');
        } catch {
          continue; // no rows in that currency from that node, and the like: both paths refuse it
        }
        assert.deepEqual(traceBy(l, options, 'events'), scan, JSON.stringify(options));
        assert.deepEqual(traceBy(l, options, 'auto'), scan, JSON.stringify(options));
        checked++;
      }
      assert.ok(checked >= 60, `${checked} traces compared`);
    });
  }

  test('other models through the events give the same reports as the scan', () => {
    const l = randomLedger(9, 1200);
    for (const model of ['haircut', 'poison'] as const) {
      for (const options of sources(l, 11).slice(0, 30)) {
        const o = { ...options, model };
        let scan: unknown;
        try {
          scan = traceBy(l, o, 'scan');
        } catch {
          continue;
        }
        assert.deepEqual(traceBy(l, o, 'events'), scan, JSON.stringify(o));
      }
    }
  });
});
