/**
 * Every node's known balance after each of its rows, in one pass over the ledger in time order (arrivals before
 * departures at one time, never below zero), so a trace opens a busy node with two binary searches instead of a
 * replay of its history. Kept per ledger and currency; exact in doubles, so only where `safeVolume` holds.
 */
import type { Ledger } from './ledger.ts';
import type { ReplayScope } from './trace-replay.ts';

/** Per row of the currency: its receiver's and its sender's balance after all their rows at the row's time. */
export interface PrefixBalances {
  afterTo: Float64Array;
  afterFrom: Float64Array;
}

const cache = new WeakMap<Ledger, Map<number, PrefixBalances>>();
/** Rows replayed so far per ledger and currency, toward the cost of the pass that makes replays unnecessary. */
const replayed = new WeakMap<Ledger, Map<number, number>>();

/**
 * The prefix balances when they are worth having: once the replays of a ledger and currency have stepped through as
 * many rows as the ledger holds (what the pass costs), the pass is made and kept; until then, null (replay). So a
 * single small trace never pays the pass, and many or large ones pay it at most twice over (ski rental).
 * @example const pb = prefixWhenWorth(ledger, currency, num, order, rowsOfNode);
 */
export function prefixWhenWorth(l: Ledger, currency: number, num: Float64Array, order: Uint32Array, rows: number): PrefixBalances | null {
  const kept = cache.get(l)?.get(currency);
  if (kept) return kept;
  let m = replayed.get(l);
  if (!m) replayed.set(l, (m = new Map()));
  const sofar = (m.get(currency) ?? 0) + rows;
  m.set(currency, sofar);
  return sofar > l.size ? prefixBalances(l, currency, num, order) : null;
}

/**
 * The prefix balances of a currency (computed on first use, then kept with the ledger).
 * @example const pb = prefixBalances(ledger, currency, ledger.num!, ledger.byTime!);
 */
export function prefixBalances(l: Ledger, currency: number, num: Float64Array, order: Uint32Array): PrefixBalances {
  let m = cache.get(l);
  if (!m) cache.set(l, (m = new Map()));
  let pb = m.get(currency);
  if (pb) return pb;
  const bal = new Float64Array(l.nodeCount);
  pb = { afterTo: new Float64Array(l.size), afterFrom: new Float64Array(l.size) };
  const { afterTo, afterFrom } = pb;
  for (let lo = 0; lo < order.length; ) {
    const t = l.time[order[lo]!]!;
    let hi = lo;
    while (hi < order.length && l.time[order[hi]!] === t) hi++;
    for (let k = lo; k < hi; k++) {
      const r = order[k]!;
      if (l.currency[r] === currency) bal[l.to[r]!]! += num[r]!;
    }
    for (let k = lo; k < hi; k++) {
      const r = order[k]!;
      if (l.currency[r] !== currency) continue;
      const f = l.from[r]!;
      bal[f] = num[r]! > bal[f]! ? 0 : bal[f]! - num[r]!;
    }
    for (let k = lo; k < hi; k++) {
      const r = order[k]!;
      afterTo[r] = bal[l.to[r]!]!;
      afterFrom[r] = bal[l.from[r]!]!;
    }
    lo = hi;
  }
  m.set(currency, pb);
  return pb;
}

/** Position of the last row in rows[lo, hi) with time < t (lo − 1 when none). */
function lastBefore(l: Ledger, rows: Uint32Array, lo: number, hi: number, t: number): number {
  const start = lo;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (l.time[rows[mid]!]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1 >= start ? lo - 1 : start - 1;
}

/**
 * Node n's known balance before row `now`, as `replayBalance` gives it (no window start): its balance after its
 * last earlier time, then the rows of the current time already taken, arrivals first.
 */
export function balanceFromPrefix(sw: ReplayScope, pb: PrefixBalances, n: number, now: number, num: Float64Array): number {
  const { l, p } = sw;
  const t = l.time[now]!;
  const cur = p.currency;
  const i0 = l.inStart[n]!;
  const o0 = l.outStart[n]!;
  const iT = lastBefore(l, l.inRows, i0, l.inStart[n + 1]!, t);
  const oT = lastBefore(l, l.outRows, o0, l.outStart[n + 1]!, t);
  let i = iT;
  let o = oT;
  while (i >= i0 && l.currency[l.inRows[i]!] !== cur) i--;
  while (o >= o0 && l.currency[l.outRows[o]!] !== cur) o--;
  const ti = i >= i0 ? l.time[l.inRows[i]!]! : -Infinity;
  const to = o >= o0 ? l.time[l.outRows[o]!]! : -Infinity;
  // After the later of the two; at one time both hold the balance after all of that time's rows.
  let bal = ti === -Infinity && to === -Infinity ? 0 : ti >= to ? pb.afterTo[l.inRows[i]!]! : pb.afterFrom[l.outRows[o]!]!;
  for (let k = iT + 1; k < l.inStart[n + 1]! && l.time[l.inRows[k]!] === t; k++) {
    const r = l.inRows[k]!;
    if (l.currency[r] === cur && sw.doneNow.has(r)) bal += num[r]!;
  }
  for (let k = oT + 1; k < l.outStart[n + 1]! && l.time[l.outRows[k]!] === t; k++) {
    const r = l.outRows[k]!;
    if (l.currency[r] === cur && sw.doneNow.has(r)) bal = num[r]! > bal ? 0 : bal - num[r]!;
  }
  return bal;
}
