/** Tests for the temporal cycle detector: a coherent time-respecting cycle next to incoherent and out-of-order ones. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pay, town } from '../fixtures.ts';
import { cycles } from './cycle.ts';

test('finds the time-respecting cycle with similar amounts only', () => {
  const b = town();
  pay(b, 'a', 'b', 10, '5000');
  pay(b, 'b', 'c', 11, '4900');
  pay(b, 'c', 'a', 12, '4800');
  // amounts unrelated: 5,000 then 40
  pay(b, 'x', 'y', 10, '5000');
  pay(b, 'y', 'z', 11, '40');
  pay(b, 'z', 'x', 12, '3000');
  // similar amounts, but the second hop happens before the first
  pay(b, 'u', 'v', 20, '5000');
  pay(b, 'v', 'w', 15, '4900');
  pay(b, 'w', 'u', 25, '4800');
  const { findings } = cycles(b.build());
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0]!.accounts, ['a', 'b', 'c']);
  assert.match(findings[0]!.explanation, /3-hop cycle a → b → c → a within 2 days .* carrying 5,000\.00 EUR, 4,900\.00 EUR, 4,800\.00 EUR/);
});

test('a cycle longer than maxLength or slower than the window is not reported', () => {
  const b = town();
  pay(b, 'a', 'b', 10, '5000');
  pay(b, 'b', 'c', 11, '4900');
  pay(b, 'c', 'a', 12, '4800');
  assert.equal(cycles(b.build(), { maxLength: 2 }).findings.length, 0);
  assert.equal(cycles(b.build(), { windowDays: 1 }).findings.length, 0);
});

test('three businesses paying each other round weekly, as suppliers do, are no cycle; a one-off cycle is', () => {
  const b = town();
  for (let week = 0; week < 4; week++) {
    pay(b, 'm0', 'm1', 7 * week, '800');
    pay(b, 'm1', 'm2', 7 * week + 1, '790');
    pay(b, 'm2', 'm0', 7 * week + 2, '780');
  }
  pay(b, 'a', 'b', 10, '5000');
  pay(b, 'b', 'c', 11, '4900');
  pay(b, 'c', 'a', 12, '4800');
  // Standing relationships repeat their amounts by habit: only the one-off cycle's matching amounts are evidence.
  assert.deepEqual(
    cycles(b.build()).findings.map((f) => f.accounts),
    [['a', 'b', 'c']],
  );
});
