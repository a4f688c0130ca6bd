// Prefix balances give what a replay of the node's history gives: checked at every row of a seeded ledger with many
// same-time rows, two currencies, self-payments and overdrafts (clamped at zero), part of the current time taken.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../model/random.ts';
import { LedgerBuilder } from './ledger.ts';
import { balanceFromPrefix, prefixBalances } from './trace-prefix.ts';
import { DoneRows, replayBalance } from './trace-replay.ts';
import type { Plan } from './trace-source.ts';

test('balanceFromPrefix equals replayBalance for every node at every row', () => {
  const next = mulberry32(11);
  const b = new LedgerBuilder();
  for (let i = 0; i < 3000; i++) {
    const from = `n${Math.floor(next() * 40)}`;
    const to = next() < 0.05 ? from : `n${Math.floor(next() * 40)}`;
    b.addUnits(b.node(from), b.node(to), Math.floor(i / 3 + next() * 4), 1 + Math.floor(next() * 1000), b.currency(next() < 0.2 ? 'USD' : 'EUR'), `p${i}`);
  }
  const l = b.build();
  for (const currency of [0, 1]) {
    const p = { currency, since: -Infinity, until: Infinity } as Plan;
    const sw = { l, p, doneNow: new DoneRows(l.size) };
    const pb = prefixBalances(l, currency, l.num!, l.byTime!);
    for (let k = 0; k < l.size; k++) {
      const now = l.byTime![k]!;
      sw.doneNow.clear();
      // Some rows of the current time already taken.
      for (let j = k - 1; j >= 0 && l.time[l.byTime![j]!] === l.time[now]; j--) if (next() < 0.6) sw.doneNow.add(l.byTime![j]!);
      for (const n of [l.from[now]!, l.to[now]!, Math.floor(next() * l.nodeCount)]) {
        assert.equal(balanceFromPrefix(sw, pb, n, now, l.num!), replayBalance(sw, n, now, l.num!), `node ${n} at row ${now}`);
      }
    }
  }
});
