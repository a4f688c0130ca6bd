/** Tests for pagerank: closed-form values on a cycle, a star and small directed graphs, and agreement with graphology-metrics. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { pagerank } from './pagerank.ts';
import { cycle, fromPairs, karate, star } from './fixtures.ts';

// CommonJS package typed as `export default`: NodeNext types the default import as the module object.
const graphologyPagerank = pagerankModule as unknown as typeof pagerankModule.default;
const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);
const tight = { tolerance: 1e-13, maxIterations: 1000 };

test('symmetric cycle: every node 1/n', () => {
  const r = pagerank(cycle(7));
  assert.deepEqual(r.params, { alpha: 0.85, maxIterations: 100, tolerance: 1e-6, weighted: false });
  for (const v of Object.values(r.result)) close(v, 1 / 7);
});

test('star: centre = (1 − α)/n · (1 + α(n − 1)) / (1 − α²), leaves share the rest', () => {
  const n = 5;
  const a = 0.85;
  const centre = (((1 - a) / n) * (1 + a * (n - 1))) / (1 - a * a);
  const r = pagerank(star(n - 1), tight).result;
  close(r.c, centre);
  close(r.l1, (1 - centre) / (n - 1));
});

test('directed a → b: b is dangling and spreads its rank, so a = 1 / (2 + α)', () => {
  const r = pagerank(fromPairs([['a', 'b']], 'directed'), tight).result;
  close(r.a, 1 / 2.85);
  close(r.b, 1 - 1 / 2.85);
});

test('weighted: a sends 3/4 of its rank to b and 1/4 to c; both send all back', () => {
  const a = 0.85;
  const g = fromPairs(
    [
      ['a', 'b', 3],
      ['a', 'c', 1],
      ['b', 'a'],
      ['c', 'a'],
    ],
    'directed',
  );
  const r = pagerank(g, { ...tight, weighted: true }).result;
  const xa = ((1 - a) / 3 + a) / (1 + a);
  close(r.a, xa);
  close(r.b, (1 - a) / 3 + a * 0.75 * xa);
  close(r.c, (1 - a) / 3 + a * 0.25 * xa);
});

test('karate club: sums to 1 and matches graphology-metrics (an independent implementation)', () => {
  const g = karate();
  const ours = pagerank(g, tight).result;
  const theirs = graphologyPagerank(g, { getEdgeWeight: null, tolerance: 1e-13, maxIterations: 1000 });
  close(
    Object.values(ours).reduce((s, x) => s + x, 0),
    1,
  );
  for (const id of g.nodes()) close(ours[id], theirs[id], 1e-9);
});

test('alpha outside (0, 1] is rejected', () => {
  assert.throws(() => pagerank(cycle(3), { alpha: 1.5 }), { code: 'CORVID_ERR_VALIDATION' });
  assert.throws(() => pagerank(cycle(3), { maxIterations: 0 }), { code: 'CORVID_ERR_VALIDATION' });
});
