/** The traced rows summed per node pair: the links of a money-flow (Sankey) diagram of a trace. */
import type { Ledger } from './ledger.ts';
import type { MoneyOf } from './trace-result.ts';
import type { SweepOutcome } from './trace-sweep.ts';
import type { Flow } from './trace-types.ts';

/**
 * Sums the traced money of every row that carried some, per (from, to) node pair, largest first.
 * @example flowsOf(l, o, money, 2000).flows[0] // { from: 'bank.victim', to: 'bank.mule', amount: { units: '50000000', amount: '5000' }, rows: 1 }
 */
export function flowsOf(l: Ledger, o: SweepOutcome, money: MoneyOf, limit: number): { flows: Flow[]; flowCount: number } {
  // Keyed by from × nodeCount + to: a number (exact below 2^53), not a string a row.
  const sums = new Map<number, { from: number; to: number; units: bigint; rows: number }>();
  for (let i = 0; i < o.rows.length; i++) {
    const t = o.tainted[i]!;
    if (t <= 0n) continue;
    const r = o.rows[i]!;
    const from = l.from[r]!;
    const to = l.to[r]!;
    const key = from * l.nodeCount + to;
    const s = sums.get(key);
    if (s) {
      s.units += t;
      s.rows++;
    } else sums.set(key, { from, to, units: t, rows: 1 });
  }
  const all = [...sums.values()].sort((a, b) => (a.units < b.units ? 1 : a.units > b.units ? -1 : a.from - b.from || a.to - b.to));
  return {
    flows: all.slice(0, limit).map((s) => ({ from: l.nodeIds[s.from]!, to: l.nodeIds[s.to]!, amount: money(s.units), rows: s.rows })),
    flowCount: all.length,
  };
}
