/** Tests of the /alerts routes: the queue as each caller may see it, verdicts, and bad bodies refused with the field. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { alertId, type AlertInput } from '../../detect/alerts/alert-entity.ts';
import { saveAlerts } from '../../detect/alerts/alerts.ts';
import { systemContext } from '../../model/context.ts';
import { makeStatement } from '../../store/conformance/fixture.ts';
import { errorCode, startHarness, userToken, type Harness } from '../testing.ts';

const OP = 'op-falco';
const open: AlertInput = {
  typology: 'fan-out',
  detector: 'fan-out',
  score: 0.8,
  explanation: 'bank.a1 paid 12 accounts 4,800.00 EUR within 2 hours.',
  accounts: ['bank.a1', 'bank.a2'],
  transfers: ['bank.t1'],
};
const secret: AlertInput = { ...open, typology: 'cycle', detector: 'cycle', score: 0.95 };

describe('the alert queue over HTTP', () => {
  let h: Harness;
  let outsider: string;
  let insider: string;

  before(async () => {
    h = await startHarness();
    const sys = systemContext();
    await h.store.upsertDataset(sys, { name: 'bank', title: 'Bank' });
    await h.store.writeBatch(sys, {
      dataset: 'bank',
      statements: [makeStatement('bank.a1', 'BankAccount', 'accountNumber', '1'), makeStatement('bank.a2', 'BankAccount', 'accountNumber', '2')],
    });
    await saveAlerts(sys, h.store, [open], { tlp: 'AMBER' });
    await saveAlerts(sys, h.store, [secret], { compartment: OP, tlp: 'AMBER' });
    outsider = await userToken(h.store, 'olga', { compartments: [] });
    insider = await userToken(h.store, 'ivan', { compartments: [OP] });
  });
  after(async () => h.close());

  test('each caller sees the alerts of their compartments, highest score first', async () => {
    const list = async (token: string): Promise<string[]> => {
      const res = await h.call(token, { method: 'GET', url: '/api/v1/alerts?status=open' });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { alerts: { typology: string }[] }).alerts.map((a) => a.typology);
    };
    assert.deepEqual(await list(outsider), ['fan-out']);
    assert.deepEqual(await list(insider), ['cycle', 'fan-out']);
    const hidden = await h.call(outsider, { method: 'GET', url: `/api/v1/alerts/${alertId(secret)}` });
    assert.equal(hidden.statusCode, 404);
  });

  test('a verdict is recorded with its reason; bad verdicts are refused', async () => {
    const url = `/api/v1/alerts/${alertId(open)}/review`;
    const bad = await h.call(outsider, { method: 'POST', url, payload: { verdict: 'maybe', reason: 'x' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(errorCode(bad), 'CORVID_ERR_VALIDATION');
    const noReason = await h.call(outsider, { method: 'POST', url, payload: { verdict: 'dismissed' } });
    assert.equal(errorCode(noReason), 'CORVID_ERR_VALIDATION');
    const ok = await h.call(outsider, { method: 'POST', url, payload: { verdict: 'dismissed', reason: 'a payroll run' } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual([ok.json().status, ok.json().reviewReason], ['dismissed', 'a payroll run']);
    const left = await h.call(outsider, { method: 'GET', url: '/api/v1/alerts?status=open' });
    assert.deepEqual(left.json().alerts, []);
  });
});
