/** Tests for connectedComponents: sizes, order and membership on hand-built graphs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectedComponents } from './components.ts';
import { emptyGraph, fromPairs, link } from './fixtures.ts';

test('two components and an isolate, largest first, with membership', () => {
  const g = fromPairs([
    ['x', 'y'],
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'a'],
  ]);
  g.addNode('lone', { schema: 'Person', label: 'lone', datasets: ['test'] });
  const { result, algorithm, params } = connectedComponents(g);
  assert.equal(algorithm, 'components');
  assert.deepEqual(params, {});
  assert.equal(result.count, 3);
  assert.deepEqual(
    result.components.map((c) => [...c].sort()),
    [['a', 'b', 'c'], ['x', 'y'], ['lone']],
  );
  assert.equal(result.of.a, 0);
  assert.equal(result.of.y, 1);
  assert.equal(result.of.lone, 2);
});

test('direction is ignored: a directed chain is one (weak) component', () => {
  const g = fromPairs(
    [
      ['a', 'b'],
      ['c', 'b'],
    ],
    'directed',
  );
  assert.equal(connectedComponents(g).result.count, 1);
});

test('parallel edges and self-loops change nothing', () => {
  const g = emptyGraph();
  link(g, 'a', 'b');
  link(g, 'a', 'b');
  link(g, 'c', 'c');
  const { result } = connectedComponents(g);
  assert.equal(result.count, 2);
  assert.deepEqual(result.components[1], ['c']);
});

test('empty graph has no components', () => {
  assert.equal(connectedComponents(emptyGraph()).result.count, 0);
});
