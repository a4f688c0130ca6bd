/**
 * Each account's usual amount, for "far below what these accounts usually move" tests: the median of log10 amounts
 * over the account's counterparties (each counterparty's mean log amount counted once, so a burst of many payments
 * with one counterparty cannot drag the yardstick; the median resists up to half of them being odd). The yardstick is
 * the account's dealings with non-hub counterparties (person to person: shopping and bills are naturally small), else
 * with all, else the typical account's (the median of the accounts' own medians). It is estimated twice: the second time without the counterparties
 * whose payments were far below the *other* side's usual, so that an account receiving from many such payers is not
 * measured by their pieces (masking; one step of iterative trimming). A median and a fixed factor, not a z-score:
 * most accounts have too few counterparties for a spread worth the name (and AMLSim's move one amount each).
 */
import { approxAmount, type Ledger } from '../money/ledger.ts';
import { ledgerContext } from './context.ts';

/** Fewest counterparties for an account's own median and MAD. */
export const MIN_PROFILE_COUNTERPARTIES = 3;

export interface AmountProfile {
  /** Median log10 amount per node. */
  median: Float32Array;
  /** 1 where the node has a yardstick of its own (≥ MIN_PROFILE_COUNTERPARTIES counterparties), 0 for the ledger's. */
  own: Uint8Array;
  /** log10 amount of every row. */
  logAmount: Float32Array;
}

const cache = new WeakMap<Ledger, Map<number, AmountProfile>>();

function medianOf(a: Float64Array): number {
  a.sort();
  const n = a.length;
  return n % 2 ? a[n >> 1]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
}

/** Per-node scratch: each counterparty's summed log amount and row count with the node being profiled. */
class Counterparties {
  readonly stamp: Int32Array;
  readonly sum: Float64Array;
  readonly count: Uint32Array;
  readonly list: number[] = [];
  constructor(n: number) {
    this.stamp = new Int32Array(n).fill(-1);
    this.sum = new Float64Array(n);
    this.count = new Uint32Array(n);
  }
  collect(l: Ledger, v: number, logAmount: Float32Array): void {
    this.list.length = 0;
    const add = (c: number, r: number): void => {
      if (c === v) return;
      if (this.stamp[c] !== v) {
        this.stamp[c] = v;
        this.sum[c] = 0;
        this.count[c] = 0;
        this.list.push(c);
      }
      this.sum[c] += logAmount[r]!;
      this.count[c]!++;
    };
    for (let p = l.outStart[v]!; p < l.outStart[v + 1]!; p++) add(l.to[l.outRows[p]!]!, l.outRows[p]!);
    for (let p = l.inStart[v]!; p < l.inStart[v + 1]!; p++) add(l.from[l.inRows[p]!]!, l.inRows[p]!);
  }
  mean(c: number): number {
    return this.sum[c]! / this.count[c]!;
  }
}

interface Pass {
  median: Float32Array;
  own: Uint8Array;
}

/** One estimation pass; `skip(c, meanLog)` leaves a counterparty out of the yardstick. */
function pass(l: Ledger, hub: Uint8Array, logAmount: Float32Array, global: number, skip?: (c: number, x: number) => boolean): Pass {
  const median = new Float32Array(l.nodeCount).fill(global);
  const own = new Uint8Array(l.nodeCount);
  const cps = new Counterparties(l.nodeCount);
  for (let v = 0; v < l.nodeCount; v++) {
    cps.collect(l, v, logAmount);
    const kept = skip ? cps.list.filter((c) => !skip(c, cps.mean(c))) : cps.list;
    const personal = kept.filter((c) => !hub[c]);
    const use = personal.length >= MIN_PROFILE_COUNTERPARTIES ? personal : kept;
    if (use.length < MIN_PROFILE_COUNTERPARTIES) continue;
    median[v] = medianOf(Float64Array.from(use, (c) => cps.mean(c)));
    own[v] = 1;
  }
  return { median, own };
}

/**
 * The amount profile of a ledger for a share (a payment is far below usual for an account when it is at most
 * `share` × the account's median), cached per ledger and share.
 * @example isSmallFor(amountProfile(l, 0.1), v, Math.log10(4.2)) // true when v typically moves 42 or more
 */
export function amountProfile(l: Ledger, share = 0.1): AmountProfile {
  const hit = cache.get(l)?.get(share);
  if (hit) return hit;
  const { hub } = ledgerContext(l);
  const logAmount = new Float32Array(l.size);
  for (let r = 0; r < l.size; r++) logAmount[r] = Math.log10(Math.max(approxAmount(l, r), 1e-12));
  const cut = Math.log10(share);
  const first = pass(l, hub, logAmount, NaN);
  // An account with too few counterparties is assumed typical: the median of the accounts' own medians.
  const owned = Float64Array.from(first.median.filter((_, v) => first.own[v] === 1));
  const global = owned.length ? medianOf(owned) : 0;
  for (let v = 0; v < l.nodeCount; v++) if (!first.own[v]) first.median[v] = global;
  const second = pass(l, hub, logAmount, global, (c, x) => x <= first.median[c]! + cut);
  const profile = { median: second.median, own: second.own, logAmount };
  (cache.get(l) ?? cache.set(l, new Map()).get(l)!).set(share, profile);
  return profile;
}

/** Whether a payment of 10^logAmount is at most `share` × node v's typical amount. */
export function isSmallFor(p: AmountProfile, v: number, logAmount: number, share: number): boolean {
  return logAmount <= p.median[v]! + Math.log10(share);
}
