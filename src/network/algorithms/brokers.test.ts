/** Tests for brokers: the bridge ends of two triangles and the middle of a barbell come first. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brokers } from './brokers.ts';
import { barbell, bridgedTriangles } from './fixtures.ts';

test('bridged triangles: c and d broker, betweenness 6/10 and constraint 11/18 (by hand)', () => {
  const r = brokers(bridgedTriangles(), { top: 2 });
  assert.deepEqual(r.params, { top: 2 });
  assert.deepEqual(
    r.result.map((b) => b.id),
    ['c', 'd'],
  );
  for (const b of r.result) {
    assert.ok(Math.abs(b.betweenness - 0.6) < 1e-12);
    assert.ok(Math.abs(b.constraint - 11 / 18) < 1e-12);
  }
});

test('barbell: the middle node of the bridge is the first broker, then the clique ends it joins', () => {
  const r = brokers(barbell(4, 1), { top: 3 }).result;
  assert.equal(r[0].id, 'M0');
  assert.deepEqual(r.slice(1).map((b) => b.id).sort(), ['L0', 'R0']);
});

test('top must be a positive integer', () => {
  assert.throws(() => brokers(bridgedTriangles(), { top: 0 }), { code: 'CORVID_ERR_VALIDATION' });
});
