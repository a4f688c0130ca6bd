/** Tests of a trace's flows: the traced money per node pair, which a money-flow diagram draws. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIAMOND, ledgerOf } from './testing.ts';
import { trace } from './trace.ts';

// The diamond (testing.ts) under FIFO: S sends 60 to A and 40 to B; A→D carries 20 traced (30 untraced lots go
// first), A→E 40, B→D 40. Under haircut A holds 90 of which 60 traced: A→D carries 50 × 2/3 = 33.3333,
// A→E the remaining 26.6667.
describe('trace flows', () => {
  const flows = (model: 'fifo' | 'haircut') =>
    Object.fromEntries(
      trace(ledgerOf(DIAMOND), { from: { node: 'S', time: 0, amount: '100' }, model }).flows.map((f) => [`${f.from}>${f.to}`, f.amount.amount]),
    );

  test('FIFO: each pair carries the traced money of its rows', () => {
    assert.deepEqual(flows('fifo'), { 'S>A': '60', 'S>B': '40', 'A>D': '20', 'A>E': '40', 'B>D': '40' });
  });
  test('haircut: proportional shares, exact to the ledger unit', () => {
    assert.deepEqual(flows('haircut'), { 'S>A': '60', 'S>B': '40', 'A>D': '33.3333', 'A>E': '26.6667', 'B>D': '40' });
  });
  test('largest first, counted, and limited on request', () => {
    const r = trace(ledgerOf(DIAMOND), { from: { node: 'S', time: 0, amount: '100' }, model: 'fifo', maxFlows: 2 });
    assert.equal(r.flowCount, 5);
    assert.deepEqual(
      r.flows.map((f) => f.amount.amount),
      ['60', '40'],
    );
  });
});
