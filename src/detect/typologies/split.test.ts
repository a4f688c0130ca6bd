/** Tests for split-payment and split-fan-in: planted splits found; a split bill of usual amounts and a teenager's top-ups are not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LedgerBuilder } from '../../money/ledger.ts';
import { pay, town } from '../fixtures.ts';
import { splitFanIns } from './split-fan-in.ts';
import { splitPayments } from './split-payment.ts';

/** The town, where everyone also pays three neighbours 40–80 now and then (person-to-person yardsticks). */
function neighbourly(): LedgerBuilder {
  const b = town();
  for (let i = 0; i < 30; i++) for (let k = 1; k <= 3; k++) pay(b, `p${i}`, `p${(i + 7 * k) % 30}`, 5 + 3 * k + (i % 5), String(40 + 10 * k));
  return b;
}

test('split-payment: four pieces of about 3.00 from p1 to p2 within hours; four payments of usual size are not', () => {
  const b = neighbourly();
  ['3.10', '2.90', '3.40', '2.70'].forEach((a, i) => pay(b, 'p1', 'p2', 40 + i / 24, a));
  ['45', '52', '48', '50'].forEach((a, i) => pay(b, 'p3', 'p4', 40 + i / 24, a));
  const { findings } = splitPayments(b.build());
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0]!.accounts, ['p2', 'p1']);
  assert.equal(findings[0]!.transfers.length, 4);
  assert.match(findings[0]!.explanation, /account p1 paid account p2 4 times within 3 hours .* 12\.10 EUR in all, each far below what either usually moves/);
});

test('split-payment: small top-ups to an account that only ever moves small amounts are not split payments', () => {
  const b = neighbourly();
  for (let d = 0; d < 3; d++) ['5', '6', '4'].forEach((a, i) => pay(b, 'p5', 'teen', 20 + 10 * d + i / 24, a));
  for (let d = 0; d < 12; d++) pay(b, 'teen', `kiosk${d % 4}`, 21 + 2 * d, '4.50');
  assert.equal(splitPayments(b.build()).findings.length, 0);
});

test('split-fan-in: three payers each splitting into p6 on different days, plus a single small piece from a fourth', () => {
  const b = neighbourly();
  ['p7', 'p8', 'p9'].forEach((s, k) => ['2.10', '1.90', '2.30'].forEach((a, i) => pay(b, s, 'p6', 20 + 9 * k + i / 24, a)));
  pay(b, 'p10', 'p6', 50, '2.00');
  const { findings } = splitFanIns(b.build());
  assert.equal(findings.length, 1);
  const f = findings[0]!;
  assert.equal(f.accounts[0], 'p6');
  assert.deepEqual([...f.accounts].sort(), ['p10', 'p6', 'p7', 'p8', 'p9']);
  assert.equal(f.transfers.length, 10);
  assert.match(
    f.explanation,
    /received split payments from 3 distinct payers .* in bursts of 3, 3, 3 on 2024-01-21, 2024-01-30, 2024-02-08, .* 1 other payer also sent it single payments that small \(2\.00 EUR\)/,
  );
});

test('split options are validated', () => {
  assert.throws(() => splitPayments(town().build(), { maxShare: 2 }), { code: 'CORVID_ERR_VALIDATION' });
  assert.throws(() => splitFanIns(town().build(), { minSenders: 1 }), { code: 'CORVID_ERR_VALIDATION' });
});
