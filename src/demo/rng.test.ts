// Tests for the demo's seeded random streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from './rng.ts';

const draw = (r: Rng, n: number): number[] => Array.from({ length: n }, () => r.next());

test('the same seed and label give the same stream; another seed or label a different one', () => {
  assert.deepEqual(draw(new Rng(7, 'a'), 20), draw(new Rng(7, 'a'), 20));
  assert.notDeepEqual(draw(new Rng(7, 'a'), 20), draw(new Rng(8, 'a'), 20));
  assert.notDeepEqual(draw(new Rng(7, 'a'), 20), draw(new Rng(7, 'b'), 20));
});

test('forks are reproducible and independent of draws on the parent', () => {
  const a = new Rng(7);
  const b = new Rng(7);
  draw(b, 5);
  assert.deepEqual(draw(a.fork('x'), 10), draw(b.fork('x'), 10));
});

test('int stays within its inclusive bounds and reaches both ends', () => {
  const r = new Rng(9);
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) {
    const v = r.int(1, 6);
    assert.ok(v >= 1 && v <= 6);
    seen.add(v);
  }
  assert.deepEqual([...seen].sort(), [1, 2, 3, 4, 5, 6]);
});

test('shuffle keeps the items; sample returns distinct items', () => {
  const r = new Rng(10);
  const items = [1, 2, 3, 4, 5, 6, 7, 8];
  assert.deepEqual(r.shuffle(items).sort(), items);
  const s = r.sample(items, 5);
  assert.equal(new Set(s).size, 5);
});
