/** Brokers: nodes that both sit on many shortest paths (Freeman's betweenness) and span structural holes (low Burt constraint), ranked by the sum of the two ranks. */
import type { Analysis, CorvidGraph } from '../types.ts';
import { betweenness } from './betweenness.ts';
import { constraint } from './constraint.ts';
import { checkNumber } from './guard.ts';

export const BROKERS_CITATION =
  'Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry 40(1), 35–41; Burt, R. S. (1992). Structural Holes. Harvard University Press; Morselli, C. (2009). Inside Criminal Networks, ch. 2 (brokerage in criminal networks).';

export interface BrokersParams {
  /** How many brokers to return. */
  top: number;
  /** Betweenness pivots for large graphs (see betweenness); present only when set. */
  samples?: number;
}

export interface Broker {
  id: string;
  /** Normalised betweenness, hop-count shortest paths. */
  betweenness: number;
  /** Burt's constraint with weighted ties. */
  constraint: number;
}

/** Equal up to floating-point noise (sums of path counts taken in different orders). */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** Fractional ranks (1 = first; ties share the mean of their positions) of `values` sorted by `better`. */
function ranks(values: number[], better: (a: number, b: number) => number): number[] {
  const order = values.map((_, i) => i).sort((a, b) => better(values[a], values[b]));
  const rank = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && same(values[order[j + 1]], values[order[i]])) j++;
    for (let t = i; t <= j; t++) rank[order[t]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return rank;
}

/**
 * The `top` brokers: nodes with ties (isolates have no constraint) ordered by rank on betweenness (high
 * first) plus rank on constraint (low first); ties broken by higher betweenness, then id.
 * @example brokers(g, { top: 5 }).result.map((b) => b.id)
 */
export function brokers(g: CorvidGraph, options: Partial<BrokersParams> = {}): Analysis<BrokersParams, Broker[]> {
  const top = checkNumber('top', options.top ?? 10, { min: 1, integer: true });
  const samples = options.samples === undefined ? undefined : checkNumber('samples', options.samples, { min: 1, integer: true });
  const params: BrokersParams = samples === undefined ? { top } : { top, samples };
  const between = betweenness(g, samples === undefined ? {} : { samples }).result;
  const constrained = constraint(g).result;
  const ids = Object.keys(constrained);
  const b = ids.map((id) => between[id]);
  const c = ids.map((id) => constrained[id]);
  const rb = ranks(b, (x, y) => y - x);
  const rc = ranks(c, (x, y) => x - y);
  const order = ids.map((_, i) => i).sort((x, y) => rb[x] + rc[x] - (rb[y] + rc[y]) || (same(b[x], b[y]) ? 0 : b[y] - b[x]) || (ids[x] < ids[y] ? -1 : 1));
  const result = order.slice(0, top).map((i) => ({ id: ids[i], betweenness: b[i], constraint: c[i] }));
  return { algorithm: 'brokers', citation: BROKERS_CITATION, params, result };
}
