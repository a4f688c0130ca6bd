/** Tests of the alert queue: findings saved once, ranked for review, verdicts recorded, confirmations graded onto accounts. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeContext, systemContext } from '../../model/context.ts';
import { st } from '../../store/conformance/fixture.ts';
import { openStore } from '../../store/open.ts';
import type { Store } from '../../store/port.ts';
import { alertId, type AlertInput } from './alert-entity.ts';
import { getAlert, listAlerts, reviewAlert, saveAlerts } from './alerts.ts';

const sys = systemContext();
const A1 = 'bank.acct-1';
const A2 = 'bank.acct-2';
const A3 = 'bank.acct-3';

const fanIn: AlertInput = {
  typology: 'fan-in',
  detector: 'fan-in',
  score: 0.9,
  explanation: 'bank.acct-3 received 2 payments from 2 distinct senders totalling 19,000.00 EUR within 1 day.',
  accounts: [A3, A1, A2],
  transfers: ['bank.pay-2', 'bank.pay-1'],
};
const structuring: AlertInput = {
  typology: 'structuring',
  detector: 'structuring',
  score: 0.6,
  explanation: 'bank.acct-1 paid 2 amounts just under 10,000 EUR.',
  accounts: [A1],
  transfers: ['bank.pay-1'],
};

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

describe('alert queue', () => {
  let dir: string;
  let store: Store;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corvid-alerts-'));
    store = await openStore({ data: dir });
    await store.upsertDataset(sys, { name: 'bank', title: 'Bank' });
    await store.writeBatch(sys, {
      dataset: 'bank',
      statements: [A1, A2, A3].map((id, i) => st(id, 'BankAccount', 'accountNumber', `00${i + 1}`)),
    });
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('raises each finding once; the same pattern found again is the same alert', async () => {
    const first = await saveAlerts(sys, store, [fanIn, structuring, { ...fanIn }]);
    assert.equal(first.raised.length, 2);
    const again = await saveAlerts(sys, store, [{ ...fanIn, accounts: [A1, A2, A3], transfers: ['bank.pay-1', 'bank.pay-2'] }]);
    assert.deepEqual(again, { raised: [], existing: [alertId(fanIn)] });
  });

  test('lists open alerts by score with their evidence', async () => {
    const open = await listAlerts(sys, store, { status: 'open' });
    assert.deepEqual(
      open.map((a) => a.typology),
      ['fan-in', 'structuring'],
    );
    assert.equal(open[0]!.name, 'Fan-in: 3 accounts, 2 transfers');
    assert.deepEqual(open[0]!.accounts, [A1, A2, A3]);
    assert.deepEqual(open[0]!.transfers, ['bank.pay-1', 'bank.pay-2']);
    assert.equal(open[0]!.score, 0.9);
  });

  test('a confirmed alert writes a graded note on each involved account', async () => {
    const v = await reviewAlert(sys, store, alertId(fanIn), { verdict: 'confirmed', reason: 'matches the victim reports', grading: 'B2' });
    assert.equal(v.status, 'confirmed');
    assert.equal(v.reviewReason, 'matches the victim reports');
    const acct = await store.getEntity(sys, A2);
    const note = acct!.statements.find((s) => s.prop === 'notes');
    assert.ok(note, 'the account carries the confirmed finding');
    assert.equal(note.grading, 'B2');
    assert.equal(note.source, `alert ${alertId(fanIn)} confirmed by system`);
    assert.match(note.value, /^Confirmed fan-in alert: /);
    const audit = await store.listAudit(sys, { action: 'detect.review' });
    assert.equal(audit.at(-1)!.target, alertId(fanIn));
  });

  test('the last verdict counts, a re-run does not re-open it, and a verdict needs a reason', async () => {
    const id = alertId(structuring);
    await reviewAlert(sys, store, id, { verdict: 'dismissed', reason: 'payroll of a known employer' });
    await sleep(5);
    await reviewAlert(sys, store, id, { verdict: 'open', reason: '' });
    await sleep(5);
    await reviewAlert(sys, store, id, { verdict: 'dismissed', reason: 'checked again: payroll' });
    await saveAlerts(sys, store, [structuring]);
    const a = await getAlert(sys, store, id);
    assert.equal(a.status, 'dismissed');
    assert.equal(a.reviewReason, 'checked again: payroll');
    assert.deepEqual((await listAlerts(sys, store, { status: 'open' })).length, 0);
    await assert.rejects(reviewAlert(sys, store, id, { verdict: 'dismissed', reason: '  ' }), code('CORVID_ERR_VALIDATION'));
    await assert.rejects(reviewAlert(sys, store, id, { verdict: 'maybe' as 'open', reason: 'x' }), code('CORVID_ERR_VALIDATION'));
    await assert.rejects(getAlert(sys, store, 'alerts.nope'), code('CORVID_ERR_NOT_FOUND'));
  });

  test('alerts saved in a compartment are invisible outside it', async () => {
    const secret: AlertInput = { ...structuring, typology: 'cycle', detector: 'cycle', accounts: [A1, A2] };
    await saveAlerts(sys, store, [secret], { compartment: 'op-x' });
    const outsider = makeContext({ actor: 'eve', compartments: [], tlpCeiling: 'RED' });
    const insider = makeContext({ actor: 'ann', compartments: ['op-x'], tlpCeiling: 'RED' });
    assert.equal(
      (await listAlerts(outsider, store)).some((a) => a.typology === 'cycle'),
      false,
    );
    assert.equal(
      (await listAlerts(insider, store)).some((a) => a.typology === 'cycle'),
      true,
    );
    await assert.rejects(getAlert(outsider, store, alertId(secret)), code('CORVID_ERR_NOT_FOUND'));
  });
});
