/** Tests for globalEfficiency against hand-computed values (Latora & Marchiori's E = mean of 1/d over ordered pairs). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globalEfficiency } from './efficiency.ts';
import { emptyGraph, fromPairs, path, star } from './fixtures.ts';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test('complete graph K4 has efficiency 1', () => {
  const g = fromPairs([
    ['a', 'b'],
    ['a', 'c'],
    ['a', 'd'],
    ['b', 'c'],
    ['b', 'd'],
    ['c', 'd'],
  ]);
  close(globalEfficiency(g).result, 1);
});

test('path of three: (1 + 1 + 1/2) · 2 / 6 = 5/6', () => close(globalEfficiency(path(3)).result, 5 / 6));

test('star with 3 leaves: (3 · 1 + 3 · 1/2) · 2 / 12 = 3/4', () => close(globalEfficiency(star(3)).result, 0.75));

test('two separate edges: unreachable pairs add nothing, 4 / 12 = 1/3', () => {
  close(
    globalEfficiency(
      fromPairs([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).result,
    1 / 3,
  );
});

test('fewer than two nodes: 0', () => {
  assert.equal(globalEfficiency(emptyGraph()).result, 0);
  assert.equal(globalEfficiency(path(1)).result, 0);
});
