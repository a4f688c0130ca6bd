/** Ledger-wide background figures the detectors compare against: time span, distinct-counterparty degrees, hubs. */
import { isService, type Ledger } from '../money/ledger.ts';
import { DAY } from './params.ts';
import { quantile } from './stats.ts';

export interface LedgerContext {
  /** Seconds between the first and the last row (at least a day). */
  span: number;
  start: number;
  end: number;
  /** Distinct counterparties of each node, both directions. */
  degree: Uint32Array;
  /** Nodes with at least one row. */
  active: number;
  /** A node with degree ≥ this is a hub (merchant, biller, payroll, exchange): 99th percentile, at least 10. */
  hubDegree: number;
  /** Hubs and nodes tagged as services; counting them as counterparties would make every shopper a fan-out. */
  hub: Uint8Array;
  /**
   * The ledger's clock resolution in seconds: the largest of 1 s, a minute, an hour or a day that every row's time is a
   * whole multiple of, counted from the first row (AMLSim counts days). A lag of 0 at day resolution means "the same day".
   */
  tick: number;
}

const TICKS = [86_400, 3600, 60, 1];

function clockTick(l: Ledger, start: number): number {
  for (const t of TICKS) {
    let ok = true;
    for (let r = 0; r < l.size && ok; r++) ok = (l.time[r]! - start) % t === 0;
    if (ok) return t;
  }
  return 1;
}

const cache = new WeakMap<Ledger, LedgerContext>();

/** Distinct counterparties per node via a stamp array: O(rows). */
function distinctDegrees(l: Ledger): Uint32Array {
  const deg = new Uint32Array(l.nodeCount);
  const stamp = new Int32Array(l.nodeCount).fill(-1);
  for (let v = 0; v < l.nodeCount; v++) {
    let d = 0;
    for (let p = l.outStart[v]!; p < l.outStart[v + 1]!; p++) {
      const c = l.to[l.outRows[p]!]!;
      if (stamp[c] !== v && c !== v) {
        stamp[c] = v;
        d++;
      }
    }
    for (let p = l.inStart[v]!; p < l.inStart[v + 1]!; p++) {
      const c = l.from[l.inRows[p]!]!;
      if (stamp[c] !== v && c !== v) {
        stamp[c] = v;
        d++;
      }
    }
    deg[v] = d;
  }
  return deg;
}

/**
 * The background of a ledger, computed once per ledger object (cached; the ledger is immutable).
 * @example ledgerContext(l).hubDegree // e.g. 37 — anyone with more distinct counterparties is a hub
 */
export function ledgerContext(l: Ledger): LedgerContext {
  const hit = cache.get(l);
  if (hit) return hit;
  let start = Infinity;
  let end = -Infinity;
  for (let r = 0; r < l.size; r++) {
    const t = l.time[r]!;
    if (t < start) start = t;
    if (t > end) end = t;
  }
  if (l.size === 0) start = end = 0;
  const degree = distinctDegrees(l);
  const activeDegrees = degree.filter((d) => d > 0);
  const hubDegree = Math.max(10, Math.ceil(quantile(activeDegrees, 0.99)));
  const hub = new Uint8Array(l.nodeCount);
  for (let v = 0; v < l.nodeCount; v++) if (degree[v]! >= hubDegree || isService(l, v)) hub[v] = 1;
  const ctx = { span: Math.max(DAY, end - start), start, end, degree, active: activeDegrees.length, hubDegree, hub, tick: clockTick(l, start) };
  cache.set(l, ctx);
  return ctx;
}
