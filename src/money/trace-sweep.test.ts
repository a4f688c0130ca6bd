// The sweep's arithmetic: balances replayed in doubles while exact, in bigint past 2^53; and groups skipped whole.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LedgerBuilder } from './ledger.ts';
import { DIAMOND, endpointAmounts, ledgerOf } from './testing.ts';
import { trace } from './trace.ts';

const TWO52 = 2n ** 52n;

describe('trace sweep', () => {
  test('a balance past 2^53 is replayed exactly (in doubles it would round down by one unit)', () => {
    // X→A 2^52 units @1, X→A 2^52 + 1 @2: A holds 2^53 + 1 untraced, which a double rounds to 2^53.
    // S→A 1 unit @3 is the source; FIFO lots at A: [2^53 + 1 untraced, 1 traced]. A→B 2^53 + 1 @4 takes exactly the
    // untraced lot, so B gets nothing and A→C 1 @5 carries the traced unit. Rounded, B would have taken it.
    const b = new LedgerBuilder();
    const row = (from: string, to: string, time: number, units: bigint, id: string): void => void b.addUnits(b.node(from), b.node(to), time, units, b.currency('EUR'), id);
    row('X', 'A', 1, TWO52, 'x1');
    row('X', 'A', 2, TWO52 + 1n, 'x2');
    row('S', 'A', 3, 1n, 's');
    row('A', 'B', 4, 2n * TWO52 + 1n, 'ab');
    row('A', 'C', 5, 1n, 'ac');
    const r = trace(b.build(), { from: { row: 2 }, model: 'fifo' });
    assert.deepEqual(endpointAmounts(r), { C: '0.0001' });
  });

  test('addUnits takes safe integers as numbers and refuses others', () => {
    const b = new LedgerBuilder();
    assert.equal(b.addUnits(b.node('a'), b.node('b'), 1, 12_500, b.currency('EUR'), 'p1'), true);
    assert.equal(b.addUnits(b.node('a'), b.node('b'), 1, 2 ** 53, b.currency('EUR'), 'p2'), false);
    assert.equal(b.addUnits(b.node('a'), b.node('b'), 1, 0, b.currency('EUR'), 'p3'), false);
    const l = b.build();
    assert.equal(l.units[0], 12_500n);
    assert.equal(l.num![0], 12_500);
  });

  test('rows at untraced nodes between traced ones change nothing, wherever they fall', () => {
    // The diamond with unrelated traffic (P→Q) before, between and at the same times as the traced rows.
    const noise: [string, string, number, string][] = [0, 10, 15, 20, 25, 40, 45, 60, 70].map((t) => ['P', 'Q', t, '7']);
    const l = ledgerOf([
      ['X', 'A', 10, '30'],
      ['S', 'A', 20, '60'],
      ['S', 'B', 30, '40'],
      ['A', 'D', 40, '50'],
      ['B', 'D', 50, '40'],
      ['A', 'E', 60, '40'],
      ...noise,
    ]);
    assert.deepEqual(endpointAmounts(trace(l, { from: { node: 'S', time: 0 }, model: 'fifo' })), { D: '60', E: '40' });
    assert.deepEqual(endpointAmounts(trace(l, { from: { node: 'S', time: 0 }, model: 'haircut' })), { D: '73.3333', E: '26.6667' });
    assert.deepEqual(endpointAmounts(trace(l, { from: { row: 3 }, direction: 'backward', model: 'fifo' })), { X: '30', S: '20' });
  });
});

describe('doubles and bigint', () => {
  test('a trace gives the same report whether its currency volume allows doubles or forces bigint', () => {
    // An unrelated P→Q of 2^53 units after everything pushes the EUR volume past 2^53: that ledger runs in bigint.
    const rows = [...DIAMOND, ['S', 'A', 25, '7.0001'], ['A', 'B', 45, '3.3333'], ['B', 'E', 55, '1.25']] as const;
    const small = ledgerOf(rows.map((r) => [...r]));
    const b = new LedgerBuilder();
    rows.forEach(([from, to, time, amount], i) => b.add({ from, to, time, amount, currency: 'EUR', transferId: `r${i}` }));
    b.addUnits(b.node('P'), b.node('Q'), 1000, 2n ** 53n, b.currency('EUR'), 'huge');
    const large = b.build();
    for (const model of ['fifo', 'haircut', 'poison'] as const) {
      for (const from of [{ node: 'S', time: 0, amount: '90' }, { row: 1 }]) {
        const options = { from, model, minAmount: '0.5' };
        assert.deepEqual(trace(large, options), trace(small, options), `${model} ${JSON.stringify(from)}`);
      }
    }
  });
});
