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
  return {
    flows: largest(sums.values(), limit).map((s) => ({ from: l.nodeIds[s.from]!, to: l.nodeIds[s.to]!, amount: money(s.units), rows: s.rows })),
    flowCount: sums.size,
  };
}

interface Sum {
  from: number;
  to: number;
  units: bigint;
}

/** Largest first; ties by node numbers (a total order: pairs are unique). */
const before = (a: Sum, b: Sum): number => (a.units < b.units ? 1 : a.units > b.units ? -1 : a.from - b.from || a.to - b.to);

/**
 * The first `limit` sums in `before` order, as sorting them all and cutting would give, without sorting them all: a
 * heap of the best so far with the last of them on top, so most sums cost one comparison.
 */
export function largest<T extends Sum>(sums: Iterable<T>, limit: number): T[] {
  if (!(limit > 0 && limit < 2 ** 32)) return [...sums].sort(before).slice(0, limit);
  const heap: T[] = [];
  const down = (i: number): void => {
    for (;;) {
      let c = 2 * i + 1;
      if (c >= heap.length) return;
      if (c + 1 < heap.length && before(heap[c + 1]!, heap[c]!) > 0) c++;
      if (before(heap[c]!, heap[i]!) <= 0) return;
      [heap[c], heap[i]] = [heap[i]!, heap[c]!];
      i = c;
    }
  };
  for (const s of sums) {
    if (heap.length < limit) {
      heap.push(s);
      for (let i = heap.length - 1; i > 0 && before(heap[i]!, heap[(i - 1) >> 1]!) > 0; i = (i - 1) >> 1) {
        const up = (i - 1) >> 1;
        [heap[up], heap[i]] = [heap[i]!, heap[up]!];
      }
    } else if (before(s, heap[0]!) < 0) {
      heap[0] = s;
      down(0);
    }
  }
  return heap.sort(before);
}
