/** Global efficiency (Latora & Marchiori 2001): the mean inverse shortest-path distance over ordered pairs, by BFS on CSR arrays. */
import type { Analysis, CorvidGraph } from '../types.ts';
import { undirectedView } from './csr.ts';

export const EFFICIENCY_CITATION = 'Latora, V. & Marchiori, M. (2001). Efficient behavior of small-world networks. Physical Review Letters 87(19), 198701.';

/** No options: kept as an (empty) object so the analysis API can pass every algorithm its params the same way. */
export type EfficiencyParams = Record<string, never>;

/**
 * E = 1 / (n(n − 1)) · Σ_{i≠j} 1 / d(i, j), hop distances with direction ignored; unreachable pairs add 0,
 * so E falls as a network fragments (1 for a complete graph, 0 with no ties; 0 for fewer than two nodes).
 * Costs one BFS per node: O(n·m).
 * @example globalEfficiency(g).result // 5/6 for a path a – b – c: (1 + 1 + 1/2) · 2 / (3 · 2)
 */
export function globalEfficiency(g: CorvidGraph, options: EfficiencyParams = {}): Analysis<EfficiencyParams, number> {
  void options;
  const { n, offsets, targets } = undirectedView(g, false);
  const dist = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let sum = 0;
  for (let s = 0; s < n; s++) {
    dist[s] = 0;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++];
      for (let p = offsets[v]; p < offsets[v + 1]; p++) {
        const u = targets[p];
        if (dist[u] >= 0) continue;
        dist[u] = dist[v] + 1;
        sum += 1 / dist[u];
        queue[tail++] = u;
      }
    }
    for (let j = 0; j < tail; j++) dist[queue[j]] = -1;
  }
  return { algorithm: 'efficiency', citation: EFFICIENCY_CITATION, params: {}, result: n > 1 ? sum / (n * (n - 1)) : 0 };
}
