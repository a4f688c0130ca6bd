/** Tests for fan-in, fan-out and gather-scatter on the quiet town with one planted instance and look-alike hubs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { burstOf, burstScratch } from '../burst.ts';
import { ledgerContext } from '../context.ts';
import { D, pay, town } from '../fixtures.ts';
import { fanIn } from './fan-in.ts';
import { fanOut } from './fan-out.ts';
import { gatherScatter } from './gather-scatter.ts';

test('fan-in: six one-off senders within 3 days are found; the shop’s steady one-off customers are not', () => {
  const b = town();
  [1000, 1100, 1200, 1300, 1400, 1500].forEach((a, i) => pay(b, `s${i}`, 'm', 20 + i / 2, String(a)));
  const { findings } = fanIn(b.build());
  assert.equal(findings.length, 1);
  const f = findings[0]!;
  assert.equal(f.accounts[0], 'm');
  assert.deepEqual([...f.accounts].sort(), ['m', 's0', 's1', 's2', 's3', 's4', 's5']);
  assert.equal(f.transfers.length, 6);
  assert.match(f.explanation, /account m received 6 payments from 6 distinct senders totalling 7,500\.00 EUR within 2\.5 days/);
  assert.ok(f.score > 0.5 && f.score <= 1);
});

test('fan-in: ten townsfolk chipping in 10.00 each for a gift within two days are no fan-in', () => {
  const b = town();
  for (let i = 0; i < 10; i++) pay(b, `p${i}`, 'organiser', 20 + i / 5, '10');
  pay(b, 'organiser', 'shop', 23, '100');
  // Each of them usually moves 20–50; a contribution below their own typical amount is everyday money, not laundering.
  assert.deepEqual(fanIn(b.build()).findings, []);
  assert.equal(fanIn(b.build(), { minFullShare: 0 }).findings.length, 1);
});

test('fan-out: one account paying five one-off receivers is found; payroll paying the same staff monthly is not', () => {
  const b = town();
  for (let month = 0; month < 2; month++) for (let i = 0; i < 8; i++) pay(b, 'payroll', `e${i}`, 25 + 30 * month, '2500');
  for (let i = 0; i < 5; i++) pay(b, 'src', `r${i}`, 40 + i * 0.2, '900');
  const { findings } = fanOut(b.build());
  assert.deepEqual(
    findings.map((f) => f.accounts[0]),
    ['src'],
  );
  assert.match(findings[0]!.explanation, /account src sent 5 payments to 5 distinct receivers totalling 4,500\.00 EUR/);
});

test('fan-out: a teenager meeting three new shops on each shopping day is no fan-out in a week of three such days', () => {
  const b = town();
  let shop = 0;
  for (const day of [5, 6, 8, 20, 33, 47, 58]) for (let k = 0; k < 3; k++) pay(b, 'teen', `shop${shop++}`, day + k * 0.1, '6');
  for (let i = 0; i < 5; i++) pay(b, 'src', `r${i}`, 40 + i * 0.2, '900');
  const { findings } = fanOut(b.build());
  // Nine new counterparties in four days would be a fan for an account that meets one at a time; the teenager's own
  // days bring three each, so three such days in a week are ordinary for it.
  assert.deepEqual(
    findings.map((f) => f.accounts[0]),
    ['src'],
  );
});

test('gather-scatter: collecting from four and paying out to four is found; a fan-in that keeps the money is not', () => {
  const b = town();
  for (let i = 0; i < 4; i++) pay(b, `g${i}`, 'c', 20 + i * 0.5, '1000');
  for (let i = 0; i < 4; i++) pay(b, 'c', `o${i}`, 24 + i * 0.5, '950');
  for (let i = 0; i < 4; i++) pay(b, `k${i}`, 'keeper', 40 + i * 0.5, '1000');
  const { findings } = gatherScatter(b.build());
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.accounts[0], 'c');
  assert.equal(findings[0]!.accounts.length, 9);
  assert.match(findings[0]!.explanation, /received 4,000\.00 EUR from 4 one-off senders .* then paid 3,800\.00 EUR to 4 one-off receivers/);
});

test('burst scan statistic: five of eight one-off senders in a week of a 49-day life', () => {
  const b = town();
  for (const [i, day] of [1, 20, 21, 22, 24, 26, 35, 50].entries()) pay(b, `s${i}`, 'x', day, '500');
  const l = b.build();
  const burst = burstOf(l, ledgerContext(l), l.nodeIds.indexOf('x'), 'in', 7 * D, 3, burstScratch(l))!;
  assert.equal(burst.counterparties.length, 5);
  // n × C(n − 1, k − 1) × (W / S)^(k − 1) = 8 × 35 × (7 / 49)^4
  assert.ok(Math.abs(burst.pScan - 8 * 35 * (7 / 49) ** 4) < 1e-12);
});

test('bad options are refused with the validation code', () => {
  assert.throws(() => fanIn(town().build(), { windowDays: -1 }), { code: 'CORVID_ERR_VALIDATION' });
  assert.throws(() => fanIn(town().build(), { nonsense: 1 }), { code: 'CORVID_ERR_VALIDATION' });
});
