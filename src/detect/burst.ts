/**
 * The window-burst core of the fan-in and fan-out detectors (and gather-scatter): for one node, the most
 * one-off counterparties it has within any window of W seconds, scored against a Poisson null.
 */
import type { Ledger } from '../money/ledger.ts';
import { amountProfile } from './amount-profile.ts';
import { activeSpan } from './pass-through.ts';
import type { LedgerContext } from './context.ts';
import { DAY } from './params.ts';
import { logChoose, poissonTail } from './stats.ts';

export type Direction = 'in' | 'out';

export interface Burst {
  node: number;
  direction: Direction;
  /** One-off counterparties inside the window: every row between them and the node falls in it. */
  counterparties: number[];
  /** The node's rows with those counterparties. */
  rows: number[];
  start: number;
  end: number;
  /** Expected count under the null: max(the node's own rate elsewhere, the ledger's average rate) × W. */
  mu: number;
  /** P(X ≥ k) under Poisson(mu), or under the clumped null when that is larger (see clumpedTail). */
  p: number;
  /**
   * The scan statistic given the node's own count: P(some window of W holds k of its n one-off counterparties) were
   * they spread uniformly over its active span S (first to last row, either way), ≤ n × C(n − 1, k − 1) × (W / S)^(k − 1);
   * 0 (no say) when S < 2W. Tested once per node that has ≥ minK of them (BurstScratch.candidates), it does not reward
   * a densest window for being picked as densest.
   */
  pScan: number;
}

/** Per-run scratch arrays indexed by node (allocated once, reused across nodes). */
export interface BurstScratch {
  /** Nodes seen with at least minK one-off counterparties: the tests of the scan statistic. */
  candidates: number;
  stamp: Int32Array;
  first: Float64Array;
  last: Float64Array;
}

export function burstScratch(l: Ledger): BurstScratch {
  return { candidates: 0, stamp: new Int32Array(l.nodeCount).fill(-1), first: new Float64Array(l.nodeCount), last: new Float64Array(l.nodeCount) };
}

function rowsOf(l: Ledger, v: number, dir: Direction): { rows: Uint32Array; lo: number; hi: number; ends: Uint32Array } {
  return dir === 'in'
    ? { rows: l.inRows, lo: l.inStart[v]!, hi: l.inStart[v + 1]!, ends: l.from }
    : { rows: l.outRows, lo: l.outStart[v]!, hi: l.outStart[v + 1]!, ends: l.to };
}

/** Records each non-hub counterparty's first and last row time with v; returns the one-off ones (span ≤ W) in time order. */
function oneOffCounterparties(l: Ledger, ctx: LedgerContext, v: number, dir: Direction, w: number, s: BurstScratch): number[] {
  const { rows, lo, hi, ends } = rowsOf(l, v, dir);
  for (let p = lo; p < hi; p++) {
    const r = rows[p]!;
    const c = ends[r]!;
    if (c === v || ctx.hub[c]) continue;
    const t = l.time[r]!;
    if (s.stamp[c] !== v) {
      s.stamp[c] = v;
      s.first[c] = t;
      s.last[c] = t;
    } else s.last[c] = t;
  }
  const eps: number[] = [];
  for (let p = lo; p < hi; p++) {
    const c = ends[rows[p]!]!;
    if (s.stamp[c] !== v) continue;
    s.stamp[c] = -2 - v; // collected
    if (s.last[c]! - s.first[c]! <= w) eps.push(c);
  }
  return eps;
}

/**
 * The node's densest window of one-off counterparties, or null when it has fewer than `minK`.
 * @example burstOf(l, ctx, v, 'in', 7 * DAY, 3, scratch)?.counterparties.length
 */
export function burstOf(l: Ledger, ctx: LedgerContext, v: number, dir: Direction, w: number, minK: number, s: BurstScratch): Burst | null {
  const { rows, lo, hi, ends } = rowsOf(l, v, dir);
  if (hi - lo < minK) return null;
  const eps = oneOffCounterparties(l, ctx, v, dir, w, s);
  if (eps.length < minK) return null;
  s.candidates++;
  let best = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < eps.length; i++) {
    const limit = s.first[eps[i]!]! + w;
    while (j < eps.length && s.first[eps[j]!]! <= limit) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = i;
    }
  }
  if (bestCount < minK) return null;
  const start = s.first[eps[best]!]!;
  const end = start + w;
  const counterparties = eps.slice(best, best + bestCount).filter((c) => s.last[c]! <= end);
  if (counterparties.length < minK) return null;
  const chosen = new Set(counterparties);
  const inWindow: number[] = [];
  for (let p = lo; p < hi; p++) if (chosen.has(ends[rows[p]!]!)) inWindow.push(rows[p]!);
  const k = counterparties.length;
  const span = l.time[rows[hi - 1]!]! - l.time[rows[lo]!]!;
  const muSelf = ((eps.length - k) * w) / Math.max(w, span - w);
  const muGlobal = (l.size / Math.max(1, ctx.active) / ctx.span) * w;
  const mu = Math.max(muSelf, muGlobal);
  let p = poissonTail(k, mu);
  if (p < 1e-3) {
    // Days on which the node met new counterparties, in and outside the window: a teenager's shopping comes in clumps.
    const dayOf = (c: number) => Math.floor((s.first[c]! - ctx.start) / DAY);
    const inWin = new Set(counterparties.map(dayOf));
    const outside = new Map<number, number>();
    for (const c of eps) if (!chosen.has(c)) outside.set(dayOf(c), (outside.get(dayOf(c)) ?? 0) + 1);
    const muDays = Math.max((outside.size * w) / Math.max(w, span - w), muGlobal);
    if (inWin.size < k) p = Math.max(p, clumpedTail(k, muDays, [1, ...outside.values()]));
  }
  // The scan statistic needs a history of its own: over a life of under two windows every count is "its rate".
  const n = eps.length;
  const life = activeSpan(l, v);
  const pScan = life < 2 * w ? 0 : Math.min(1, Math.exp(Math.log(n) + logChoose(n - 1, k - 1) + (k - 1) * Math.log(w / life)));
  return { node: v, direction: dir, counterparties, rows: inWindow, start, end: l.time[inWindow[inWindow.length - 1]!]!, mu, p, pScan };
}

/**
 * P(X₁ + … + X_N ≥ k), N ~ Poisson(muDays) the days with new counterparties in a window, each X drawn from `sizes`
 * (the node's own other days, plus one typical day of one): counterparties met in clumps, as a day's shopping is,
 * are as likely in a burst as the node's own clumps make them.
 */
export function clumpedTail(k: number, muDays: number, sizes: readonly number[]): number {
  const q = new Float64Array(k + 1);
  for (const x of sizes) q[Math.min(k, x)]! += 1 / sizes.length;
  let f = new Float64Array(k + 1);
  f[0] = 1;
  let pn = Math.exp(-muDays);
  let total = 0;
  for (let n = 1; n < k; n++) {
    pn *= muDays / n;
    const g = new Float64Array(k + 1);
    g[k] = f[k]!;
    for (let a = 0; a < k; a++) if (f[a]) for (let x = 1; x <= k; x++) if (q[x]) g[Math.min(k, a + x)]! += f[a]! * q[x]!;
    f = g;
    total += pn * f[k]!;
    if (pn < 1e-300) break;
  }
  return Math.min(1, total + poissonTail(k, muDays));
}

/**
 * Share of the burst's counterparties whose payments in it are at least their own typical amount (amount-profile.ts):
 * laundering fans move money that matters to the members; a gift collection, split bills or a teenager's shopping are
 * everyday small sums for them.
 * @example fullShare(l, burst) // 1 when every sender paid at least what it usually moves
 */
export function fullShare(l: Ledger, b: Burst): number {
  const prof = amountProfile(l);
  const ends = b.direction === 'in' ? l.from : l.to;
  const sum = new Map<number, [number, number]>();
  for (const r of b.rows) {
    const c = ends[r]!;
    const e = sum.get(c) ?? [0, 0];
    e[0] += prof.logAmount[r]!;
    e[1]++;
    sum.set(c, e);
  }
  let full = 0;
  for (const [c, [x, n]] of sum) if (x / n >= prof.median[c]!) full++;
  return full / Math.max(1, sum.size);
}

/** How many windows of length w the ledger offers each node, times the active nodes: the tests a burst is one of. */
export function burstTests(ctx: LedgerContext, w: number): number {
  return ctx.active * Math.max(1, ctx.span / w);
}

/**
 * E for a burst: the larger of the window null's (tests × p) and the scan statistic's (candidates × pScan) — a burst
 * must be surprising both against the ledger's and its own rate and against its own count spread over its own span.
 */
export function burstExpected(b: Burst, tests: number, candidates: number): number {
  return Math.max(tests * b.p, candidates * b.pScan);
}
