// FIFO on hand-drawn ledgers: each node spends its oldest lots first; expected figures worked out by hand below.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { books, DIAMOND, endpointAmounts, ledgerOf } from '../testing.ts';
import { trace } from '../trace.ts';

// The diamond (testing.ts): A's lots are [30 untraced, 60 traced]; A→D 50 takes 30 untraced + 20 traced; A→E 40
// takes the last 40 traced; B passes its 40 on. So D holds 20 + 40 = 60, E holds 40: 100 in all.
describe('FIFO', () => {
  test('diamond: oldest lots first, every unit accounted for', () => {
    const r = trace(ledgerOf(DIAMOND), { from: { node: 'S', time: 0, amount: '100' }, model: 'fifo' });
    assert.deepEqual(endpointAmounts(r), { D: '60', E: '40' });
    assert.equal(r.totals.left.amount, '100');
    assert.equal(r.totals.conserved, true);
    const { left, accounted } = books(r);
    assert.equal(left, accounted);
    const d = r.endpoints.find((e) => e.node === 'D')!;
    assert.deepEqual(d.incoming.map((x) => [x.transfer, x.amount.amount, x.tainted.amount]), [['r3', '50', '20'], ['r4', '40', '40']]);
    // The heaviest path to D: S→B (40) then B→D (40).
    assert.deepEqual(r.paths[0]!.hops.map((h) => h.transfer), ['r2', 'r4']);
  });

  test('a node reached after it already spent: earlier outflows carry nothing, its old balance goes first', () => {
    // X→A 50 @1, A→Y 30 @2 (before the taint), S→A 20 @3 (the taint), A→Z 20 @4, A→W 100 @5.
    // At @3 A knows 20 untraced (50 − 30), so its lots are [20 untraced, 20 traced]. A→Z 20 takes the untraced
    // 20; A→W 100 takes the traced 20 (the other 80 came from funds the ledger does not show). Y never sees any.
    const l = ledgerOf([
      ['X', 'A', 1, '50'],
      ['A', 'Y', 2, '30'],
      ['S', 'A', 3, '20'],
      ['A', 'Z', 4, '20'],
      ['A', 'W', 5, '100'],
    ]);
    const r = trace(l, { from: { row: 2 }, model: 'fifo' });
    assert.deepEqual(endpointAmounts(r), { W: '20' });
    assert.equal(r.totals.left.amount, '20');
  });

  test('a cycle back through A, then out', () => {
    // S→A 100 @1, A→B 100 @2, B→A 100 @3, A→C 70 @4: C rests with 70, A (which passed money on) still holds 30.
    const l = ledgerOf([
      ['S', 'A', 1, '100'],
      ['A', 'B', 2, '100'],
      ['B', 'A', 3, '100'],
      ['A', 'C', 4, '70'],
    ]);
    const r = trace(l, { from: { node: 'S' }, model: 'fifo' });
    assert.deepEqual(endpointAmounts(r), { C: '70' });
    assert.deepEqual(r.intermediate, [{ node: 'A', held: { units: '300000', amount: '30' } }]);
    assert.equal(r.totals.conserved, true);
    // With at most 3 hops, the money is stopped when it comes back to A (its third row): all 100 rests at A.
    const short = trace(l, { from: { node: 'S' }, model: 'fifo', maxHops: 3 });
    assert.deepEqual(endpointAmounts(short), { A: '100' });
    assert.deepEqual(short.endpoints[0]!.reasons, ['hop-limit']);
    assert.equal(short.totals.conserved, true);
  });
});
