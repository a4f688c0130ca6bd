// Tests of Borgatti's fragmentation F and distance-weighted fragmentation DF, values computed by hand.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { undirectedView } from './csr.ts';
import { fromPairs, path, star } from './fixtures.ts';
import { distanceFragmentation, distanceFragmentationOf, fragmentation, fragmentationOf } from './fragmentation.ts';

const close = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

const k4 = () =>
  fromPairs([
    ['a', 'b'],
    ['a', 'c'],
    ['a', 'd'],
    ['b', 'c'],
    ['b', 'd'],
    ['c', 'd'],
  ]);

describe('fragmentation (F)', () => {
  test('a connected graph is not fragmented', () => {
    const r = fragmentation(path(5));
    assert.equal(r.algorithm, 'fragmentation');
    assert.match(r.citation, /Borgatti/);
    assert.deepEqual(r.params, {});
    assert.equal(r.result, 0);
  });

  test('path of 5 without its middle node: 1 − (2·1 + 2·1)/(4·3) = 2/3', () => {
    // 0-1 and 3-4 left: two components of two, 4 reachable ordered pairs out of 4·3 = 12.
    close(
      fragmentation(
        fromPairs([
          ['0', '1'],
          ['3', '4'],
        ]),
      ).result,
      2 / 3,
    );
    // The same through the removal flags used by the key-player search.
    const csr = undirectedView(path(5), false);
    const removed = new Uint8Array(csr.n);
    removed[csr.ids.indexOf('2')] = 1;
    close(fragmentationOf(csr, removed), 2 / 3);
  });

  test('a triangle and a pair: 1 − (3·2 + 2·1)/(5·4) = 0.6', () => {
    const g = fromPairs([
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'c'],
      ['d', 'e'],
    ]);
    close(fragmentation(g).result, 0.6);
  });

  test('isolated nodes only: fully fragmented; one node or none: 0', () => {
    const g = fromPairs([]);
    for (const id of ['a', 'b', 'c']) g.addNode(id, { schema: 'Person', label: id, datasets: ['test'] });
    assert.equal(fragmentation(g).result, 1);
    assert.equal(distanceFragmentation(g).result, 1);
    const one = fromPairs([]);
    one.addNode('a', { schema: 'Person', label: 'a', datasets: ['test'] });
    assert.equal(fragmentation(one).result, 0);
    assert.equal(fragmentation(fromPairs([])).result, 0);
  });

  test('direction, parallel edges and self-loops do not matter', () => {
    const g = fromPairs(
      [
        ['a', 'b'],
        ['c', 'b'],
        ['c', 'b'],
      ],
      'directed',
    );
    assert.equal(fragmentation(g).result, 0);
  });
});

describe('distance-weighted fragmentation (DF)', () => {
  test('complete graph: every pair at distance 1, DF = 0', () => {
    const r = distanceFragmentation(k4());
    assert.equal(r.algorithm, 'distance-fragmentation');
    assert.equal(r.result, 0);
  });

  test('path of 3: ordered pairs at 1, 1, 1, 1, 2, 2 hops → 1 − 5/6 = 1/6', () => {
    close(distanceFragmentation(path(3)).result, 1 / 6);
  });

  test('path of 5: unordered pairs 4 at 1, 3 at 2, 2 at 3, 1 at 4 → 1 − 2·(77/12)/20 = 43/120', () => {
    close(distanceFragmentation(path(5)).result, 43 / 120);
  });

  test('star of 4 leaves: 4 pairs at 1, 6 at 2 → 1 − 2·(4 + 3)/20 = 0.3', () => {
    close(distanceFragmentation(star(4)).result, 0.3);
  });

  test('path of 5 without its middle: only 4 ordered pairs at 1 of 12 → 2/3, as F', () => {
    const csr = undirectedView(path(5), false);
    const removed = new Uint8Array(csr.n);
    removed[csr.ids.indexOf('2')] = 1;
    close(distanceFragmentationOf(csr, removed), 2 / 3);
  });
});
