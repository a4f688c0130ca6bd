/** Degree centrality (Freeman 1978/79; weighted "strength" as in Barrat et al. 2004) on the undirected simple view. */
import type { Analysis } from '../types.ts';
import { toRecord, undirectedView, type GraphInput } from './csr.ts';
import { checkBoolean } from './guard.ts';

export const DEGREE_CITATION =
  'Freeman, L. C. (1978/79). Centrality in social networks: conceptual clarification. Social Networks 1, 215–239; strength: Barrat, A. et al. (2004), PNAS 101(11), 3747–3752.';

export interface DegreeParams {
  /** Divide by n − 1, the most others a node can be tied to. */
  normalized: boolean;
  /** Sum tie weights (strength) instead of counting distinct neighbours. */
  weighted: boolean;
}

/**
 * Each node's number of distinct neighbours (direction ignored, parallel edges counted once, self-loops
 * ignored), or with `weighted` the summed weight of its edges; `normalized` divides either by n − 1.
 * @example degreeCentrality(g, { normalized: false }).result['N12'] // how many people N12 is tied to
 */
export function degreeCentrality(g: GraphInput, options: Partial<DegreeParams> = {}): Analysis<DegreeParams, Record<string, number>> {
  const params: DegreeParams = {
    normalized: checkBoolean('normalized', options.normalized ?? true),
    weighted: checkBoolean('weighted', options.weighted ?? false),
  };
  const { n, ids, offsets, weights } = undirectedView(g, params.weighted);
  const scale = params.normalized ? (n > 1 ? 1 / (n - 1) : 0) : 1;
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) s += weights[p];
    score[i] = s * scale;
  }
  return { algorithm: 'degree', citation: DEGREE_CITATION, params, result: toRecord(ids, score) };
}
