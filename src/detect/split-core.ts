/**
 * The split-payment core (FATF smurfing: one sum split into many small payments): pairs of accounts (services aside)
 * where the payer paid the payee within a short window in payments each far below what both usually move (at most
 * `share` × each one's typical amount, amount-profile.ts), scored against the ledger's own rates.
 */
import { isService, type Ledger } from '../money/ledger.ts';
import { amountProfile, isSmallFor } from './amount-profile.ts';
import type { LedgerContext } from './context.ts';
import { poissonTail } from './stats.ts';

export interface SplitBurst {
  sender: number;
  receiver: number;
  /** The pair's small rows inside the densest window, time order. */
  rows: number[];
  /** All the pair's small rows (any time). */
  smallRows: number[];
  /** Rows of the pair in all. */
  pairRows: number;
  start: number;
  end: number;
  /** Expected small rows of this pair in one window: q × max(the pair's own rate, the mean pair rate) × W. */
  mu: number;
  /** P(X ≥ rows.length), X ~ Poisson(mu). */
  p: number;
}

export interface SplitScan {
  /** Every pair with at least one small row, grouped by receiver. */
  byReceiver: Map<number, SplitBurst[]>;
  /** Share of the ledger's rows small for both ends: the chance a row is such an outlier. */
  q: number;
  /** Distinct sender → receiver pairs in the ledger. */
  pairs: number;
  /** Multiple-testing count of a pair burst: pairs × windows. */
  tests: number;
}

/** Distinct (from, to) pairs, via a stamp array over each node's out-rows. */
function distinctPairs(l: Ledger): number {
  const stamp = new Int32Array(l.nodeCount).fill(-1);
  let n = 0;
  for (let v = 0; v < l.nodeCount; v++)
    for (let p = l.outStart[v]!; p < l.outStart[v + 1]!; p++) {
      const c = l.to[l.outRows[p]!]!;
      if (stamp[c] !== v) {
        stamp[c] = v;
        n++;
      }
    }
  return Math.max(1, n);
}

/** The densest run of time-sorted rows within w seconds. */
function densest(l: Ledger, rows: number[], w: number): number[] {
  let best = 0;
  let len = 0;
  for (let i = 0, j = 0; i < rows.length; i++) {
    while (j < rows.length && l.time[rows[j]!]! <= l.time[rows[i]!]! + w) j++;
    if (j - i > len) [best, len] = [i, j - i];
  }
  return rows.slice(best, best + len);
}

const cache = new WeakMap<Ledger, Map<string, SplitScan>>();

/**
 * All pairs with small rows (services aside), each with its densest window and the Poisson null of that window; cached
 * per ledger and (w, share), since split-payment and split-fan-in share it.
 * @example splitScan(l, ledgerContext(l), 2 * DAY, 0.1).byReceiver.get(v)?.map((b) => b.rows.length)
 */
export function splitScan(l: Ledger, ctx: LedgerContext, w: number, share: number): SplitScan {
  const key = `${w}:${share}`;
  const hit = cache.get(l)?.get(key);
  if (hit) return hit;
  const scan = scan0(l, ctx, w, share);
  (cache.get(l) ?? cache.set(l, new Map()).get(l)!).set(key, scan);
  return scan;
}

function scan0(l: Ledger, ctx: LedgerContext, w: number, share: number): SplitScan {
  const prof = amountProfile(l, share);
  const small = new Uint8Array(l.size);
  const service = new Uint8Array(l.nodeCount);
  for (let v = 0; v < l.nodeCount; v++) if (isService(l, v)) service[v] = 1;
  let nSmall = 0;
  for (let r = 0; r < l.size; r++) {
    const s = l.from[r]!;
    const t = l.to[r]!;
    if (s === t || service[s] || service[t]) continue;
    const x = prof.logAmount[r]!;
    if (isSmallFor(prof, s, x, share) && isSmallFor(prof, t, x, share)) {
      small[r] = 1;
      nSmall++;
    }
  }
  const q = Math.max(nSmall, 1) / Math.max(1, l.size);
  const pairs = distinctPairs(l);
  const meanRate = l.size / pairs / ctx.span;
  const byReceiver = new Map<number, SplitBurst[]>();
  const bySender = new Map<number, number[]>();
  for (let s = 0; s < l.nodeCount; s++) {
    bySender.clear();
    for (let p = l.outStart[s]!; p < l.outStart[s + 1]!; p++) {
      const r = l.outRows[p]!;
      if (small[r]) (bySender.get(l.to[r]!) ?? bySender.set(l.to[r]!, []).get(l.to[r]!)!).push(r);
    }
    for (const [t, smallRows] of bySender) {
      let pairRows = 0;
      for (let p = l.outStart[s]!; p < l.outStart[s + 1]!; p++) if (l.to[l.outRows[p]!] === t) pairRows++;
      const rows = densest(l, smallRows, w);
      const k = rows.length;
      const ownRate = (pairRows - k) / Math.max(w, ctx.span - w);
      const mu = q * Math.max(ownRate, meanRate) * w;
      const burst = { sender: s, receiver: t, rows, smallRows, pairRows, start: l.time[rows[0]!]!, end: l.time[rows[k - 1]!]!, mu, p: poissonTail(k, mu) };
      (byReceiver.get(t) ?? byReceiver.set(t, []).get(t)!).push(burst);
    }
  }
  return { byReceiver, q, pairs, tests: pairs * Math.max(1, ctx.span / w) };
}
