/** Eigenvector centrality (Bonacich 1972) by power iteration on the undirected simple view's CSR arrays. */
import type { Analysis } from '../types.ts';
import { toRecord, undirectedView, type GraphInput } from './csr.ts';
import { checkBoolean, checkNumber } from './guard.ts';

export const EIGENVECTOR_CITATION = 'Bonacich, P. (1972). Factoring and weighting approaches to status scores and clique identification. J. Math. Sociology 2(1), 113–120.';

export interface EigenvectorParams {
  maxIterations: number;
  /** Stop when Σ|x − x_prev| < n · tolerance (NetworkX's criterion). */
  tolerance: number;
  /** Use tie weights (summed over parallel edges) as the adjacency entries. */
  weighted: boolean;
}

/**
 * The leading eigenvector of the adjacency matrix, scaled to unit Euclidean length (as NetworkX and
 * graphology-metrics do): a node scores high when tied to nodes that score high. Direction ignored,
 * parallel edges merged, self-loops ignored. Iterates x ← (A + I)x, which has the same leading
 * eigenvector but also converges on bipartite graphs. In a disconnected graph the weaker components
 * tend to 0. Stops after `maxIterations` even if not converged.
 * @example eigenvector(g).result['N12']
 */
export function eigenvector(g: GraphInput, options: Partial<EigenvectorParams> = {}): Analysis<EigenvectorParams, Record<string, number>> {
  const params: EigenvectorParams = {
    maxIterations: checkNumber('maxIterations', options.maxIterations ?? 100, { min: 1, integer: true }),
    tolerance: checkNumber('tolerance', options.tolerance ?? 1e-6, { min: 0, above: true }),
    weighted: checkBoolean('weighted', options.weighted ?? false),
  };
  const { n, ids, offsets, targets, weights } = undirectedView(g, params.weighted);
  let x = new Float64Array(n).fill(n > 0 ? 1 / n : 0);
  let next = new Float64Array(n);
  for (let it = 0; it < params.maxIterations; it++) {
    next.set(x);
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      for (let p = offsets[i]; p < offsets[i + 1]; p++) next[targets[p]] += xi * weights[p];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += next[i] * next[i];
    norm = Math.sqrt(norm) || 1;
    let err = 0;
    for (let i = 0; i < n; i++) {
      next[i] /= norm;
      err += Math.abs(next[i] - x[i]);
    }
    [x, next] = [next, x];
    if (err < n * params.tolerance) break;
  }
  return { algorithm: 'eigenvector', citation: EIGENVECTOR_CITATION, params, result: toRecord(ids, x) };
}
