/** Tests for eigenvector centrality: the star's and cycle's leading eigenvectors by hand, and agreement with graphology-metrics. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import eigenvectorModule from 'graphology-metrics/centrality/eigenvector.js';
import { eigenvector } from './eigenvector.ts';
import { cycle, emptyGraph, karate, link, star } from './fixtures.ts';

// CommonJS package typed as `export default`: NodeNext types the default import as the module object.
const graphologyEigenvector = eigenvectorModule as unknown as typeof eigenvectorModule.default;
const close = (a: number, b: number, eps = 1e-8) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);
const tight = { tolerance: 1e-14, maxIterations: 1000 };

test('star with 4 leaves: λ = 2, centre 1/√2, each leaf 1/√8', () => {
  const r = eigenvector(star(4), tight).result;
  close(r.c, 1 / Math.SQRT2);
  close(r.l2, 1 / Math.sqrt(8));
});

test('cycle (bipartite, even): every node 1/√n — the A + I shift makes it converge', () => {
  for (const v of Object.values(eigenvector(cycle(6), tight).result)) close(v, 1 / Math.sqrt(6));
});

test('parallel edges merge unweighted; weights count when weighted', () => {
  const g = emptyGraph();
  link(g, 'a', 'b', 1);
  link(g, 'a', 'b', 1);
  link(g, 'b', 'c', 1);
  const r = eigenvector(g, tight).result;
  close(r.a, r.c);
  close(r.b, 1 / Math.SQRT2);
  // Weighted: A = [[0,2,0],[2,0,1],[0,1,0]], leading vector ∝ (2, √5, 1).
  const w = eigenvector(g, { ...tight, weighted: true }).result;
  close(w.a / w.c, 2);
  close(w.b / w.c, Math.sqrt(5));
});

test('karate club matches graphology-metrics (an independent implementation)', () => {
  const g = karate();
  const ours = eigenvector(g, tight).result;
  const theirs = graphologyEigenvector(g, { getEdgeWeight: null, tolerance: 1e-14, maxIterations: 1000 });
  for (const id of g.nodes()) close(ours[id], theirs[id], 1e-6);
});
