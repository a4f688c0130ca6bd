// Haircut on hand-drawn ledgers: each outflow carries the node's traced share of its known balance; figures by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { books, DIAMOND, endpointAmounts, ledgerOf } from '../testing.ts';
import { trace } from '../trace.ts';

describe('haircut', () => {
  test('diamond: proportional shares, exact to the ledger unit', () => {
    // A holds 90 (30 old + 60 traced). A→D 50 carries 60 × 50/90 = 33.33333… → 33.3333 EUR (4 decimals, half to even);
    // A then holds 40 with 26.6667 traced, and A→E 40 empties it: 26.6667. B passes its 40 on.
    // D = 33.3333 + 40 = 73.3333, E = 26.6667: 100 in all.
    const r = trace(ledgerOf(DIAMOND), { from: { node: 'S', time: 0, amount: '100' }, model: 'haircut' });
    assert.deepEqual(endpointAmounts(r), { D: '73.3333', E: '26.6667' });
    const { left, accounted } = books(r);
    assert.equal(left, 1_000_000n);
    assert.equal(accounted, left);
    assert.equal(r.totals.conserved, true);
  });

  test('a node reached after it already spent, and outflow beyond the known balance', () => {
    // X→A 50 @1, A→Y 30 @2, S→A 20 @3 (traced), A→Z 20 @4, A→W 100 @5.
    // At @3 A holds 20 + 20 = 40, half traced. A→Z 20 carries 10; A then holds 20 with 10 traced. A→W 100 can take
    // only the 20 A is known to hold (80 came from unknown, untraced funds): it carries the last 10. Y gets nothing.
    const l = ledgerOf([
      ['X', 'A', 1, '50'],
      ['A', 'Y', 2, '30'],
      ['S', 'A', 3, '20'],
      ['A', 'Z', 4, '20'],
      ['A', 'W', 5, '100'],
    ]);
    const r = trace(l, { from: { row: 2 }, model: 'haircut' });
    assert.deepEqual(endpointAmounts(r), { W: '10', Z: '10' });
  });

  test('stops at a service: a cash-out point with what can be recovered there', () => {
    // S→A 100 @1, A→EX 60 @2 (EX: an exchange), EX→Q 60 @3, A→M 40 @4.
    const rows: [string, string, number, string][] = [
      ['S', 'A', 1, '100'],
      ['A', 'EX', 2, '60'],
      ['EX', 'Q', 3, '60'],
      ['A', 'M', 4, '40'],
    ];
    const r = trace(ledgerOf(rows, { EX: 'exchange' }), { from: { node: 'S' }, model: 'haircut' });
    assert.deepEqual(endpointAmounts(r), { EX: '60', M: '40' });
    assert.deepEqual(r.cashOut, [{ node: 'EX', tag: 'exchange', recoverable: { units: '600000', amount: '60' } }]);
    assert.deepEqual(r.endpoints[0]!.reasons, ['service']);
    // Not stopping at services, the 60 goes on to Q.
    const on = trace(ledgerOf(rows, { EX: 'exchange' }), { from: { node: 'S' }, model: 'haircut', stopAtServices: false });
    assert.deepEqual(endpointAmounts(on), { Q: '60', M: '40' });
    assert.deepEqual(on.cashOut, []);
  });

  test('rows carrying less than minAmount are not followed, and are booked as such', () => {
    // S→A 100 @1, A→B 5 @2, A→C 95 @3, minimum 10: B's 5 is below it.
    const l = ledgerOf([
      ['S', 'A', 1, '100'],
      ['A', 'B', 2, '5'],
      ['A', 'C', 3, '95'],
    ]);
    const r = trace(l, { from: { node: 'S' }, model: 'haircut', minAmount: '10' });
    assert.deepEqual(endpointAmounts(r), { C: '95' });
    assert.equal(r.totals.belowMinimum.amount, '5');
    const { left, accounted } = books(r);
    assert.equal(accounted, left);
  });
});
