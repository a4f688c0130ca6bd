// The money views' pure logic in Node: exact amounts, the hop-layered Sankey graph and its layout, trace links, alert evidence, trace parameters.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evidenceItems } from '../src/alerts/evidence.ts';
import { errorField } from '../src/alerts/review-errors.ts';
import { transferEdge } from '../src/alerts/transfer-edge.ts';
import { formatAmount, sumAmounts } from '../src/money/amounts.ts';
import { flowGraph } from '../src/money/sankey-graph.ts';
import { layoutSankey, NODE_WIDTH } from '../src/money/sankey-layout.ts';
import { parseTraceParams, traceQuery } from '../src/money/trace-params.ts';
import type { TraceView } from '../src/money/types.ts';

describe('amounts', () => {
  test('thousands separators, digits exactly as given', () => {
    assert.equal(formatAmount('1234567.50'), '1,234,567.50');
    assert.equal(formatAmount('999'), '999');
    assert.equal(formatAmount('1000'), '1,000');
    assert.equal(formatAmount('0.000012345678'), '0.000012345678');
    assert.equal(formatAmount('-1234.5'), '−1,234.5');
    // 27 significant digits: a float would keep about 16 of them.
    assert.equal(formatAmount('123456789012345678901234.99'), '123,456,789,012,345,678,901,234.99');
    assert.equal(formatAmount('n/a'), 'n/a');
  });

  test('sums exactly, to the most precise scale', () => {
    assert.equal(sumAmounts(['0.1', '0.2']), '0.3');
    assert.equal(sumAmounts(['0.10', '0.2']), '0.30');
    assert.equal(sumAmounts(['60.00', '40.00', '20.5']), '120.50');
    assert.equal(sumAmounts(['5', '-7.25']), '-2.25');
    assert.equal(sumAmounts(['99999999999999999.99', '0.01']), '100000000000000000.00');
    assert.equal(sumAmounts([]), '0');
  });
});

/**
 * A forward trace of 160.00 from A, layered as the server does (a flow's hop is the layer of its far end): A pays B 100,
 * C 50 and the exchange X 10 (hop 1); B passes 60 to X and 40 back to A, C 50 to D (hop 2; X and A were reached
 * before, so they get the next layer); D passes 20.5 of its 50 to X (hop 3).
 */
const cyclic: TraceView = {
  source: { id: 'A', caption: 'Account A', amount: '160.00', currency: 'EUR' },
  direction: 'forward',
  params: {},
  currency: 'EUR',
  flows: [
    { from: 'A', to: 'B', hop: 1, amount: '100.00' },
    { from: 'A', to: 'C', hop: 1, amount: '50.00' },
    { from: 'A', to: 'X', hop: 1, amount: '10.00' },
    { from: 'B', to: 'X', hop: 2, amount: '60.00' },
    { from: 'B', to: 'A', hop: 2, amount: '40.00' },
    { from: 'C', to: 'D', hop: 2, amount: '50.00' },
    { from: 'D', to: 'X', hop: 3, amount: '20.5' },
  ],
  endpoints: [
    { id: 'X', caption: 'Exchange X', tag: 'exchange', amount: '90.50', cashOut: true, transfers: [] },
    { id: 'D', caption: 'Account D', tag: null, amount: '29.50', cashOut: false, transfers: [] },
  ],
  cashOut: [{ id: 'X', caption: 'Exchange X', tag: 'exchange', recoverable: '90.50' }],
  paths: [],
  notFollowed: [],
};

describe('the Sankey graph of a trace', () => {
  test('a cycle is broken by hop layers: A sends from layer 0 and receives its 40 back as a node of layer 2', () => {
    const g = flowGraph(cyclic);
    assert.deepEqual(
      g.nodes.map((n) => [n.key, n.column, n.amount]),
      [
        ['A@0', 0, '160.00'],
        ['B@1', 1, '100.00'],
        ['C@1', 1, '50.00'],
        ['A@2', 2, '40.00'],
        ['D@2', 2, '50.00'],
        // X, reached at hops 1, 2 and 3 and passing nothing on, is one cash-out point on the right: 10 + 60 + 20.5.
        ['X@cash-out', 3, '90.50'],
      ],
    );
    assert.equal(g.columns, 4);
    assert.deepEqual(
      g.links.map((l) => `${l.source}>${l.target} ${l.amount}`),
      ['A@0>B@1 100.00', 'A@0>C@1 50.00', 'A@0>X@cash-out 10.00', 'B@1>X@cash-out 60.00', 'B@1>A@2 40.00', 'C@1>D@2 50.00', 'D@2>X@cash-out 20.5'],
    );
    const x = g.nodes.find((n) => n.id === 'X')!;
    assert.equal(x.cashOut, true);
    assert.equal(x.tag, 'exchange');
    assert.deepEqual(
      g.nodes.filter((n) => n.isSource).map((n) => n.key),
      ['A@0'],
    );
  });

  test('a node reached first at a later hop sends from that layer: the link skips no column backwards', () => {
    const g = flowGraph({ ...cyclic, endpoints: [] });
    for (const l of g.links) {
      const col = (k: string) => g.nodes.find((n) => n.key === k)!.column;
      assert.ok(col(l.target) > col(l.source), `${l.source} → ${l.target}`);
    }
  });

  test('parallel flows between the same two points at the same hop are one link with the exact sum', () => {
    const g = flowGraph({
      ...cyclic,
      flows: [
        { from: 'A', to: 'B', hop: 1, amount: '0.1' },
        { from: 'A', to: 'B', hop: 1, amount: '0.2' },
      ],
      endpoints: [],
    });
    assert.deepEqual(
      g.links.map((l) => [l.source, l.target, l.amount]),
      [['A@0', 'B@1', '0.3']],
    );
    assert.equal(g.nodes.find((n) => n.key === 'B@1')!.amount, '0.3');
  });

  test('a backward trace puts the source on the left and its payers to the right', () => {
    const g = flowGraph({
      ...cyclic,
      direction: 'backward',
      flows: [
        { from: 'P', to: 'A', hop: 1, amount: '70.00' },
        { from: 'Q', to: 'P', hop: 2, amount: '70.00' },
      ],
      endpoints: [],
    });
    assert.deepEqual(
      g.nodes.map((n) => [n.key, n.column]),
      [
        ['A@0', 0],
        ['P@1', 1],
        ['Q@2', 2],
      ],
    );
  });

  test('a trace from a transfer starts at the first hop’s payer, with what it paid', () => {
    const g = flowGraph({
      ...cyclic,
      source: { id: 'pay-1', caption: 'Payment 1', amount: null, currency: 'EUR' },
      flows: [
        { from: 'V', to: 'M', hop: 1, amount: '1000.00' },
        { from: 'M', to: 'X', hop: 2, amount: '300.00' },
      ],
    });
    assert.deepEqual(
      g.nodes.map((n) => [n.key, n.isSource, n.amount]),
      [
        ['V@0', true, '1000.00'],
        ['M@1', false, '1000.00'],
        ['X@cash-out', false, '300.00'],
      ],
    );
  });

  test('a trace that went nowhere is the source alone', () => {
    const g = flowGraph({ ...cyclic, flows: [] });
    assert.deepEqual(
      g.nodes.map((n) => [n.key, n.amount]),
      [['A@0', '160.00']],
    );
    assert.equal(g.links.length, 0);
  });
});

describe('the Sankey layout', () => {
  const layout = layoutSankey(flowGraph(cyclic), 800, 400);
  const node = (key: string) => layout.nodes.find((n) => n.key === key)!;
  const link = (s: string, t: string) => layout.links.find((l) => l.source === s && l.target === t)!;

  test('the source is at the left edge, the cash-out point at the right, every column a third further', () => {
    assert.equal(node('A@0').x0, 0);
    assert.equal(node('X@cash-out').x1, 800);
    assert.equal(node('B@1').x0, (800 - NODE_WIDTH) / 3);
    assert.equal(node('A@2').x0, (2 * (800 - NODE_WIDTH)) / 3);
  });

  test('heights and widths follow the amounts: B carries twice what C does', () => {
    const h = (k: string) => node(k).y1 - node(k).y0;
    assert.ok(Math.abs(h('B@1') / h('C@1') - 2) < 1e-9);
    assert.ok(Math.abs(link('A@0', 'B@1').width / link('A@0', 'C@1').width - 2) < 1e-9);
    // X receives 10 + 60 + 20.5 = 90.5 of the 160 that left A.
    assert.ok(Math.abs(h('X@cash-out') / h('A@0') - 90.5 / 160) < 1e-9);
  });

  test('nodes of one column do not overlap, and every link has a path', () => {
    for (const a of layout.nodes)
      for (const b of layout.nodes) if (a !== b && a.column === b.column) assert.ok(a.y1 <= b.y0 || b.y1 <= a.y0, `${a.key} overlaps ${b.key}`);
    for (const l of layout.links) assert.match(l.path, /^M[\d.,-]+C/);
  });
});

describe('alert evidence on the chart', () => {
  const links = [
    { id: 'e1', source: 'bank.pay-1' },
    { id: 'e2', source: 'bank.pay-2' },
    { id: 'e3', source: 'bank.pay-9' },
  ];
  test('the links of the evidence transfers and the accounts on the chart; what is missing is named', () => {
    const grouped = new Map([['bank.acct-3', 'group-1']]);
    const onChart = new Set(['bank.acct-1', 'bank.acct-2', 'group-1']);
    const items = evidenceItems(
      links,
      { accounts: ['bank.acct-1', 'bank.acct-2', 'bank.acct-3', 'bank.acct-4'], transfers: ['bank.pay-1', 'bank.pay-2', 'bank.pay-3'] },
      (id) => grouped.get(id) ?? id,
      (id) => onChart.has(id),
    );
    assert.deepEqual(items, { nodes: ['bank.acct-1', 'bank.acct-2', 'group-1'], edges: ['e1', 'e2'], missing: ['bank.pay-3'] });
  });
});

describe('transfers drawn as links between accounts', () => {
  const entity = (schema: string, properties: Record<string, string[]>) => ({ id: 'bank.pay-1', schema, caption: '', properties, datasets: ['bank'], firstSeen: '', lastSeen: '' });
  test('a payment runs from the payer’s account to the beneficiary’s, as the ledger reads it', () => {
    const e = transferEdge(entity('Payment', { payer: ['bank.anna'], payerAccount: ['bank.acct-1'], beneficiaryAccount: ['bank.acct-2'], amount: ['700.00'], currency: ['EUR'], date: ['2024-01-03'] }));
    assert.deepEqual(
      e && { from: e.from, to: e.to, directed: e.directed, source: e.source, label: e.label, start: e.start },
      { from: 'bank.acct-1', to: 'bank.acct-2', directed: true, source: 'bank.pay-1', label: '700.00 EUR', start: '2024-01-03' },
    );
  });
  test('without accounts, the payer and beneficiary; a crypto transfer from sender to receiver; no ends, no link', () => {
    assert.equal(transferEdge(entity('Payment', { payer: ['bank.anna'], beneficiary: ['bank.bert'] }))?.to, 'bank.bert');
    assert.equal(transferEdge(entity('CryptoTransfer', { sender: ['btc.w1'], receiver: ['btc.w2'] }))?.from, 'btc.w1');
    assert.equal(transferEdge(entity('Payment', { payerAccount: ['bank.acct-1'] })), null);
  });
});

describe('review errors', () => {
  test('the field from the domain error or from the schema issue', () => {
    assert.equal(errorField({ field: 'reason' }), 'reason');
    assert.equal(errorField({ part: 'body', issues: [{ path: '/grading', keyword: 'pattern' }] }), 'grading');
    assert.equal(errorField({ part: 'body', issues: [{ path: '', keyword: 'required', params: { missingProperty: 'verdict' } }] }), 'verdict');
    assert.equal(errorField({}), '');
  });
});

describe('the trace in the location hash', () => {
  test('a trace survives the hash with its parameters; defaults are left out', () => {
    const t = parseTraceParams(new URLSearchParams('from=bank.a1&model=haircut&maxHops=3&minAmount=100.00'));
    assert.deepEqual(t, { from: 'bank.a1', direction: 'forward', model: 'haircut', maxHops: 3, minAmount: '100.00' });
    assert.equal(traceQuery(t!).toString(), 'from=bank.a1&model=haircut&maxHops=3&minAmount=100.00');
    assert.deepEqual(parseTraceParams(new URLSearchParams('from=x&direction=sideways&model=magic&maxHops=-2')), { from: 'x', direction: 'forward', model: 'fifo', maxHops: 6 });
    assert.equal(parseTraceParams(new URLSearchParams('direction=backward')), null);
  });
});
