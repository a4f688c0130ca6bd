/** Tests of /money/trace, /money/traces and /detect/runs over a small bank ledger whose FIFO and haircut figures are worked out by hand. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemContext } from '../../model/context.ts';
import type { Statement } from '../../model/statement.ts';
import { makeStatement as st } from '../../store/conformance/fixture.ts';
import { errorCode, startHarness, userToken, type Harness } from '../testing.ts';

const OP = 'op-trident';
// O pays the mule 1,000 the day before the victim's 5,000 arrives; the mule then pays the exchange 4,500 and O 1,200.
// FIFO at M: lots [1,000 untraced, 5,000 traced]; M→X 4,500 takes the 1,000 and 3,500 traced; M→O 1,200 takes 1,200
// traced; 300 traced stay at M. Haircut: M holds 6,000, 5/6 traced: M→X carries 3,750; then 1,500 of which 1,250
// traced, M→O carries 1,000; 250 stay.
const pay = (id: string, from: string, to: string, amount: string, date: string, extra: Partial<Statement> = {}): Statement[] => [
  st(id, 'Payment', 'payerAccount', from, { isRef: true, ...extra }),
  st(id, 'Payment', 'beneficiaryAccount', to, { isRef: true, ...extra }),
  st(id, 'Payment', 'amount', amount, extra),
  st(id, 'Payment', 'currency', 'EUR', extra),
  st(id, 'Payment', 'date', date, extra),
];
const account = (id: string, iban: string, extra: Partial<Statement> = {}): Statement[] => [st(id, 'BankAccount', 'iban', iban, extra)];

describe('follow the money over HTTP', () => {
  let h: Harness;
  let analyst: string;
  let outsider: string;

  before(async () => {
    h = await startHarness();
    const sys = systemContext();
    await h.store.upsertDataset(sys, { name: 'bank', title: 'Bank' });
    await h.store.writeBatch(sys, {
      dataset: 'bank',
      statements: [
        ...account('bank.v', 'DE89370400440532013000'),
        ...account('bank.m', 'NL91ABNA0417164300'),
        ...account('bank.x', 'LT121000011101001000'),
        st('bank.x', 'BankAccount', 'tagCategory', 'exchange'),
        ...account('bank.o', 'FR1420041010050500013M02606'),
        ...pay('bank.p1', 'bank.o', 'bank.m', '1000', '2024-03-01'),
        ...pay('bank.p2', 'bank.v', 'bank.m', '5000', '2024-03-02'),
        ...pay('bank.p3', 'bank.m', 'bank.x', '4500', '2024-03-03'),
        ...pay('bank.p4', 'bank.m', 'bank.o', '1200', '2024-03-04'),
        // A payment only the case's members see: it must not move anyone else's figures.
        ...pay('bank.p5', 'bank.m', 'bank.x', '300', '2024-03-05', { compartment: OP }),
      ],
    });
    analyst = await userToken(h.store, 'ana', { compartments: [OP] });
    outsider = await userToken(h.store, 'olga', { compartments: [] });
  });
  after(async () => h.close());

  const traceOf = async (token: string, body: Record<string, unknown>) => {
    const res = await h.call(token, { method: 'POST', url: '/api/v1/money/trace', payload: body });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as {
      cashOut: { id: string; recoverable: string; tag: string }[];
      endpoints: { id: string; amount: string; transfers: { id: string; tainted: string }[] }[];
      flows: { from: string; to: string; hop: number; amount: string }[];
      totals: { left: { amount: string }; inIntermediate: { amount: string }; conserved: boolean };
    };
  };

  test('FIFO from the victim’s payment: the exchange is the cash-out point with 3,500 recoverable', async () => {
    const v = await traceOf(outsider, { from: 'bank.p2', model: 'fifo' });
    assert.deepEqual(
      v.cashOut.map((c) => [c.id, c.tag, c.recoverable]),
      [['bank.x', 'exchange', '3500']],
    );
    assert.deepEqual(Object.fromEntries(v.endpoints.map((e) => [e.id, e.amount])), { 'bank.x': '3500', 'bank.o': '1200' });
    assert.deepEqual(
      v.endpoints.find((e) => e.id === 'bank.x')!.transfers.map((t) => [t.id, t.tainted]),
      [['bank.p3', '3500']],
    );
    assert.equal(v.totals.left.amount, '5000');
    assert.equal(v.totals.inIntermediate.amount, '300');
    assert.deepEqual(v.flows.map((f) => [f.from, f.to, f.hop, f.amount]).sort(), [
      ['bank.m', 'bank.o', 2, '1200'],
      ['bank.m', 'bank.x', 2, '3500'],
      ['bank.v', 'bank.m', 1, '5000'],
    ]);
  });

  test('haircut from the victim’s account: proportional shares', async () => {
    const v = await traceOf(outsider, { from: 'bank.v', model: 'haircut' });
    assert.deepEqual(
      v.cashOut.map((c) => c.recoverable),
      ['3750'],
    );
    assert.equal(v.endpoints.find((e) => e.id === 'bank.o')!.amount, '1000');
    assert.equal(v.totals.inIntermediate.amount, '250');
    assert.equal(v.totals.conserved, true);
  });

  test('a case member’s trace includes the payment only they see', async () => {
    const v = await traceOf(analyst, { from: 'bank.p2', model: 'fifo' });
    // The 300 left at M goes on to the exchange in p5: 3,800 recoverable.
    assert.deepEqual(
      v.cashOut.map((c) => c.recoverable),
      ['3800'],
    );
  });

  test('bad requests are refused with the field', async () => {
    const bad = await h.call(outsider, { method: 'POST', url: '/api/v1/money/trace', payload: { from: 'bank.p2', model: 'lifo' } });
    assert.equal(errorCode(bad), 'CORVID_ERR_VALIDATION');
    const unknown = await h.call(outsider, { method: 'POST', url: '/api/v1/money/trace', payload: { from: 'bank.nope' } });
    assert.equal(unknown.statusCode, 404);
    const hidden = await h.call(outsider, { method: 'POST', url: '/api/v1/money/trace', payload: { from: 'bank.p5' } });
    assert.equal(hidden.statusCode, 404, 'a payment the caller may not see does not exist for them');
    const atOnTransfer = await h.call(outsider, { method: 'POST', url: '/api/v1/money/trace', payload: { from: 'bank.p2', at: '2024-03-01' } });
    assert.equal(errorCode(atOnTransfer), 'CORVID_ERR_VALIDATION');
  });

  test('a saved trace is a chart of the case with the traced accounts and transfers', async () => {
    const res = await h.call(analyst, { method: 'POST', url: '/api/v1/money/traces', payload: { from: 'bank.p2', name: 'Victim V → exchange', case: OP } });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().chart.id as string;
    const chart = await h.call(analyst, { method: 'GET', url: `/api/v1/charts/${id}` });
    assert.equal(chart.statusCode, 200);
    const state = chart.json().state as { nodes: string[]; edges: string[]; trace: { cashOut: { id: string; recoverable: string }[] } };
    assert.deepEqual(state.nodes, ['bank.m', 'bank.o', 'bank.v', 'bank.x']);
    assert.deepEqual(state.edges, ['bank.p2', 'bank.p3', 'bank.p4', 'bank.p5']);
    assert.deepEqual(state.trace.cashOut, [{ id: 'bank.x', tag: 'exchange', recoverable: '3800' }]);
    const other = await h.call(outsider, { method: 'GET', url: `/api/v1/charts/${id}` });
    assert.equal(other.statusCode, 404);
  });

  test('detectors run over the caller’s ledger and list their catalogue', async () => {
    const cat = await h.call(outsider, { method: 'GET', url: '/api/v1/detect/detectors' });
    assert.ok((cat.json().detectors as { name: string }[]).some((d) => d.name === 'structuring'));
    const run = await h.call(outsider, { method: 'POST', url: '/api/v1/detect/runs' });
    assert.equal(run.statusCode, 200, run.body);
    assert.deepEqual(run.json().ledger.transfers, 4, 'the hidden payment is not in the outsider’s ledger');
    const bad = await h.call(outsider, { method: 'POST', url: '/api/v1/detect/runs', payload: { detectors: ['nope'] } });
    assert.equal(errorCode(bad), 'CORVID_ERR_VALIDATION');
  });
});
