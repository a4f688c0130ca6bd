/** Tests of clustering: negative judgements hold, the chaining guard and size cap, and exact splits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Clusters, compareGraph } from './cluster.ts';

test('links merge groups; a cannot-link between members blocks any merge that would join them', () => {
  const c = new Clusters(5);
  c.forbid(0, 3);
  assert.equal(c.link({ a: 0, b: 1, strength: 1, trusted: true }), 'merged');
  assert.equal(c.link({ a: 2, b: 3, strength: 1, trusted: true }), 'merged');
  assert.equal(c.link({ a: 1, b: 2, strength: 1, trusted: true }), 'negative'); // would put 0 and 3 together
  assert.equal(c.link({ a: 1, b: 0, strength: 1, trusted: true }), 'already');
  assert.deepEqual(c.groups(), [[0, 1], [2, 3]]);
});

test('the guard refuses one weak bridge between two groups whose other compared pairs disagree', () => {
  // Group {0,1} and group {2,3}; the pair 1–2 scores high but 0–2, 0–3, 1–3 were compared and score low.
  const left = Int32Array.from([0, 2, 1, 0, 0, 1]);
  const right = Int32Array.from([1, 3, 2, 2, 3, 3]);
  const prob = Float32Array.from([0.99, 0.99, 0.95, 0.1, 0.1, 0.1]);
  const graph = compareGraph(4, left, right, prob);
  const c = new Clusters(4);
  c.link({ a: 0, b: 1, strength: 0.99, trusted: false }, {}, graph);
  c.link({ a: 2, b: 3, strength: 0.99, trusted: false }, {}, graph);
  assert.equal(c.link({ a: 1, b: 2, strength: 0.95, trusted: false }, { threshold: 0.9 }, graph), 'guard');
  // A trusted link (a user's decision) is not subject to the guard.
  assert.equal(c.link({ a: 1, b: 2, strength: Infinity, trusted: true }, { threshold: 0.9 }, graph), 'merged');
  assert.deepEqual(c.groups(), [[0, 1, 2, 3]]);
});

test('the guard lets groups join when most compared cross pairs agree', () => {
  const left = Int32Array.from([0, 2, 1, 0]);
  const right = Int32Array.from([1, 3, 2, 3]);
  const prob = Float32Array.from([0.99, 0.99, 0.95, 0.97]);
  const graph = compareGraph(4, left, right, prob);
  const c = new Clusters(4);
  c.link({ a: 0, b: 1, strength: 1, trusted: false }, {}, graph);
  c.link({ a: 2, b: 3, strength: 1, trusted: false }, {}, graph);
  assert.equal(c.link({ a: 1, b: 2, strength: 0.95, trusted: false }, { threshold: 0.9 }, graph), 'merged');
});

test('the size cap stops the automatic pass from growing a cluster past maxSize', () => {
  const c = new Clusters(4);
  c.link({ a: 0, b: 1, strength: 1, trusted: false }, { maxSize: 3 });
  c.link({ a: 1, b: 2, strength: 1, trusted: false }, { maxSize: 3 });
  assert.equal(c.link({ a: 2, b: 3, strength: 1, trusted: false }, { maxSize: 3 }), 'size');
  assert.equal(c.sizeOf(0), 3);
});
