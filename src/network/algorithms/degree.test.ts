/** Tests for degreeCentrality: counts and strengths on a star and on parallel/self/directed edges, by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { degreeCentrality } from './degree.ts';
import { emptyGraph, link, star } from './fixtures.ts';

test('star with 4 leaves: centre 4 and leaves 1; normalised by n − 1 = 4', () => {
  const raw = degreeCentrality(star(4), { normalized: false }).result;
  assert.equal(raw.c, 4);
  assert.equal(raw.l1, 1);
  const norm = degreeCentrality(star(4));
  assert.deepEqual(norm.params, { normalized: true, weighted: false });
  assert.equal(norm.result.c, 1);
  assert.equal(norm.result.l3, 0.25);
});

test('parallel edges count once unweighted and sum weighted; self-loops and direction ignored', () => {
  const g = emptyGraph('mixed');
  link(g, 'a', 'b', 2);
  link(g, 'a', 'b', 3);
  link(g, 'b', 'c', 1, true);
  link(g, 'c', 'b', 4, true);
  link(g, 'c', 'c', 9);
  const count = degreeCentrality(g, { normalized: false }).result;
  assert.deepEqual(count, { a: 1, b: 2, c: 1 });
  const strength = degreeCentrality(g, { normalized: false, weighted: true }).result;
  assert.deepEqual(strength, { a: 5, b: 10, c: 5 });
});

test('bad options are rejected with the validation code', () => {
  assert.throws(() => degreeCentrality(star(2), { normalized: 'yes' as unknown as boolean }), { code: 'CORVID_ERR_VALIDATION' });
});
