/** Money in, money out: first-in-first-out matching of a node's outflows to what it received within the last H seconds. */
import { approxAmount, type Ledger } from '../money/ledger.ts';
import { DAY } from './params.ts';

export interface PassThrough {
  inRows: number[];
  outRows: number[];
  /** Out-rows that were (partly) paid from money received within H before them. */
  quickOut: number[];
  totalIn: number;
  totalOut: number;
  /** Money forwarded within H of its arrival. */
  quick: number;
  /** Per in-row (aligned with inRows): how much of it left within H. */
  forwarded: number[];
  /** Per in-row: seconds from its arrival to the last outflow that took from it (0 if none). */
  lag: number[];
}

/**
 * Walks node v's in- and out-rows with time in [from, to] in time order (an arrival before a departure at the same
 * time), spending each outflow from the oldest money that arrived at most `hold` seconds earlier.
 * @example passThrough(l, v, 2 * DAY).quick / passThrough(l, v, 2 * DAY).totalIn // share forwarded within 2 days
 */
export function passThrough(l: Ledger, v: number, hold: number, from = -Infinity, to = Infinity): PassThrough {
  const res: PassThrough = { inRows: [], outRows: [], quickOut: [], totalIn: 0, totalOut: 0, quick: 0, forwarded: [], lag: [] };
  const qTime: number[] = [];
  const qLeft: number[] = [];
  let head = 0;
  let i = l.inStart[v]!;
  let o = l.outStart[v]!;
  const iEnd = l.inStart[v + 1]!;
  const oEnd = l.outStart[v + 1]!;
  while (i < iEnd || o < oEnd) {
    const ri = i < iEnd ? l.inRows[i]! : -1;
    const ro = o < oEnd ? l.outRows[o]! : -1;
    const takeIn = ri >= 0 && (ro < 0 || l.time[ri]! <= l.time[ro]!);
    const r = takeIn ? ri : ro;
    if (takeIn) i++;
    else o++;
    const t = l.time[r]!;
    if (t < from || t > to || l.from[r] === l.to[r]) continue;
    const a = approxAmount(l, r);
    if (takeIn) {
      res.inRows.push(r);
      res.totalIn += a;
      qTime.push(t);
      qLeft.push(a);
      res.forwarded.push(0);
      res.lag.push(0);
      continue;
    }
    res.outRows.push(r);
    res.totalOut += a;
    while (head < qTime.length && (qTime[head]! < t - hold || qLeft[head]! <= 0)) head++;
    let need = a;
    for (let h = head; h < qTime.length && need > 0; h++) {
      const take = Math.min(need, qLeft[h]!);
      qLeft[h]! -= take;
      res.forwarded[h]! += take;
      if (take > 0) res.lag[h] = t - qTime[h]!;
      need -= take;
    }
    if (need < a) {
      res.quick += a - need;
      res.quickOut.push(r);
    }
  }
  return res;
}

export interface QuickSenders {
  /** Distinct non-hub senders. */
  senders: number;
  /** Those of them of whose money ≥ share left within H. */
  passed: number[];
  /** Per passed sender: the longest time its money stayed, and what it sent in all. */
  lag: number[];
  amount: number[];
}

/**
 * The distinct senders of a pass-through, and those whose money the node forwarded (≥ `share` of it) within H.
 * A salary swept to savings each month is one sender, so a saver is not a mule; a mule forwards many people's money.
 */
export function quickSenders(l: Ledger, pt: PassThrough, share: number, hub: Uint8Array): QuickSenders {
  const got = new Map<number, [number, number, number]>();
  pt.inRows.forEach((r, i) => {
    const s = l.from[r]!;
    if (hub[s]) return;
    const g = got.get(s) ?? [0, 0, 0];
    g[0] += approxAmount(l, r);
    g[1] += pt.forwarded[i]!;
    g[2] = Math.max(g[2], pt.lag[i]!);
    got.set(s, g);
  });
  const passed = [...got].filter(([, [a, f]]) => f >= share * a);
  return { senders: got.size, passed: passed.map(([s]) => s), lag: passed.map(([, g]) => g[2]), amount: passed.map(([, g]) => g[0]) };
}

/** Seconds between node v's first and last row (at least a day): the period its own outflows are spread over. */
export function activeSpan(l: Ledger, v: number): number {
  const t = (rows: Uint32Array, lo: number, hi: number): [number, number] => (hi > lo ? [l.time[rows[lo]!]!, l.time[rows[hi - 1]!]!] : [Infinity, -Infinity]);
  const [a, b] = t(l.inRows, l.inStart[v]!, l.inStart[v + 1]!);
  const [c, d] = t(l.outRows, l.outStart[v]!, l.outStart[v + 1]!);
  return Math.max(DAY, Math.max(b, d) - Math.min(a, c));
}
