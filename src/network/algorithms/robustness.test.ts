// Tests of robustness curves: largest component and efficiency after each removal, computed by hand.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { barbell, fromPairs, path, star } from './fixtures.ts';
import { robustnessCurve } from './robustness.ts';

const close = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('robustnessCurve', () => {
  test('star: removing the centre leaves only isolated leaves', () => {
    const r = robustnessCurve(star(4), { steps: 1 });
    assert.equal(r.algorithm, 'robustness-curve');
    assert.match(r.citation, /Albert/);
    assert.match(r.citation, /Latora/);
    assert.deepEqual(r.params, { order: 'degree', steps: 1, adaptive: false });
    assert.deepEqual(r.result.order, ['c']);
    const [intact, after] = r.result.points;
    assert.equal(intact.removed, 0);
    assert.deepEqual(intact.removedIds, []);
    assert.equal(intact.largestComponent, 5);
    assert.equal(intact.largestShare, 1);
    // Star of 4 leaves: 4 pairs at 1 hop, 6 leaf pairs at 2 → E = 2·(4 + 6/2)/(5·4) = 0.7.
    close(intact.efficiency, 0.7);
    assert.equal(after.removed, 1);
    assert.deepEqual(after.removedIds, ['c']);
    assert.equal(after.largestComponent, 1);
    close(after.largestShare, 1 / 5);
    assert.equal(after.efficiency, 0);
  });

  test('efficiency of the intact network: complete graph 1, path of 3 = (1 + 1 + 1/2)·2/(3·2) = 5/6', () => {
    const k4 = fromPairs([
      ['a', 'b'],
      ['a', 'c'],
      ['a', 'd'],
      ['b', 'c'],
      ['b', 'd'],
      ['c', 'd'],
    ]);
    close(robustnessCurve(k4, { steps: 1 }).result.points[0].efficiency, 1);
    close(robustnessCurve(path(3), { steps: 1 }).result.points[0].efficiency, 5 / 6);
  });

  test('an explicit order on a path of 5', () => {
    const r = robustnessCurve(path(5), { order: ['2', '0'] }).result;
    assert.deepEqual(r.order, ['2', '0']);
    assert.equal(r.points.length, 3);
    // Without 2: 0-1 and 3-4; largest 2 of 5; 4 ordered pairs at 1 hop of 4·3 → E = 1/3.
    assert.equal(r.points[1].largestComponent, 2);
    close(r.points[1].largestShare, 2 / 5);
    close(r.points[1].efficiency, 1 / 3);
    // Then without 0: 1 alone and 3-4; 2 ordered pairs at 1 hop of 3·2 → E = 1/3.
    assert.deepEqual(r.points[2].removedIds, ['2', '0']);
    assert.equal(r.points[2].largestComponent, 2);
    close(r.points[2].efficiency, 1 / 3);
  });

  test('the curve stops when no node is left', () => {
    const r = robustnessCurve(star(3)).result;
    assert.equal(r.order.length, 4);
    assert.equal(r.points.length, 5);
    assert.equal(r.points[4].largestComponent, 0);
    assert.equal(r.points[4].largestShare, 0);
  });

  test('barbell: the key player (the bridge) splits the network, the highest degree does not', () => {
    // Cliques L0–L3 and R0–R3 joined by L0 – M0 – R0. Degree picks a clique gate (L0 or R0, degree 4):
    // 5 of 9 stay together. KPP-Neg picks M0: two groups of 4 → 4/9.
    const byDegree = robustnessCurve(barbell(4, 1), { steps: 1 }).result;
    assert.ok(['L0', 'R0'].includes(byDegree.order[0]));
    assert.equal(byDegree.points[1].largestComponent, 5);
    const byKeyPlayer = robustnessCurve(barbell(4, 1), { order: 'keyplayer', steps: 1 }).result;
    assert.deepEqual(byKeyPlayer.order, ['M0']);
    assert.equal(byKeyPlayer.points[1].largestComponent, 4);
  });

  test('adaptive: the degree is recomputed after each removal', () => {
    // p and q both link a, b, c (degree 3 each, a–c degree 2); r links s and t (degree 2).
    // Once p and q are gone, a, b, c are isolated: recomputing picks r; the initial ranking picks a.
    const g = fromPairs([
      ['p', 'a'],
      ['p', 'b'],
      ['p', 'c'],
      ['q', 'a'],
      ['q', 'b'],
      ['q', 'c'],
      ['r', 's'],
      ['r', 't'],
    ]);
    const fixed = robustnessCurve(g, { steps: 3 }).result;
    assert.deepEqual(new Set(fixed.order.slice(0, 2)), new Set(['p', 'q']));
    assert.notEqual(fixed.order[2], 'r');
    assert.equal(fixed.points[3].largestComponent, 3); // r, s, t still linked
    const adaptive = robustnessCurve(g, { steps: 3, adaptive: true }).result;
    assert.deepEqual(new Set(adaptive.order.slice(0, 2)), new Set(['p', 'q']));
    assert.equal(adaptive.order[2], 'r');
    assert.equal(adaptive.points[3].largestComponent, 1);
  });

  test('bad options: unknown node NOT_FOUND, repeated node, unknown strategy or steps VALIDATION', () => {
    assert.throws(() => robustnessCurve(star(3), { order: ['c', 'zz'] }), { code: 'CORVID_ERR_NOT_FOUND' });
    assert.throws(() => robustnessCurve(star(3), { order: ['c', 'c'] }), { code: 'CORVID_ERR_VALIDATION' });
    // @ts-expect-error an unknown strategy, as a caller of the HTTP API might send
    assert.throws(() => robustnessCurve(star(3), { order: 'closeness' }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => robustnessCurve(star(3), { steps: 0 }), { code: 'CORVID_ERR_VALIDATION' });
  });
});
