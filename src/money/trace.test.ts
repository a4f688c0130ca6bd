// Tracing across models: backward mirrors, UTXO transactions at one time, currencies, sources, and bad options.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LedgerBuilder } from './ledger.ts';
import { books, DIAMOND, endpointAmounts, ledgerOf } from './testing.ts';
import { trace } from './trace.ts';

// P→A 30 @1, Q→A 70 @2, A→T 50 @3, R→A 10 @4: where did A's 50 to T come from?
const FUNDING = ledgerOf([
  ['P', 'A', 1, '30'],
  ['Q', 'A', 2, '70'],
  ['A', 'T', 3, '50'],
  ['R', 'A', 4, '10'],
]);

describe('trace', () => {
  test('backward: the same models, mirrored; money that came later cannot have paid', () => {
    // FIFO: A spent P's 30 first, then 20 of Q's 70. Haircut: A held 100, 30% from P, 70% from Q: 15 and 35.
    // Poison: both P and Q funded A before @3, in full. R (@4) never counts.
    const fifo = trace(FUNDING, { from: { row: 2 }, direction: 'backward', model: 'fifo' });
    assert.deepEqual(endpointAmounts(fifo), { P: '30', Q: '20' });
    const haircut = trace(FUNDING, { from: { row: 2 }, direction: 'backward', model: 'haircut' });
    assert.deepEqual(endpointAmounts(haircut), { Q: '35', P: '15' });
    assert.equal(books(haircut).accounted, books(haircut).left);
    const poison = trace(FUNDING, { from: { row: 2 }, direction: 'backward', model: 'poison' });
    assert.deepEqual(endpointAmounts(poison), { Q: '70', P: '30' });
  });

  test('a UTXO transaction: its inputs are taken before its outputs, whatever the row order', () => {
    // S→W1 10 @50, then transaction X at @100: outputs X→W3 12 and X→W4 3 added first, inputs W1→X 10 and W2→X 5 after.
    // FIFO at X: lots [10 traced from W1, 5 untraced from W2]; W3's 12 takes the 10 traced, W4's 3 none.
    // Haircut at X: 15 held, 10 traced; W3's 12 carries 8, W4's 3 the remaining 2.
    const l = ledgerOf([
      ['S', 'W1', 50, '10', 't0', 'BTC'],
      ['X', 'W3', 100, '12', 'out0', 'BTC'],
      ['X', 'W4', 100, '3', 'out1', 'BTC'],
      ['W1', 'X', 100, '10', 'in0', 'BTC'],
      ['W2', 'X', 100, '5', 'in1', 'BTC'],
    ]);
    assert.deepEqual(endpointAmounts(trace(l, { from: { node: 'S' }, model: 'fifo' })), { W3: '10' });
    assert.deepEqual(endpointAmounts(trace(l, { from: { node: 'S' }, model: 'haircut' })), { W3: '8', W4: '2' });
    // Starting from the transaction itself (a node): all its outputs.
    assert.deepEqual(endpointAmounts(trace(l, { from: { transfer: 'X' }, model: 'fifo' })), { W3: '12', W4: '3' });
  });

  test('other currencies are not followed, and are reported', () => {
    // S→A 100 EUR @1, A→B 50 USD @2, A→C 60 EUR @3: the USD row is not followed; A keeps 40 EUR.
    const l = ledgerOf([
      ['S', 'A', 1, '100'],
      ['A', 'B', 2, '50', 'usd', 'USD'],
      ['A', 'C', 3, '60'],
    ]);
    const r = trace(l, { from: { node: 'S' }, model: 'haircut' });
    assert.deepEqual(endpointAmounts(r), { C: '60' });
    assert.deepEqual(r.notFollowed, [{ currency: 'USD', rows: 1 }]);
    assert.deepEqual(r.intermediate.map((x) => [x.node, x.held.amount]), [['A', '40']]);
    assert.equal(r.currency, 'EUR');
  });

  test('sources: a transfer entity id, and a node with an amount smaller or larger than its outflow', () => {
    const l = ledgerOf(DIAMOND);
    // r1 is S→A 60: A's lots [30 untraced, 60 traced] → D 20, E 40.
    assert.deepEqual(endpointAmounts(trace(l, { from: { transfer: 'r1' } })), { E: '40', D: '20' });
    // S's first 70 from t = 0: S→A 60 and 10 of S→B 40. D gets 20 (via A) + 10 (via B), E 40.
    const part = trace(l, { from: { node: 'S', time: 0, amount: '70' } });
    assert.deepEqual(endpointAmounts(part), { E: '40', D: '30' });
    assert.equal(part.totals.left.amount, '70');
    // Asking for 150 when S only sent 100 after t = 0: 50 never left.
    const more = trace(l, { from: { node: 'S', time: 0, amount: '150' } });
    assert.equal(more.totals.unspentAtSource.amount, '50');
    assert.equal(more.totals.left.amount, '100');
  });

  test('the result is plain JSON and every endpoint number is explained by its rows', () => {
    const r = trace(ledgerOf(DIAMOND), { from: { node: 'S' }, model: 'fifo', rates: { reference: 'USD', values: { EUR: 1.1 } } });
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
    for (const e of r.endpoints) {
      const sum = e.incoming.reduce((s, x) => s + BigInt(x.tainted.units), 0n);
      assert.equal(sum, BigInt(e.amount.units));
    }
    assert.equal(r.summary?.reference, 'USD');
  });

  test('bad options and unknown sources fail with codes', () => {
    const l = ledgerOf(DIAMOND);
    assert.throws(() => trace(l, { from: { node: 'nobody' } }), { code: 'CORVID_ERR_NOT_FOUND' });
    assert.throws(() => trace(l, { from: { row: 99 } }), { code: 'CORVID_ERR_NOT_FOUND' });
    assert.throws(() => trace(l, { from: { node: 'S' }, maxHops: 0 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => trace(l, { from: { node: 'S' }, currency: 'JPY' }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => trace(l, { from: { node: 'S', amount: 'lots' } }), { code: 'CORVID_ERR_VALIDATION' });
  });

  test('amounts beyond 64 bits stay exact', () => {
    // 20 ETH in wei is 2 × 10^19, more than a signed 64-bit integer holds.
    const b = new LedgerBuilder();
    b.add({ from: 'S', to: 'A', time: 1, amount: '20', currency: 'ETH', transferId: 'e0' });
    b.add({ from: 'A', to: 'B', time: 2, amount: '15', currency: 'ETH', transferId: 'e1' });
    const r = trace(b.build(), { from: { node: 'S' }, model: 'haircut' });
    assert.deepEqual(endpointAmounts(r), { B: '15' });
    assert.equal(r.intermediate[0]!.held.units, '5000000000000000000');
  });
});
