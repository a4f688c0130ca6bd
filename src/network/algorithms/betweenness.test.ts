/** Tests for betweenness: hand-counted shortest paths (star, path, bridged triangles, weighted ties), graphology-metrics agreement, and the pivot estimate. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { betweenness } from './betweenness.ts';
import { barbell, bridgedTriangles, fromPairs, karate, path, star } from './fixtures.ts';

// CommonJS package typed as `export default`: NodeNext types the default import as the module object.
const graphologyBetweenness = betweennessModule as unknown as typeof betweennessModule.default;
const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);

test('star with 5 leaves: centre (n − 1)(n − 2)/2 = 10 unnormalised, 1 normalised; leaves 0', () => {
  const raw = betweenness(star(5), { normalized: false }).result;
  close(raw.c, 10);
  close(raw.l4, 0);
  close(betweenness(star(5)).result.c, 1);
});

test('path of 5: node i lies between i · (n − 1 − i) pairs', () => {
  const r = betweenness(path(5), { normalized: false }).result;
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((i) => r[String(i)]),
    [0, 3, 4, 3, 0],
  );
});

test('bridged triangles: each bridge end carries the 2 · 3 pairs across; the rest 0', () => {
  const r = betweenness(bridgedTriangles(), { normalized: false }).result;
  close(r.c, 6);
  close(r.d, 6);
  for (const id of ['a', 'b', 'e', 'f']) close(r[id], 0);
});

test('barbell: the bridge nodes score highest', () => {
  const r = betweenness(barbell(5, 2)).result;
  const ranked = Object.keys(r).sort((a, b) => r[b] - r[a]);
  assert.deepEqual(ranked.slice(0, 4).sort(), ['L0', 'M0', 'M1', 'R0']);
});

test('weighted: length 1/w, so a light diagonal is a detour and equal-length routes split the credit', () => {
  // Square a-b-c-d-a (weight 1 each) plus a-c of weight 0.4 (length 2.5 > 2).
  const g = fromPairs([
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
    ['d', 'a'],
    ['a', 'c', 0.4],
  ]);
  const hops = betweenness(g, { normalized: false }).result;
  assert.deepEqual(hops, { a: 0.5, b: 0, c: 0.5, d: 0 });
  const weighted = betweenness(g, { normalized: false, weighted: true }).result;
  for (const id of ['a', 'b', 'c', 'd']) close(weighted[id], 0.5);
  // a–d direct (length 1) ties with a–b–c–d at 1/3 + 1/3 + 1/3: b and c get 1/2 for (a, d), 1 for (a, c) or (b, d).
  const ties = betweenness(
    fromPairs([
      ['a', 'd', 1],
      ['a', 'b', 3],
      ['b', 'c', 3],
      ['c', 'd', 3],
    ]),
    { normalized: false, weighted: true },
  ).result;
  close(ties.b, 1.5);
  close(ties.c, 1.5);
  close(ties.a, 0);
});

test('karate club: exact values match graphology-metrics (an independent implementation)', () => {
  const g = karate();
  const ours = betweenness(g).result;
  const theirs = graphologyBetweenness(g, { normalized: true, getEdgeWeight: null });
  for (const id of g.nodes()) close(ours[id], theirs[id]);
});

test('pivots: samples ≥ n is the exact value; fewer pivots estimate it without bias (mean over seeds)', () => {
  const g = karate();
  const exact = betweenness(g, { normalized: false }).result;
  const all = betweenness(g, { normalized: false, samples: 34 });
  assert.equal(all.params.samples, undefined, 'not an estimate');
  for (const id of g.nodes()) close(all.result[id], exact[id]);
  const runs = 400;
  const mean: Record<string, number> = {};
  for (let seed = 1; seed <= runs; seed++) {
    const est = betweenness(g, { normalized: false, samples: 10, seed });
    assert.equal(est.params.samples, 10);
    for (const [id, v] of Object.entries(est.result)) mean[id] = (mean[id] ?? 0) + v / runs;
  }
  // Node 0 (the instructor, exact ≈ 231) and 33 (the president, ≈ 160): within 5 % after 400 draws.
  for (const id of ['0', '33']) assert.ok(Math.abs(mean[id] - exact[id]) < 0.05 * exact[id], `${id}: ${mean[id]} vs ${exact[id]}`);
});

test('samples must be a positive integer', () => {
  assert.throws(() => betweenness(path(3), { samples: 0 }), { code: 'CORVID_ERR_VALIDATION' });
  assert.throws(() => betweenness(path(3), { samples: 2.5 }), { code: 'CORVID_ERR_VALIDATION' });
});

test('the cache-friendly renumbering of big graphs changes no score, exact or sampled, weighted or not', () => {
  // An irregular graph (karate), a regular one with a bridge (barbell), and two components with an isolate.
  const parts = fromPairs([['a', 'b'], ['b', 'c'], ['x', 'y', 2], ['y', 'z'], ['z', 'x'], ['z', 'w']]);
  parts.addNode('alone', { schema: 'Person', label: 'alone', datasets: [] });
  for (const g of [karate(), barbell(5, 3), parts]) {
    for (const opts of [{}, { samples: 7, seed: 3 }, { weighted: true }]) {
      const plain = betweenness(g, opts, { reorderFrom: Infinity }).result;
      const local = betweenness(g, opts, { reorderFrom: 0 }).result;
      assert.deepEqual(Object.keys(local).sort(), Object.keys(plain).sort());
      for (const id of Object.keys(plain)) close(local[id] ?? NaN, plain[id] ?? NaN);
    }
  }
});
