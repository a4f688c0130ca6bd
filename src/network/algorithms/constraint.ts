/** Burt's (1992) network constraint: how much a node's contacts are tied to each other (low = spans structural holes), on CSR arrays. */
import type { Analysis, CorvidGraph } from '../types.ts';
import { undirectedView } from './csr.ts';
import { checkBoolean } from './guard.ts';

export const CONSTRAINT_CITATION = 'Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard University Press, ch. 2 (network constraint).';

export interface ConstraintParams {
  /** Proportional tie strengths p_ij from edge weights (summed over parallel edges); otherwise every tie counts 1. */
  weighted: boolean;
}

/**
 * c_i = Σ_j (p_ij + Σ_q p_iq p_qj)², over i's contacts j, intermediaries q ≠ i, j, where p_ij is the share
 * of i's tie weight that goes to j. Direction ignored, parallel edges merged, self-loops ignored. A star's
 * leaves score 1 (fully constrained), its centre 1/(n − 1). Isolated nodes have no contacts, so their
 * constraint is undefined and they are left out of the result.
 * @example constraint(g).result['N12'] // lower = more brokerage opportunity
 */
export function constraint(g: CorvidGraph, options: Partial<ConstraintParams> = {}): Analysis<ConstraintParams, Record<string, number>> {
  const params: ConstraintParams = { weighted: checkBoolean('weighted', options.weighted ?? true) };
  const { n, ids, offsets, targets, weights } = undirectedView(g, params.weighted);
  const strength = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let p = offsets[i]; p < offsets[i + 1]; p++) strength[i] += weights[p];
  // Per node i: direct[j] = p_ij for contacts j (mark[j] === i), indirect[j] accumulates Σ_q p_iq p_qj.
  const mark = new Int32Array(n).fill(-1);
  const direct = new Float64Array(n);
  const indirect = new Float64Array(n);
  const result: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    if (offsets[i] === offsets[i + 1]) continue;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = targets[p];
      mark[j] = i;
      direct[j] = weights[p] / strength[i];
      indirect[j] = 0;
    }
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const q = targets[p];
      const piq = direct[q];
      for (let r = offsets[q]; r < offsets[q + 1]; r++) {
        const j = targets[r];
        if (j !== i && mark[j] === i) indirect[j] += (piq * weights[r]) / strength[q];
      }
    }
    let c = 0;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = targets[p];
      c += (direct[j] + indirect[j]) ** 2;
    }
    result[ids[i]] = c;
  }
  return { algorithm: 'constraint', citation: CONSTRAINT_CITATION, params, result };
}
