/** Tests for evaluate: P/R/F1 at account and pattern level on hand-made findings and truth. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from './evaluate.ts';
import type { Finding, Typology } from './types.ts';

const finding = (typology: Typology, accounts: string[]): Finding => ({
  typology,
  detector: typology,
  score: 0.9,
  explanation: '',
  accounts,
  transfers: [],
  window: { start: 0, end: 0 },
});

test('account and pattern level per typology, and account level overall', () => {
  const truth = [
    { typology: 'fan-in', accounts: ['a', 'b', 'c', 'd'], transfers: [] },
    { typology: 'fan-in', accounts: ['e', 'f'], transfers: [] },
    { typology: 'cycle', accounts: ['x', 'y', 'z'], transfers: [] },
  ];
  const findings = [finding('fan-in', ['a', 'b', 'q']), finding('fan-in', ['r', 's']), finding('cycle', ['x', 'y', 'z'])];
  const e = evaluate(findings, truth);
  // fan-in accounts: predicted {a,b,q,r,s}, actual {a..f}: tp 2 → P 2/5, R 2/6
  assert.equal(e.byTypology['fan-in']!.accounts.precision, 2 / 5);
  assert.equal(e.byTypology['fan-in']!.accounts.recall, 2 / 6);
  // patterns: finding 1 covers 2 of 4 (half) → found; finding 2 matches nothing → P 1/2, R 1/2
  assert.equal(e.byTypology['fan-in']!.patterns.precision, 0.5);
  assert.equal(e.byTypology['fan-in']!.patterns.recall, 0.5);
  assert.equal(e.byTypology.cycle!.patterns.f1, 1);
  // overall: predicted 8 accounts, 5 true, 9 actual
  assert.equal(e.accounts.precision, 5 / 8);
  assert.equal(e.accounts.recall, 5 / 9);
  assert.ok(Math.abs(e.accounts.f1 - (2 * (5 / 8) * (5 / 9)) / (5 / 8 + 5 / 9)) < 1e-12);
});
