/** Tests of the quality measures on clusterings small enough to count by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from './evaluate.ts';

test('a perfect clustering scores 1 everywhere', () => {
  const truth = new Map([['a', 1], ['b', 1], ['c', 2]]);
  const q = evaluate(new Map([['a', 'x'], ['b', 'x']]), truth);
  assert.deepEqual([q.pairwise.f1, q.clusters.f1, q.bcubed.f1], [1, 1, 1]);
  assert.equal(q.truePairs, 1);
});

test('hand-counted precision and recall of an over-merged and an under-merged clustering', () => {
  // Truth: {a,b,c} {d}. Predicted: {a,b} {c,d}.
  const truth = new Map([['a', 't1'], ['b', 't1'], ['c', 't1'], ['d', 't2']]);
  const q = evaluate(new Map([['a', 1], ['b', 1], ['c', 2], ['d', 2]]), truth);
  // Pairs: true ab ac bc; predicted ab cd; correct ab → P 1/2, R 1/3.
  assert.equal(q.pairwise.precision, 0.5);
  assert.equal(q.pairwise.recall, 1 / 3);
  // Exact clusters: none of {a,b}, {c,d} equals {a,b,c} or {d}.
  assert.equal(q.clusters.precision, 0);
  // B³ precision: a 1, b 1, c 1/2, d 1/2 → 3/4; recall: a 2/3, b 2/3, c 1/3, d 1 → 2/3.
  assert.equal(q.bcubed.precision, 0.75);
  assert.ok(Math.abs(q.bcubed.recall - 2 / 3) < 1e-12);
});
