/** Tests of the clustering core: spanning links, the CoinJoin guard in context, negatives, blocks, the size cap, idempotence, ledger input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LedgerBuilder } from '../ledger.ts';
import { clusterWallets } from './cluster.ts';
import { txsFromLedger } from './from-ledger.ts';
import type { ClusterTx, TxLeg } from './types.ts';

const leg = (wallet: string, sat: bigint): TxLeg => ({ wallet, amount: sat });
const tx = (id: string, time: number, inputs: TxLeg[], outputs: TxLeg[]): ClusterTx => ({ id, hash: `h-${id}`, time, scale: 8, inputs, outputs });
const pairs = (r: ReturnType<typeof clusterWallets>): string[][] => r.links.map((l) => [l.a, l.b, l.heuristic]);

// t0: X pays S (S is now "seen before"). t1: A, B, C pay S 0.5 BTC with fresh change F. t2: a CoinJoin of five.
const t0 = tx('t0', 10, [leg('X', 100_000_000n)], [leg('S', 99_990_000n)]);
const t1 = tx('t1', 20, [leg('A', 30_000_000n), leg('B', 20_000_000n), leg('C', 15_000_000n)], [leg('S', 50_000_000n), leg('F', 14_990_000n)]);
const cj = tx('t2', 30, ['W1', 'W2', 'W3', 'W4', 'W5'].map((w) => leg(w, 1_050_000n)), ['O1', 'O2', 'O3', 'O4', 'O5'].map((w) => leg(w, 1_000_000n)));

test('a payer with three inputs and fresh change forms one cluster; the CoinJoin joins nobody', () => {
  const r = clusterWallets([cj, t1, t0]);
  // CIO first (0.95), then the weaker change link (fresh and round agree: 0.6; optimal: F is below every input, 0.3).
  assert.deepEqual(pairs(r), [
    ['A', 'B', 'cio'],
    ['A', 'C', 'cio'],
    ['A', 'F', 'change'],
  ]);
  assert.deepEqual(r.links[2].rules, ['change:fresh', 'change:round', 'change:optimal']);
  assert.equal(r.links[2].confidence, 0.6);
  assert.deepEqual(r.groups, [['A', 'B', 'C', 'F']]);
  assert.deepEqual(r.coinjoins.map((c) => [c.tx, c.rule, c.equalOutputs]), [['t2', 'equal-outputs', 5]]);
  assert.deepEqual(r.stats, { transactions: 3, coinjoins: 1, cio: 2, change: 1, changeConflicts: 0, redundant: 0 });
  // Without the change heuristic only the inputs join.
  assert.deepEqual(clusterWallets([cj, t1, t0], { change: false }).groups, [['A', 'B', 'C']]);
});

test('a negative judgement blocks a link, also through a third wallet, and is reported', () => {
  const r = clusterWallets([t1], { change: false, negatives: [['A', 'C']] });
  assert.deepEqual(pairs(r), [['A', 'B', 'cio']]);
  assert.equal(r.refused.length, 1);
  assert.deepEqual([r.refused[0].why, r.refused[0].link.b, [...(r.refused[0].against ?? [])].sort()], ['negative', 'C', ['A', 'C']]);
  // B–C would put C beside A through B: refused as well.
  const t3 = tx('t3', 40, [leg('B', 1n), leg('C', 1n)], [leg('Y', 1n)]);
  const both = clusterWallets([t1, t3], { change: false, negatives: [['A', 'C']] });
  assert.deepEqual(both.groups, [['A', 'B']]);
  assert.deepEqual(both.refused.map((x) => [x.link.a, x.link.b, x.why]), [['A', 'C', 'negative'], ['B', 'C', 'negative']]);
});

test('the size cap refuses the join that would grow a cluster past it, and says so', () => {
  const big = tx('t4', 1, ['A', 'B', 'C', 'D'].map((w) => leg(w, 1n)), [leg('Y', 3n)]);
  const r = clusterWallets([big], { maxClusterSize: 3 });
  assert.deepEqual(pairs(r), [['A', 'B', 'cio'], ['A', 'C', 'cio']]);
  assert.deepEqual(r.refused.map((x) => [x.link.b, x.why]), [['D', 'cap']]);
});

test('known pairs are joined first and give no new link: a second run over the same data adds nothing', () => {
  const first = clusterWallets([t0, t1]);
  const again = clusterWallets([t0, t1], { known: first.links.map((l) => [l.a, l.b] as const) });
  assert.equal(again.links.length, 0);
  assert.equal(again.stats.redundant, 3);
  assert.deepEqual(again.groups, first.groups);
  // A blocked pair (a judgement an analyst undid on its own) is not linked again.
  const blocked = clusterWallets([t1], { change: false, blocked: (a, b) => a === 'A' && b === 'B' });
  assert.deepEqual(pairs(blocked), [['A', 'C', 'cio']]);
  assert.deepEqual(blocked.refused.map((x) => [x.link.b, x.why]), [['B', 'blocked']]);
});

test('UTXO transactions are read from a ledger’s tx nodes', () => {
  const b = new LedgerBuilder();
  const add = (from: string, to: string, amount: string, fromTx: boolean): void => {
    b.add({ from, to, time: 1_700_000_000, amount, currency: 'BTC', transferId: 'ds.tx1' }, fromTx ? 'tx' : 'wallet', fromTx ? 'wallet' : 'tx');
  };
  add('ds.a', 'ds.tx1', '0.3', false);
  add('ds.b', 'ds.tx1', '0.2', false);
  add('ds.tx1', 'ds.m', '0.45', true);
  add('ds.tx1', 'ds.z', '0.0499', true);
  const [t] = txsFromLedger(b.build(), new Map([['ds.tx1', 'abc123']]));
  assert.deepEqual(t, {
    id: 'ds.tx1', hash: 'abc123', time: 1_700_000_000, scale: 8,
    inputs: [leg('ds.a', 30_000_000n), leg('ds.b', 20_000_000n)],
    outputs: [leg('ds.m', 45_000_000n), leg('ds.z', 4_990_000n)],
  });
  assert.deepEqual(clusterWallets([t], { change: false }).groups, [['ds.a', 'ds.b']]);
});
