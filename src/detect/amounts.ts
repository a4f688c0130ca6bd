/** The ledger's amount distribution (log-scale histogram), for the "amounts this similar by chance" nulls. */
import { approxAmount, type Ledger } from '../money/ledger.ts';

const BINS_PER_DECADE = 100;
const LOW = -8;
const HIGH = 16;

export interface AmountDistribution {
  /** Cumulative share of rows at or below each log10 bin edge. */
  cdf: Float64Array;
}

const cache = new WeakMap<Ledger, AmountDistribution>();

/** Histogram of log10(amount) over all rows, cached per ledger (amounts of any currency, as scores only). */
export function amountDistribution(l: Ledger): AmountDistribution {
  const hit = cache.get(l);
  if (hit) return hit;
  const bins = (HIGH - LOW) * BINS_PER_DECADE;
  const count = new Float64Array(bins + 1);
  for (let r = 0; r < l.size; r++) count[binOf(approxAmount(l, r))]!++;
  const cdf = new Float64Array(bins + 1);
  let acc = 0;
  for (let i = 0; i <= bins; i++) cdf[i] = (acc += count[i]!) / Math.max(1, l.size);
  const d = { cdf };
  cache.set(l, d);
  return d;
}

function binOf(a: number): number {
  const x = Math.log10(Math.max(a, 1e-300));
  return Math.max(0, Math.min((HIGH - LOW) * BINS_PER_DECADE, Math.floor((x - LOW) * BINS_PER_DECADE)));
}

/** Share of the ledger's rows with an amount in [lo, hi] (at least one bin's worth, so never 0). */
export function shareBetween(d: AmountDistribution, lo: number, hi: number): number {
  const a = binOf(lo);
  const b = binOf(hi);
  const below = a > 0 ? d.cdf[a - 1]! : 0;
  return Math.max(d.cdf[b]! - below, 1 / BINS_PER_DECADE / (HIGH - LOW));
}

/** Chance that a random row's amount lies within ±tol of `a`. */
export function similarShare(d: AmountDistribution, a: number, tol: number): number {
  return shareBetween(d, a * (1 - tol), a * (1 + tol));
}
