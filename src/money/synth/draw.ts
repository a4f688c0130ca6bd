/** Seeded draws for the synthetic ledger: normal, log-normal, Pareto, integers, picks — all from the shared mulberry32. */
import { mulberry32 } from '../../model/random.ts';

export interface Draw {
  /** Uniform in [0, 1). */
  u: () => number;
  /** Integer in [lo, hi]. */
  int: (lo: number, hi: number) => number;
  normal: () => number;
  /** Log-normal with the given median and log-sd. */
  logNormal: (median: number, sigma: number) => number;
  /** Pareto with minimum 1 and tail exponent alpha, capped at `cap`. */
  pareto: (alpha: number, cap: number) => number;
}

/**
 * A seeded bundle of draws.
 * @example const d = draws(7); d.logNormal(35, 1) // a purchase amount
 */
export function draws(seed: number): Draw {
  const u = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  return {
    u,
    int: (lo, hi) => lo + Math.floor(u() * (hi - lo + 1)),
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    pareto: (alpha, cap) => Math.min(cap, (1 - u()) ** (-1 / alpha)),
  };
}

/** Money in whole cents as ledger units of a 4-decimal fiat currency (EUR, USD). */
export function cents(amount: number): bigint {
  return BigInt(Math.max(1, Math.round(amount * 100))) * 100n;
}
