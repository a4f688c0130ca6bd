/** Tests for runDetectors: chosen detectors, ranking, composite findings absorbing their parts, unknown names refused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pay, town } from './fixtures.ts';
import { DETECTORS } from './registry.ts';
import { dedupe, runDetectors } from './run.ts';
import type { Finding } from './types.ts';

test('a stack absorbs the bipartite findings of its layers; findings come ranked', () => {
  const b = town();
  for (let s = 0; s < 3; s++) for (let m = 0; m < 3; m++) pay(b, `a${s}`, `b${m}`, 20, '700');
  for (let m = 0; m < 3; m++) for (let r = 0; r < 3; r++) pay(b, `b${m}`, `c${r}`, 23, '690');
  const res = runDetectors(b.build(), { detectors: ['bipartite', 'stack'] });
  assert.equal(res.results.find((r) => r.detector === 'bipartite')!.findings.length, 2);
  assert.deepEqual(
    res.findings.map((f) => f.typology),
    ['stack'],
  );
  assert.equal(res.dropped, 2);
});

test('a stack absorbs the scatter-gathers through its middle layer', () => {
  const b = town();
  for (let s = 0; s < 3; s++) for (let m = 0; m < 3; m++) pay(b, `a${s}`, `b${m}`, 20, '700');
  for (let m = 0; m < 3; m++) for (let r = 0; r < 3; r++) pay(b, `b${m}`, `c${r}`, 23, '690');
  const res = runDetectors(b.build(), { detectors: ['scatter-gather', 'stack'] });
  assert.ok(res.results.find((r) => r.detector === 'scatter-gather')!.findings.length > 0);
  assert.deepEqual(
    res.findings.map((f) => f.typology),
    ['stack'],
  );
});

test('dedupe keeps the higher score of two overlapping findings of one typology, and both of different typologies', () => {
  const f = (typology: 'fan-in' | 'mule', score: number, accounts: string[]): Finding => ({
    typology,
    detector: typology,
    score,
    explanation: '',
    accounts,
    transfers: [],
    window: { start: 0, end: 0 },
  });
  const { kept } = dedupe([f('fan-in', 0.6, ['m', 'a', 'b']), f('fan-in', 0.9, ['m', 'a', 'c']), f('mule', 0.7, ['m'])]);
  assert.deepEqual(
    kept.map((k) => [k.typology, k.score]),
    [
      ['fan-in', 0.9],
      ['mule', 0.7],
    ],
  );
});

test('every registered detector runs on an empty ledger; unknown detectors are refused', () => {
  const empty = town().build();
  for (const d of DETECTORS) assert.ok(Array.isArray(d.run(empty).findings), d.name);
  assert.throws(() => runDetectors(empty, { detectors: ['nope'] }), { code: 'CORVID_ERR_VALIDATION' });
});

test('on equal scores a composite is kept before its parts, so it still absorbs them', () => {
  const f = (typology: 'bipartite' | 'stack', accounts: string[]): Finding => ({
    typology,
    detector: typology,
    score: 1,
    explanation: '',
    accounts,
    transfers: [],
    window: { start: 0, end: 0 },
  });
  const { kept } = dedupe([f('bipartite', ['a', 'b', 'c', 'd']), f('stack', ['a', 'b', 'c', 'd', 'e', 'f'])]);
  assert.deepEqual(
    kept.map((k) => k.typology),
    ['stack'],
  );
});

test('a bipartite group explains the fan-out of one of its senders, whatever the scores', () => {
  const f = (typology: 'fan-out' | 'bipartite', score: number, accounts: string[]): Finding => ({
    typology,
    detector: typology,
    score,
    explanation: '',
    accounts,
    transfers: [],
    window: { start: 0, end: 0 },
  });
  const { kept, dropped } = dedupe([f('fan-out', 0.99, ['s0', 'r0', 'r1', 'r2']), f('bipartite', 0.8, ['s0', 's1', 's2', 'r0', 'r1', 'r2'])]);
  assert.deepEqual(
    kept.map((k) => k.typology),
    ['bipartite'],
  );
  assert.equal(dropped, 1);
});
