/** Time-respecting helpers over the ledger's per-node time-sorted rows: first row at or after a time, temporal branching. */
import type { Ledger } from '../money/ledger.ts';

/** Position in outRows of node v's first out-row with time ≥ t (binary search; rows are time-sorted per node). */
export function firstOutAt(l: Ledger, v: number, t: number): number {
  let lo = l.outStart[v]!;
  let hi = l.outStart[v + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (l.time[l.outRows[mid]!]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Mean number of rows leaving a row's receiver within `w` after the row (the temporal branching factor),
 * over an evenly spaced sample of at most 20,000 rows (deterministic).
 */
export function temporalBranching(l: Ledger, w: number, skip?: Uint8Array): number {
  if (l.size === 0) return 0;
  const step = Math.max(1, Math.floor(l.size / 20_000));
  let sum = 0;
  let n = 0;
  for (let r = 0; r < l.size; r += step) {
    const v = l.to[r]!;
    if (skip && skip[v]) continue;
    const t = l.time[r]!;
    const a = firstOutAt(l, v, t);
    const b = firstOutAt(l, v, t + w + 1e-6);
    sum += b - a;
    n++;
  }
  return n ? sum / n : 0;
}
