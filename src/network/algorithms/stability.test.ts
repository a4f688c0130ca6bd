// Tests of rank stability under perturbed ties: rank arithmetic by hand, the no-error baseline, the trend with error, repeatability.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { CorvidGraph } from '../types.ts';
import { emptyGraph, link, star } from './fixtures.ts';
import { seeded } from './random.ts';
import { fractionalRanks, rankStability, spearmanRho } from './stability.ts';

/** Erdős–Rényi G(n, p) from a seed: each pair linked with probability p. */
function randomGraph(n: number, p: number, seed: number): CorvidGraph {
  const g = emptyGraph();
  const next = seeded(seed);
  for (let i = 0; i < n; i++) g.addNode(`v${i}`, { schema: 'Person', label: `v${i}`, datasets: ['test'] });
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (next() < p) link(g, `v${i}`, `v${j}`);
  return g;
}

describe('rank arithmetic', () => {
  test('fractional ranks: highest first, ties share the mean rank', () => {
    assert.deepEqual(fractionalRanks([5, 9, 5, 1]), [2.5, 1, 2.5, 4]);
    assert.deepEqual(fractionalRanks([3, 3, 3]), [2, 2, 2]);
  });

  test('Spearman: same order 1, reversed −1, a constant against a varying ranking 0', () => {
    assert.equal(spearmanRho([1, 2, 3, 4], [10, 20, 30, 40]), 1);
    assert.equal(spearmanRho([1, 2, 3], [3, 2, 1]), -1);
    assert.equal(spearmanRho([1, 2, 3], [0, 0, 0]), 0);
    assert.equal(spearmanRho([0, 0], [0, 0]), 1);
    // Ranks (1, 2, 3, 4) against (2, 1, 3, 4): Σd² = 2 → ρ = 1 − 6·2/(4·15) = 0.8.
    assert.ok(Math.abs(spearmanRho([4, 3, 2, 1], [3, 4, 2, 1]) - 0.8) < 1e-12);
  });
});

describe('rankStability', () => {
  test('no perturbation: rankings agree perfectly and never move', () => {
    const r = rankStability(star(4), { measure: 'degree', perturbation: 0, trials: 3 });
    assert.equal(r.algorithm, 'rank-stability');
    assert.match(r.citation, /Borgatti/);
    assert.deepEqual(r.params, { measure: 'degree', perturbation: 0, mode: 'remove', trials: 3, top: 10, seed: 42 });
    assert.deepEqual(r.result.spearman, { mean: 1, min: 1 });
    assert.deepEqual(r.result.topOverlap, { mean: 1, min: 1 });
    // Centre first; the four leaves tie for ranks 2–5, mean 3.5.
    assert.deepEqual(r.result.perNode.c, { meanRank: 1, sdRank: 0 });
    assert.deepEqual(r.result.perNode.l1, { meanRank: 3.5, sdRank: 0 });
  });

  test('no perturbation on a random graph, for every measure: Spearman 1', () => {
    const g = randomGraph(30, 0.15, 7);
    for (const measure of ['degree', 'betweenness', 'pagerank', 'eigenvector'] as const) {
      const r = rankStability(g, { measure, perturbation: 0, trials: 2 }).result;
      assert.ok(Math.abs(r.spearman.mean - 1) < 1e-12, measure);
      assert.equal(r.topOverlap.min, 1, measure);
    }
  });

  test('every tie removed: degrees all 0, no order left (ρ = 0)', () => {
    const r = rankStability(star(4), { measure: 'degree', perturbation: 1, trials: 2 }).result;
    assert.deepEqual(r.spearman, { mean: 0, min: 0 });
    assert.equal(r.perNode.c.meanRank, 3); // five-way tie: ranks 1–5, mean 3
  });

  test('more error, less agreement (on average), in every mode', () => {
    const g = randomGraph(60, 0.1, 11);
    for (const mode of ['remove', 'rewire', 'both'] as const) {
      const at = (perturbation: number) => rankStability(g, { measure: 'pagerank', mode, perturbation, trials: 20, seed: 3 }).result;
      const low = at(0.05);
      const mid = at(0.2);
      const high = at(0.5);
      assert.ok(low.spearman.mean < 1, mode);
      assert.ok(
        low.spearman.mean >= mid.spearman.mean && mid.spearman.mean >= high.spearman.mean,
        `${mode}: ${low.spearman.mean} ${mid.spearman.mean} ${high.spearman.mean}`,
      );
      assert.ok(low.topOverlap.mean >= high.topOverlap.mean, mode);
      assert.ok(low.spearman.min <= low.spearman.mean);
    }
  });

  test('the same seed gives the same answer; another seed another draw', () => {
    const g = randomGraph(40, 0.12, 5);
    const a = rankStability(g, { measure: 'degree', perturbation: 0.2, trials: 5, seed: 9 });
    const b = rankStability(g, { measure: 'degree', perturbation: 0.2, trials: 5, seed: 9 });
    assert.deepEqual(a, b);
    const c = rankStability(g, { measure: 'degree', perturbation: 0.2, trials: 5, seed: 10 });
    assert.notDeepEqual(a.result, c.result);
  });

  test('a node whose rank moves has a spread; perNode covers every node', () => {
    const g = randomGraph(40, 0.12, 5);
    const r = rankStability(g, { measure: 'degree', perturbation: 0.3, trials: 10 }).result;
    assert.equal(Object.keys(r.perNode).length, 40);
    assert.ok(Object.values(r.perNode).some((p) => p.sdRank > 0));
    for (const p of Object.values(r.perNode)) assert.ok(p.meanRank >= 1 && p.meanRank <= 40);
  });

  test('bad options are VALIDATION', () => {
    const g = star(3);
    assert.throws(() => rankStability(g, { perturbation: 1.5 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => rankStability(g, { trials: 0 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => rankStability(g, { top: 0 }), { code: 'CORVID_ERR_VALIDATION' });
    // @ts-expect-error an unknown mode, as a caller of the HTTP API might send
    assert.throws(() => rankStability(g, { mode: 'flip' }), { code: 'CORVID_ERR_VALIDATION' });
    // @ts-expect-error an unknown measure
    assert.throws(() => rankStability(g, { measure: 'closeness' }), { code: 'CORVID_ERR_VALIDATION' });
  });
});
