// The largest flows without sorting them all: the same first k as a full sort, whatever k.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { largest } from './trace-flows.ts';

test('largest(k) is the full sort cut at k, ties ordered by node numbers', () => {
  const sums = Array.from({ length: 500 }, (_, i) => ({ from: (i * 37) % 11, to: i, units: BigInt((i * 7919) % 23) }));
  const sorted = [...sums].sort((a, b) => (a.units < b.units ? 1 : a.units > b.units ? -1 : a.from - b.from || a.to - b.to));
  for (const k of [0, 1, 2, 5, 23, 100, 499, 500, 501, 10_000, -3]) assert.deepEqual(largest(sums, k), sorted.slice(0, k), `k = ${k}`);
});
