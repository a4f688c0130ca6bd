// Poison on hand-drawn ledgers: every row leaving a node after traced money reached it counts in full (exposure).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIAMOND, endpointAmounts, ledgerOf } from '../testing.ts';
import { trace } from '../trace.ts';

describe('poison', () => {
  test('diamond: exposure, not conserved', () => {
    // A is tainted from @20, so A→D 50 and A→E 40 count in full; B→D 40 too. D: 50 + 40 = 90, E: 40.
    const r = trace(ledgerOf(DIAMOND), { from: { node: 'S', time: 0, amount: '100' }, model: 'poison' });
    assert.deepEqual(endpointAmounts(r), { D: '90', E: '40' });
    assert.equal(r.totals.conserved, false);
  });

  test('time-respecting: rows before the taint arrived are clean', () => {
    // X→A 50 @1, A→Y 30 @2, S→A 20 @3 (traced), A→Z 20 @4, A→W 100 @5: Y is clean, Z and W are exposed in full.
    const l = ledgerOf([
      ['X', 'A', 1, '50'],
      ['A', 'Y', 2, '30'],
      ['S', 'A', 3, '20'],
      ['A', 'Z', 4, '20'],
      ['A', 'W', 5, '100'],
    ]);
    const r = trace(l, { from: { row: 2 }, model: 'poison' });
    assert.deepEqual(endpointAmounts(r), { W: '100', Z: '20' });
  });

  test('hop limit: a chain is cut after maxHops rows', () => {
    // S→A→B→C→D at @1..@4 with maxHops 2: the second row reaches B, where the trace stops.
    const l = ledgerOf([
      ['S', 'A', 1, '10'],
      ['A', 'B', 2, '10'],
      ['B', 'C', 3, '10'],
      ['C', 'D', 4, '10'],
    ]);
    const r = trace(l, { from: { node: 'S' }, model: 'poison', maxHops: 2 });
    assert.deepEqual(endpointAmounts(r), { B: '10' });
    assert.deepEqual(r.endpoints[0]!.reasons, ['hop-limit']);
    assert.equal(r.nodesReached, 2);
  });
});
