/**
 * Fragmentation of a network (Borgatti 2006): the share of pairs of nodes that cannot reach each other
 * (F), and its distance-weighted form (DF) that also counts how far apart the reachable pairs are.
 */
import type { Analysis, CorvidGraph } from '../types.ts';
import { undirectedView, type Csr } from './csr.ts';

export const FRAGMENTATION_CITATION =
  'Borgatti, S. P. (2006). Identifying sets of key players in a social network. Computational and Mathematical Organization Theory 12(1), 21–34.';

/** No options: an empty object so the analysis API passes every algorithm its params the same way. */
export type FragmentationParams = Record<string, never>;

/** Sizes of the connected components of `csr` once the nodes flagged in `removed` are gone. */
export function componentSizes(csr: Csr, removed: Uint8Array): number[] {
  const seen = Uint8Array.from(removed);
  const stack = new Int32Array(csr.n);
  const sizes: number[] = [];
  for (let s = 0; s < csr.n; s++) {
    if (seen[s]) continue;
    seen[s] = 1;
    let top = 0;
    stack[top++] = s;
    let size = 0;
    while (top > 0) {
      const u = stack[--top];
      size++;
      for (let p = csr.offsets[u]; p < csr.offsets[u + 1]; p++) {
        const v = csr.targets[p];
        if (!seen[v]) {
          seen[v] = 1;
          stack[top++] = v;
        }
      }
    }
    sizes.push(size);
  }
  return sizes;
}

function remaining(csr: Csr, removed: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < csr.n; i++) if (!removed[i]) n++;
  return n;
}

/**
 * F = 1 − Σ_k s_k(s_k − 1) / n(n − 1) over the components k of sizes s_k, n the nodes left: 0 when
 * everyone reaches everyone, 1 when all are isolated. 0 below two nodes (no pair to separate).
 */
export function fragmentationOf(csr: Csr, removed: Uint8Array): number {
  const n = remaining(csr, removed);
  if (n < 2) return 0;
  let reachable = 0;
  for (const s of componentSizes(csr, removed)) reachable += s * (s - 1);
  return 1 - reachable / (n * (n - 1));
}

/**
 * DF = 1 − Σ_{i≠j} (1 / d_ij) / n(n − 1), hop distances d_ij (1/∞ = 0), by a breadth-first search from
 * each node: O(n·m). Equals 1 − global efficiency (Latora & Marchiori 2001). 0 below two nodes.
 */
export function distanceFragmentationOf(csr: Csr, removed: Uint8Array): number {
  const n = remaining(csr, removed);
  if (n < 2) return 0;
  const dist = new Int32Array(csr.n);
  const queue = new Int32Array(csr.n);
  let closeness = 0;
  for (let s = 0; s < csr.n; s++) {
    if (removed[s]) continue;
    dist.fill(-1);
    dist[s] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const u = queue[head++];
      for (let p = csr.offsets[u]; p < csr.offsets[u + 1]; p++) {
        const v = csr.targets[p];
        if (removed[v] || dist[v] >= 0) continue;
        dist[v] = dist[u] + 1;
        closeness += 1 / dist[v];
        queue[tail++] = v;
      }
    }
  }
  return 1 - closeness / (n * (n - 1));
}

function envelope(algorithm: string, result: number): Analysis<FragmentationParams, number> {
  return { algorithm, citation: FRAGMENTATION_CITATION, params: {}, result };
}

/**
 * Fragmentation F of `g` (Borgatti 2006): the share of ordered pairs that cannot reach each other.
 * Direction, weights, parallel edges and self-loops are ignored (undirected simple view).
 * @example fragmentation(path5MinusMiddle).result // 2/3: two pairs of two, 4 reachable ordered pairs out of 12
 */
export function fragmentation(g: CorvidGraph, options: FragmentationParams = {}): Analysis<FragmentationParams, number> {
  void options;
  const csr = undirectedView(g, false);
  return envelope('fragmentation', fragmentationOf(csr, new Uint8Array(csr.n)));
}

/**
 * Distance-weighted fragmentation DF of `g` (Borgatti 2006): like F, but reachable pairs count
 * as partly fragmented by how far apart they are (1 − 1/d). Undirected, unweighted hop distances.
 * @example distanceFragmentation(path3).result // 1/6: ordered pairs at 1, 1, 1, 1, 2, 2 hops → 1 − 5/6
 */
export function distanceFragmentation(g: CorvidGraph, options: FragmentationParams = {}): Analysis<FragmentationParams, number> {
  void options;
  const csr = undirectedView(g, false);
  return envelope('distance-fragmentation', distanceFragmentationOf(csr, new Uint8Array(csr.n)));
}
