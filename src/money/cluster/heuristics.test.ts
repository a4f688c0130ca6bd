/** Tests of the clustering heuristics on hand-built transactions: the CoinJoin guard, common-input-ownership, the change rules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressType } from './address-type.ts';
import { addressHistory, changeLink } from './change.ts';
import { cioLinks } from './cio.ts';
import { isCoinJoin } from './coinjoin.ts';
import type { ClusterTx, TxLeg } from './types.ts';

const BTC = 100_000_000n;
const leg = (wallet: string, sat: bigint): TxLeg => ({ wallet, amount: sat });
const tx = (id: string, time: number, inputs: TxLeg[], outputs: TxLeg[]): ClusterTx => ({ id, hash: `h-${id}`, time, scale: 8, inputs, outputs });

/** A payer spends three inputs to pay a merchant, with change. */
const payer = tx('t1', 100, [leg('A', 30_000_000n), leg('B', 20_000_000n), leg('C', 15_000_000n)], [leg('M', 60_000_000n), leg('Z', 4_990_000n)]);
/** Whirlpool-like: five wallets in, five outputs of 0.01 BTC out. */
const coinjoin = tx('cj', 100, ['W1', 'W2', 'W3', 'W4', 'W5'].map((w) => leg(w, 1_050_000n)), ['O1', 'O2', 'O3', 'O4', 'O5'].map((w) => leg(w, 1_000_000n)));

test('common-input-ownership links every input wallet to the first one: n − 1 links, not all pairs', () => {
  const links = cioLinks(payer);
  assert.deepEqual(
    links.map((l) => [l.a, l.b, l.heuristic, l.tx, l.txHash, l.confidence]),
    [
      ['A', 'B', 'cio', 't1', 'h-t1', 0.95],
      ['A', 'C', 'cio', 't1', 'h-t1', 0.95],
    ],
  );
  // Repeated input wallets count once; a single input wallet links nothing; unlinkable wallets are skipped.
  assert.equal(cioLinks(tx('t2', 1, [leg('A', 1n), leg('A', 2n)], [])).length, 0);
  assert.deepEqual(cioLinks(payer, (w) => w !== 'A').map((l) => [l.a, l.b]), [['B', 'C']]);
});

test('the CoinJoin guard flags equal-valued outputs from as many payers, and not an ordinary payment', () => {
  const cj = isCoinJoin(coinjoin);
  assert.deepEqual([cj.coinjoin, cj.rule, cj.equalOutputs, cj.value], [true, 'equal-outputs', 5, 1_000_000n]);
  assert.equal(isCoinJoin(payer).coinjoin, false);
  // Five equal outputs but a single paying wallet: a batch payout, not a join.
  const batch = tx('b', 1, [leg('A', BTC)], ['O1', 'O2', 'O3', 'O4', 'O5'].map((w) => leg(w, 1_000_000n)));
  assert.equal(isCoinJoin(batch).coinjoin, false);
  // Equal outputs fewer than half of all outputs: not the equal-outputs rule; three values recurring, many-to-many.
  const ww2 = tx('w', 1, ['I1', 'I2', 'I3', 'I4', 'I5'].map((w) => leg(w, BTC)), [1n, 1n, 2n, 2n, 3n, 3n, 4n, 5n].map((v, i) => leg(`O${i}`, v * 1_000_000n)));
  assert.deepEqual([isCoinJoin(ww2).coinjoin, isCoinJoin(ww2).rule], [true, 'many-to-many']);
  assert.equal(isCoinJoin(ww2, { manyToMany: 6 }).coinjoin, false);
});

test('change: a fresh, never reused output beside a payee seen before is the change, at a lower confidence than CIO', () => {
  const earlier = tx('t0', 50, [leg('X', BTC)], [leg('S', 99_000_000n)]);
  const pay = tx('t1', 100, [leg('A', BTC)], [leg('S', 50_000_000n), leg('F', 49_990_000n)]);
  const txs = [earlier, pay];
  const history = addressHistory(txs);
  const fresh = changeLink(pay, { index: 1, history }, ['fresh']);
  assert.deepEqual([fresh.link?.a, fresh.link?.b, fresh.link?.heuristic, fresh.link?.rules, fresh.link?.confidence], ['A', 'F', 'change', ['change:fresh'], 0.6]);
  // The round payment (0.5 BTC) agrees: both rules are named, the link keeps the higher confidence.
  const both = changeLink(pay, { index: 1, history }, ['fresh', 'round']);
  assert.deepEqual([both.link?.rules, both.link?.confidence], [['change:fresh', 'change:round'], 0.6]);
  // Reused later as a receiver, F is no one-time change address any more.
  const reuse = tx('t2', 200, [leg('Q', BTC)], [leg('F', 10n)]);
  const later = addressHistory([earlier, pay, reuse]);
  assert.equal(changeLink(pay, { index: 1, history: later }, ['fresh']).link, null);
});

test('change: the round-amount, address-type and unnecessary-input rules, each named, and disagreement means no link', () => {
  const pay = tx('t1', 100, [leg('A', 30_000_000n), leg('B', 40_000_000n)], [leg('P', 55_000_000n), leg('C', 14_912_345n)]);
  const history = addressHistory([pay]);
  const c = { index: 0, history };
  assert.deepEqual([changeLink(pay, c, ['round']).link?.b, changeLink(pay, c, ['round']).link?.confidence], ['C', 0.45]);
  // C (0.149 BTC) is smaller than both inputs: had it been the payment, one input would have sufficed.
  assert.deepEqual([changeLink(pay, c, ['optimal']).link?.b, changeLink(pay, c, ['optimal']).link?.confidence], ['C', 0.3]);
  // Both outputs are fresh here: the fresh rule abstains rather than guess.
  assert.equal(changeLink(pay, c, ['fresh']).link, null);
  const addresses = new Map([
    ['A', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    ['B', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
    ['C', 'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nc3q3p5e'],
    ['P', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
  ]);
  const typed = changeLink(pay, { ...c, addresses }, ['type']);
  assert.deepEqual([typed.link?.b, typed.link?.rules, typed.link?.confidence], ['C', ['change:type'], 0.35]);
  // 0.15 BTC (round, and smaller than both inputs) beside 0.55123 BTC: round names the second output as change, optimal the first.
  const other = tx('t2', 100, [leg('A', 30_000_000n), leg('B', 40_000_000n)], [leg('P', 15_000_000n), leg('C', 55_123_000n)]);
  const h2 = { index: 0, history: addressHistory([other]) };
  assert.equal(changeLink(other, h2, ['round']).link?.b, 'C');
  assert.equal(changeLink(other, h2, ['optimal']).link?.b, 'P');
  const clash = changeLink(other, h2, ['round', 'optimal']);
  assert.deepEqual([clash.link, clash.conflict], [null, true]);
});

test('change is not looked for with other than two outputs, or with self-change', () => {
  const three = tx('t3', 1, [leg('A', BTC)], [leg('P', 50_000_000n), leg('Q', 25_000_000n), leg('C', 24_990_000n)]);
  assert.equal(changeLink(three, { index: 0, history: addressHistory([three]) }, ['round']).link, null);
  const self = tx('t4', 1, [leg('A', BTC)], [leg('P', 50_000_000n), leg('A', 49_990_000n)]);
  assert.equal(changeLink(self, { index: 0, history: addressHistory([self]) }, ['round']).link, null);
});

test('address types from the written form', () => {
  assert.equal(addressType('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'), 'p2pkh');
  assert.equal(addressType('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'), 'p2sh');
  assert.equal(addressType('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'), 'p2wpkh');
  assert.equal(addressType('bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3'), 'p2wsh');
  assert.equal(addressType('bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297'), 'p2tr');
  assert.equal(addressType('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'), 'unknown');
});
