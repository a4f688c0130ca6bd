/** Tests for the mule and rapid-new-account detectors: pass-through found, a salary saver and a new saver not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LedgerBuilder } from '../../money/ledger.ts';
import { D, pay, T0, town } from '../fixtures.ts';
import { mules } from './mule.ts';
import { rapidNewAccounts } from './rapid-new-account.ts';

test('mule: four senders’ money forwarded within hours is found; a saver sweeping two salaries is not', () => {
  const b = town();
  [10, 14, 18, 22].forEach((day, i) => (pay(b, `v${i}`, 'm', day, '2000'), pay(b, 'm', 'boss', day + 0.125, '1900')));
  for (const day of [0, 30]) {
    pay(b, 'employer', 'saver', day, '3000');
    pay(b, 'saver', 'savings', day + 0.05, '2700');
  }
  const { findings } = mules(b.build());
  assert.deepEqual(
    findings.map((f) => f.accounts),
    [['m']],
  );
  assert.match(
    findings[0]!.explanation,
    /account m received 8,000\.00 EUR in 4 payments and paid out 7,600\.00 EUR in 4 .* 95% of what arrived left within 2 days .* money of 4 of its 4 distinct senders/,
  );
  assert.equal(findings[0]!.transfers.length, 8);
});

test('rapid movement: a new account passing three payments straight on; a new account that keeps its salary is not', () => {
  const b = town();
  [45, 46, 47].forEach((day, i) => (pay(b, `p${i}`, 'n', day, '1500'), pay(b, 'n', 'x', day + 0.08, '1450')));
  pay(b, 'employer', 'n2', 45, '3000');
  for (let day = 46; day <= 50; day++) pay(b, 'n2', 'shop', day, '50');
  const { findings } = rapidNewAccounts(b.build());
  assert.deepEqual(
    findings.map((f) => f.accounts[0]),
    ['n'],
  );
  assert.match(findings[0]!.explanation, /received 4,500\.00 EUR in 3 payments and paid out 4,350\.00 EUR/);
});

test('mule at day resolution: an account paying one amount every five days is not a mule; one forwarding four senders is', () => {
  const b = new LedgerBuilder();
  const at = (from: string, to: string, day: number, amount: string) =>
    b.add({ from, to, time: T0 + day * D, amount, currency: 'EUR', transferId: `d${b.size}` });
  for (let i = 0; i < 30; i++) for (const day of [1, 31, 61, 91]) at(`p${i}`, 'utility', day, '50');
  for (let day = 0; day < 100; day += 5) at('payer', `q${day}`, day, '300');
  // Three of its eight senders' money leaves the same day (a lag of 0 days, not 0 hours), the rest 3–4 days later.
  [5, 10, 15, 21, 42, 56, 71, 86].forEach((day, i) => at(`s${i}`, 'payer', day, '250'));
  [10, 20, 30, 40].forEach((day, i) => (at(`v${i}`, 'mule', day, '2000'), at('mule', 'boss', day, '1900')));
  const { findings } = mules(b.build());
  assert.deepEqual(
    findings.map((f) => f.accounts[0]),
    ['mule'],
  );
});
