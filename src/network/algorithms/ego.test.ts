// Tests of ego networks: which nodes lie within the radius, which edges come with them, and the cut.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { CorvidGraph } from '../types.ts';
import { fromPairs as graph } from './fixtures.ts';
import { egoNetwork } from './ego.ts';

// c is in a triangle with a and b; a leads on to x then y, b to z; q-r sits apart.
//   y — x — a — c
//           |  /
//   z ——————b
const sample = (): CorvidGraph =>
  graph([
    ['c', 'a'], // e0
    ['c', 'b'], // e1
    ['a', 'b'], // e2
    ['a', 'x'], // e3
    ['x', 'y'], // e4
    ['b', 'z'], // e5
    ['q', 'r'], // e6
    ['c', 'a'], // e7, parallel to e0
    ['c', 'c'], // e8, self-loop
  ]);

describe('egoNetwork', () => {
  test('one hop: the neighbours and the links among them, parallel edges and self-loop included', () => {
    const r = egoNetwork(sample(), 'c');
    assert.equal(r.algorithm, 'ego-network');
    assert.deepEqual(r.params, { center: 'c', hops: 1, maxNodes: 2000 });
    assert.equal(r.result.nodes[0], 'c');
    assert.deepEqual(new Set(r.result.nodes), new Set(['c', 'a', 'b']));
    assert.deepEqual(new Set(r.result.edges), new Set(['e0', 'e1', 'e2', 'e7', 'e8']));
    assert.equal(r.result.edges.length, 5);
    assert.equal(r.result.truncated, false);
  });

  test('two hops reach x and z, not y; three reach y; the other component never', () => {
    const two = egoNetwork(sample(), 'c', { hops: 2 }).result;
    assert.deepEqual(new Set(two.nodes), new Set(['c', 'a', 'b', 'x', 'z']));
    assert.deepEqual(new Set(two.edges), new Set(['e0', 'e1', 'e2', 'e3', 'e5', 'e7', 'e8']));
    const three = egoNetwork(sample(), 'c', { hops: 3 }).result;
    assert.deepEqual(new Set(three.nodes), new Set(['c', 'a', 'b', 'x', 'z', 'y']));
    assert.equal(three.edges.length, 8);
    // Nearest first: the two neighbours come before the second ring.
    assert.deepEqual(new Set(three.nodes.slice(1, 3)), new Set(['a', 'b']));
    assert.equal(three.nodes[5], 'y');
  });

  test('zero hops: the centre alone with its self-loop', () => {
    assert.deepEqual(egoNetwork(sample(), 'c', { hops: 0 }).result, { nodes: ['c'], edges: ['e8'], truncated: false });
  });

  test('maxNodes cuts the farthest nodes and says so', () => {
    const r = egoNetwork(sample(), 'c', { hops: 2, maxNodes: 3 }).result;
    assert.equal(r.truncated, true);
    assert.deepEqual(new Set(r.nodes), new Set(['c', 'a', 'b']));
    assert.equal(egoNetwork(sample(), 'c', { hops: 2, maxNodes: 5 }).result.truncated, false);
  });

  test('direction is ignored: callers and callees are both in the ego network', () => {
    const g = graph(
      [
        ['a', 'c'],
        ['c', 'b'],
      ],
      'directed',
    );
    assert.deepEqual(new Set(egoNetwork(g, 'c').result.nodes), new Set(['a', 'b', 'c']));
  });

  test('bad options are VALIDATION, unknown centre NOT_FOUND', () => {
    assert.throws(() => egoNetwork(sample(), 'c', { hops: -1 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => egoNetwork(sample(), 'c', { maxNodes: 0 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => egoNetwork(sample(), 'nobody'), { code: 'CORVID_ERR_NOT_FOUND' });
  });
});
