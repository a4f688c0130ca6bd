/** Tests of Fellegi–Sunter training and scoring on pairs drawn from known m and u probabilities. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainPair, logFactors, prng, probability, trainEm, type FsModel } from './fellegi-sunter.ts';
import type { FamilySpec } from './families.ts';

const spec = {
  family: 'person',
  comparisons: [
    { name: 'x', levels: ['missing', 'exact', 'close', 'different'] },
    { name: 'y', levels: ['missing', 'exact', 'different'] },
    { name: 'z', levels: ['missing', 'exact', 'different'] },
    { name: 'w', levels: ['missing', 'exact', 'different'] },
  ],
  compare: () => undefined,
  terms: () => [],
} as unknown as FamilySpec;

const M = [[1, 0.8, 0.15, 0.05], [1, 0.9, 0.1], [1, 0.85, 0.15], [1, 0.7, 0.3]];
const U = [[1, 0.02, 0.08, 0.9], [1, 0.1, 0.9], [1, 0.05, 0.95], [1, 0.2, 0.8]];

function draw(p: number[], r: () => number): number {
  let x = r();
  for (let l = 1; l < p.length; l++) if ((x -= p[l]) < 0) return l;
  return p.length - 1;
}

test('EM recovers m and λ from pairs generated with known parameters (u given)', () => {
  const r = prng(7);
  const n = 60_000;
  const levels = new Uint8Array(n * 4);
  let matches = 0;
  for (let i = 0; i < n; i++) {
    const isMatch = r() < 0.2;
    if (isMatch) matches++;
    for (let k = 0; k < 4; k++) levels[i * 4 + k] = r() < 0.1 ? 0 : draw(isMatch ? M[k] : U[k], r); // 10 % missing
  }
  const out = trainEm(spec, levels, U);
  assert.ok(out.em.converged);
  assert.ok(Math.abs(out.lambda - matches / n) < 0.01, `λ ${out.lambda}`);
  for (let k = 0; k < 4; k++) for (let l = 1; l < M[k].length; l++) assert.ok(Math.abs(out.m[k][l] - M[k][l]) < 0.03, `m[${k}][${l}] = ${out.m[k][l]}`);
});

test('a pair’s weight is the prior plus each comparison’s log₂(m/u), and the probability follows', () => {
  const model: FsModel = {
    family: 'person', lambda: 0.2, uSample: 0, em: { iterations: 0, converged: true, pairs: 0, patterns: 0 },
    comparisons: spec.comparisons.map((c, k) => ({ name: c.name, levels: [...c.levels], m: M[k], u: U[k] })),
  };
  const e = explainPair(model, logFactors(model), [1, 2, 0, 1], [0, 0, 0, 0]);
  // prior log2(0.2/0.8) = -2; x exact log2(0.8/0.02) = 5.3219; y different log2(0.1/0.9) = -3.1699; z missing 0; w exact log2(0.7/0.2) = 1.8074.
  const expected = -2 + Math.log2(40) + Math.log2(1 / 9) + Math.log2(3.5);
  assert.ok(Math.abs(e.weight - expected) < 1e-9);
  assert.ok(Math.abs(e.probability - probability(expected)) < 1e-12);
  assert.deepEqual(e.contributions.map((c) => c.level), ['exact', 'different', 'missing', 'exact']);
  assert.equal(e.contributions[2].weight, 0);
});
