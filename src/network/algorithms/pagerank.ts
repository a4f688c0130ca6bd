/** PageRank (Brin & Page 1998) by power iteration on CSR arrays; follows edge direction, dangling nodes' rank spread uniformly. */
import type { Analysis } from '../types.ts';
import { outView, toRecord, type GraphInput } from './csr.ts';
import { checkBoolean, checkNumber } from './guard.ts';

export const PAGERANK_CITATION = 'Brin, S. & Page, L. (1998). The anatomy of a large-scale hypertextual Web search engine. Computer Networks and ISDN Systems 30, 107–117.';

export interface PagerankParams {
  /** Damping: the probability of following an edge rather than jumping to a random node. */
  alpha: number;
  maxIterations: number;
  /** Stop when Σ|x − x_prev| < n · tolerance (NetworkX's criterion). */
  tolerance: number;
  /** Follow edges in proportion to their weight (summed over parallel edges) instead of uniformly. */
  weighted: boolean;
}

/**
 * PageRank of every node, summing to 1. Directed edges are followed source → target, undirected edges
 * both ways; parallel edges merge (weights summed when weighted), self-loops are ignored; a node with no
 * way out (dangling) hands its rank to all nodes equally. Stops after `maxIterations` even if not converged.
 * @example pagerank(g, { alpha: 0.85 }).result['N12']
 */
export function pagerank(g: GraphInput, options: Partial<PagerankParams> = {}): Analysis<PagerankParams, Record<string, number>> {
  const params: PagerankParams = {
    alpha: checkNumber('alpha', options.alpha ?? 0.85, { min: 0, max: 1, above: true }),
    maxIterations: checkNumber('maxIterations', options.maxIterations ?? 100, { min: 1, integer: true }),
    tolerance: checkNumber('tolerance', options.tolerance ?? 1e-6, { min: 0, above: true }),
    weighted: checkBoolean('weighted', options.weighted ?? false),
  };
  const { n, ids, offsets, targets, weights } = outView(g, params.weighted);
  if (n === 0) return { algorithm: 'pagerank', citation: PAGERANK_CITATION, params, result: {} };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let p = offsets[i]; p < offsets[i + 1]; p++) out[i] += weights[p];
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const { alpha } = params;
  for (let it = 0; it < params.maxIterations; it++) {
    let dangling = 0;
    for (let i = 0; i < n; i++) if (out[i] === 0) dangling += x[i];
    next.fill((1 - alpha + alpha * dangling) / n);
    for (let i = 0; i < n; i++) {
      if (out[i] === 0) continue;
      const share = (alpha * x[i]) / out[i];
      for (let p = offsets[i]; p < offsets[i + 1]; p++) next[targets[p]] += share * weights[p];
    }
    let err = 0;
    for (let i = 0; i < n; i++) err += Math.abs(next[i] - x[i]);
    [x, next] = [next, x];
    if (err < n * params.tolerance) break;
  }
  return { algorithm: 'pagerank', citation: PAGERANK_CITATION, params, result: toRecord(ids, x) };
}
