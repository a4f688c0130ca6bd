/** Tests for scatter-gather, bipartite and stack: one planted instance each, next to look-alikes through hubs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pay, town } from '../fixtures.ts';
import { bipartite } from './bipartite.ts';
import { scatterGather } from './scatter-gather.ts';
import { stack } from './stack.ts';

test('scatter-gather: source → 3 intermediates → one destination; a parent whose children pay the utility is not', () => {
  const b = town();
  for (let i = 0; i < 3; i++) {
    pay(b, 'src', `m${i}`, 5, '1000');
    pay(b, `m${i}`, 'dst', 6, '990');
  }
  for (let i = 0; i < 3; i++) {
    pay(b, 'parent', `kid${i}`, 5, '100');
    pay(b, `kid${i}`, 'utility', 6, '60');
  }
  const { findings } = scatterGather(b.build());
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0]!.accounts.slice(0, 2), ['src', 'dst']);
  assert.match(findings[0]!.explanation, /account src sent 3,000\.00 EUR to 3 intermediates, which passed 2,970\.00 EUR on to account dst/);
});

test('bipartite: three senders each paying the same three receivers; shoppers paying the same two hubs are not', () => {
  const b = town();
  for (let s = 0; s < 3; s++) for (let r = 0; r < 3; r++) pay(b, `s${s}`, `r${r}`, 20 + r, '700');
  const { findings } = bipartite(b.build());
  assert.equal(findings.length, 1);
  assert.deepEqual([...findings[0]!.accounts].sort(), ['r0', 'r1', 'r2', 's0', 's1', 's2']);
  assert.match(findings[0]!.explanation, /3 senders \(s0, s1, s2\) paid 3 receivers \(r0, r1, r2\) over 9 of the 9 possible .* 6,300\.00 EUR in 9 payments/);
});

test('bipartite: four shoppers each paying two of the same three small shops over two months are no group', () => {
  const b = town();
  const days = [3, 17, 29, 44, 52, 8, 36, 57];
  for (let t = 0; t < 4; t++) for (const k of [0, 1]) pay(b, `teen${t}`, `shop${(t + k) % 3}`, days[2 * t + k]!, '5');
  // Some group of this shape turns up among the ledger's many choices of four senders and three receivers.
  assert.deepEqual(bipartite(b.build()).findings, []);
});

test('stack: two bipartite layers in a row are one stack; a lone bipartite layer is not', () => {
  const b = town();
  for (let s = 0; s < 3; s++) for (let m = 0; m < 3; m++) pay(b, `a${s}`, `b${m}`, 20, '700');
  for (let m = 0; m < 3; m++) for (let r = 0; r < 3; r++) pay(b, `b${m}`, `c${r}`, 23, '690');
  for (let s = 0; s < 3; s++) for (let r = 0; r < 3; r++) pay(b, `x${s}`, `y${r}`, 40, '700');
  const { findings } = stack(b.build());
  assert.equal(findings.length, 1);
  assert.deepEqual([...findings[0]!.accounts].sort(), ['a0', 'a1', 'a2', 'b0', 'b1', 'b2', 'c0', 'c1', 'c2']);
  assert.equal(findings[0]!.transfers.length, 18);
});
