// Tests of shortest and bounded simple paths on graphs small enough to enumerate by hand.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { CorvidGraph } from '../types.ts';
import { fromPairs as graph } from './fixtures.ts';
import { shortestPath, simplePaths } from './paths.ts';

// The 2×2 grid: a — b
//               |   |
//               c — d
const grid = (): CorvidGraph =>
  graph([
    ['a', 'b'],
    ['b', 'd'],
    ['a', 'c'],
    ['c', 'd'],
  ]);

describe('shortestPath', () => {
  test('fewest hops, with the edge of each hop and the parameters used', () => {
    const r = shortestPath(grid(), 'a', 'd');
    assert.equal(r.algorithm, 'shortest-path');
    assert.deepEqual(r.params, { from: 'a', to: 'd', weighted: false, directed: false });
    assert.ok(r.result);
    assert.equal(r.result.length, 2);
    assert.equal(r.result.nodes.length, 3);
    assert.equal(r.result.edges.length, 2);
    // Either corner route is shortest; its edges must join its nodes.
    const g = grid();
    r.result.edges.forEach((e, i) => assert.deepEqual(new Set(g.extremities(e)), new Set([r.result?.nodes[i], r.result?.nodes[i + 1]])));
  });

  test('weighted: strong ties are short (cost 1/weight)', () => {
    // a-b-d: two weak hops, cost 1 + 1 = 2; a-c-e-d: three strong hops, cost 3 × 1/10 = 0.3.
    const g = graph([
      ['a', 'b', 1],
      ['b', 'd', 1],
      ['a', 'c', 10],
      ['c', 'e', 10],
      ['e', 'd', 10],
    ]);
    assert.deepEqual(shortestPath(g, 'a', 'd').result?.nodes, ['a', 'b', 'd']);
    const w = shortestPath(g, 'a', 'd', { weighted: true }).result;
    assert.deepEqual(w?.nodes, ['a', 'c', 'e', 'd']);
    assert.ok(Math.abs((w?.length ?? 0) - 0.3) < 1e-12);
  });

  test('parallel edges: weights summed for the cost, the heaviest edge reported', () => {
    // a=b: 2 + 3 = 5 → cost 0.2; a-c-b: 1/2 + 1/2 = 1.
    const g = graph([
      ['a', 'b', 2],
      ['a', 'b', 3],
      ['a', 'c', 2],
      ['c', 'b', 2],
    ]);
    const r = shortestPath(g, 'a', 'b', { weighted: true }).result;
    assert.deepEqual(r?.edges, ['e1']);
    assert.ok(Math.abs((r?.length ?? 0) - 0.2) < 1e-12);
  });

  test('directed: follows arrows only when asked', () => {
    const g = graph(
      [
        ['a', 'b'],
        ['c', 'b'],
      ],
      'directed',
    );
    assert.deepEqual(shortestPath(g, 'a', 'c').result?.nodes, ['a', 'b', 'c']);
    assert.equal(shortestPath(g, 'a', 'c', { directed: true }).result, null);
    assert.deepEqual(shortestPath(g, 'c', 'b', { directed: true }).result?.nodes, ['c', 'b']);
  });

  test('unreachable gives null; same node gives a path of length 0', () => {
    const g = graph([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    assert.equal(shortestPath(g, 'a', 'd').result, null);
    assert.deepEqual(shortestPath(g, 'a', 'a').result, { nodes: ['a'], edges: [], length: 0 });
  });

  test('unknown node is NOT_FOUND', () => {
    assert.throws(() => shortestPath(grid(), 'a', 'zz'), { code: 'CORVID_ERR_NOT_FOUND' });
  });
});

describe('simplePaths', () => {
  test('two corners of a 2×2 grid: two paths of two hops', () => {
    const r = simplePaths(grid(), 'a', 'd', { maxHops: 2 });
    assert.equal(r.algorithm, 'simple-paths');
    assert.deepEqual(r.params, { from: 'a', to: 'd', maxHops: 2, limit: 500, directed: false });
    assert.equal(r.result.truncated, false);
    assert.deepEqual(new Set(r.result.paths.map((p) => p.nodes.join(''))), new Set(['abd', 'acd']));
    const byNodes = Object.fromEntries(r.result.paths.map((p) => [p.nodes.join(''), p.edges]));
    assert.deepEqual(byNodes.abd, ['e0', 'e1']);
    assert.deepEqual(byNodes.acd, ['e2', 'e3']);
  });

  test('one hop is not enough between opposite corners; adjacent corners have the edge and the way round', () => {
    assert.equal(simplePaths(grid(), 'a', 'd', { maxHops: 1 }).result.paths.length, 0);
    // a→b directly (1 hop) and a-c-d-b (3 hops), shortest first.
    const r = simplePaths(grid(), 'a', 'b', { maxHops: 3 });
    assert.deepEqual(
      r.result.paths.map((p) => p.nodes.join('')),
      ['ab', 'acdb'],
    );
  });

  test('complete graph K4: paths between two nodes within 3 hops', () => {
    // From a to d: direct (1), via b or c (2), via b-c or c-b (2) → 5 paths.
    const g = graph([
      ['a', 'b'],
      ['a', 'c'],
      ['a', 'd'],
      ['b', 'c'],
      ['b', 'd'],
      ['c', 'd'],
    ]);
    const paths = simplePaths(g, 'a', 'd', { maxHops: 3 }).result.paths;
    assert.equal(paths.length, 5);
    assert.deepEqual(
      paths.map((p) => p.nodes.length - 1),
      [1, 2, 2, 3, 3],
    );
    for (const p of paths) assert.equal(new Set(p.nodes).size, p.nodes.length);
  });

  test('limit cuts the answer, keeps the shortest and says so', () => {
    const g = graph([
      ['a', 'b'],
      ['a', 'c'],
      ['a', 'd'],
      ['b', 'c'],
      ['b', 'd'],
      ['c', 'd'],
    ]);
    const r = simplePaths(g, 'a', 'd', { maxHops: 3, limit: 2 }).result;
    assert.equal(r.truncated, true);
    assert.equal(r.paths.length, 2);
    assert.deepEqual(r.paths[0].nodes, ['a', 'd']);
    assert.equal(r.paths[1].nodes.length, 3);
    assert.equal(simplePaths(g, 'a', 'd', { maxHops: 3, limit: 5 }).result.truncated, false);
  });

  test('parallel edges make one path, through the heaviest edge', () => {
    const g = graph([
      ['a', 'b', 1],
      ['a', 'b', 4],
      ['a', 'b', 2],
    ]);
    assert.deepEqual(simplePaths(g, 'a', 'b').result.paths, [{ nodes: ['a', 'b'], edges: ['e1'] }]);
  });

  test('directed: only along arrows', () => {
    const g = graph(
      [
        ['a', 'b'],
        ['b', 'c'],
        ['d', 'c'],
        ['a', 'd'],
      ],
      'directed',
    );
    assert.equal(simplePaths(g, 'a', 'c').result.paths.length, 2);
    assert.deepEqual(
      simplePaths(g, 'a', 'c', { directed: true }).result.paths.map((p) => p.nodes.join('')),
      ['abc', 'adc'],
    );
    assert.equal(simplePaths(g, 'c', 'a', { directed: true }).result.paths.length, 0);
  });

  test('bad options are VALIDATION, unknown nodes NOT_FOUND', () => {
    assert.throws(() => simplePaths(grid(), 'a', 'd', { maxHops: 0 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => simplePaths(grid(), 'a', 'd', { maxHops: 2.5 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => simplePaths(grid(), 'a', 'd', { limit: 0 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => simplePaths(grid(), 'q', 'd'), { code: 'CORVID_ERR_NOT_FOUND' });
  });
});
