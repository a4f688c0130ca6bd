/** Tests for Burt's constraint against values worked out by hand from c_i = Σ_j (p_ij + Σ_q p_iq p_qj)². */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constraint } from './constraint.ts';
import { bridgedTriangles, fromPairs, star } from './fixtures.ts';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test('star with 4 leaves: centre 4 · (1/4)² = 1/4, each leaf (1)² = 1', () => {
  const r = constraint(star(4)).result;
  close(r.c, 0.25);
  close(r.l1, 1);
});

test('triangle: each node 2 · (1/2 + 1/2 · 1/2)² = 9/8', () => {
  const r = constraint(
    fromPairs([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ]),
  ).result;
  for (const id of ['a', 'b', 'c']) close(r[id], 9 / 8);
});

test('bridged triangles: bridge end c = 2 · (1/3 + 1/6)² + (1/3)² = 11/18; a = (1/2 + 1/6)² + (1/2 + 1/4)² = 145/144', () => {
  const r = constraint(bridgedTriangles()).result;
  close(r.c, 11 / 18);
  close(r.d, 11 / 18);
  close(r.a, 145 / 144);
  assert.ok(r.c < r.a, 'the broker is less constrained');
});

test('weights: a centre with ties 2, 1, 1 has (1/2)² + 2 · (1/4)² = 3/8; unweighted 1/3', () => {
  const g = fromPairs([
    ['c', 'x', 2],
    ['c', 'y', 1],
    ['c', 'z', 1],
  ]);
  close(constraint(g).result.c, 3 / 8);
  close(constraint(g, { weighted: false }).result.c, 1 / 3);
});

test('isolated nodes are left out (constraint undefined)', () => {
  const g = star(2);
  g.addNode('alone', { schema: 'Person', label: 'alone', datasets: ['test'] });
  assert.equal('alone' in constraint(g).result, false);
});
