// Tests of greedy KPP-Neg: picks checked by hand on small graphs.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { barbell, path, star } from './fixtures.ts';
import { keyPlayersNeg } from './keyplayer.ts';

const close = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

describe('keyPlayersNeg', () => {
  test('barbell: the bridge node is the key player for F', () => {
    // Cliques L0–L3 and R0–R3 joined by L0 – M0 – R0 (9 nodes).
    // Without M0: two groups of 4 among 8 → F = 1 − (12 + 12)/56 = 4/7.
    // Without L0: groups of 3 and 5 → F = 1 − (6 + 20)/56 = 15/28 < 4/7; removing a node of neither kind leaves F = 0.
    const r = keyPlayersNeg(barbell(4, 1), { k: 1 });
    assert.equal(r.algorithm, 'key-players-neg');
    assert.match(r.citation, /Borgatti/);
    assert.deepEqual(r.params, { k: 1, measure: 'fragmentation' });
    assert.deepEqual(r.result.players, ['M0']);
    assert.equal(r.result.before, 0);
    close(r.result.after, 4 / 7);
    assert.equal(r.result.steps.length, 1);
  });

  test('barbell with DF: a clique gate beats the bridge, since it also strands the bridge far away', () => {
    // Without M0: only the 24 ordered pairs inside the cliques, at 1 hop → DF = 1 − 24/56 = 32/56.
    // Without L0: triangle L1–L3 (6 ordered pairs at 1), and M0 + clique R: 12 + 2 at 1, M0–R1..R3 at 2 (6 × 1/2)
    // → DF = 1 − (6 + 14 + 3)/56 = 33/56 (R0 symmetric).
    const r = keyPlayersNeg(barbell(4, 1), { k: 1, measure: 'distance-fragmentation' }).result;
    assert.ok(['L0', 'R0'].includes(r.players[0]), r.players[0]);
    close(r.after, 33 / 56);
  });

  test('path of 7: the middle first, then the middle of a half (greedy, one step at a time)', () => {
    // Without 3: halves of 3 among 6 → F = 1 − 12/30 = 0.6 (without 2: 1 − 14/30, less).
    // Then without 1 (or 5): {0}, {2}, {4, 5, 6} among 5 → F = 1 − 6/20 = 0.7 (without 0: 1 − 8/20 = 0.6).
    const r = keyPlayersNeg(path(7), { k: 2 }).result;
    assert.equal(r.players[0], '3');
    assert.ok(['1', '5'].includes(r.players[1]), r.players[1]);
    assert.equal(r.steps[0].removed, '3');
    close(r.steps[0].score, 0.6);
    close(r.steps[1].score, 0.7);
    close(r.after, 0.7);
  });

  test('star: removing the centre isolates every leaf (F = 1)', () => {
    const r = keyPlayersNeg(star(5), { k: 1 }).result;
    assert.deepEqual(r.players, ['c']);
    assert.equal(r.after, 1);
  });

  test('default k is 5 and every player is distinct', () => {
    const r = keyPlayersNeg(barbell(4, 1));
    assert.equal(r.params.k, 5);
    assert.equal(new Set(r.result.players).size, 5);
  });

  test('bad options are VALIDATION', () => {
    assert.throws(() => keyPlayersNeg(star(3), { k: 0 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => keyPlayersNeg(star(3), { k: 5 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => keyPlayersNeg(star(3), { k: 1.5 }), { code: 'CORVID_ERR_VALIDATION' });
    // @ts-expect-error an unknown measure, as a caller of the HTTP API might send
    assert.throws(() => keyPlayersNeg(star(3), { measure: 'closeness' }), { code: 'CORVID_ERR_VALIDATION' });
  });
});
