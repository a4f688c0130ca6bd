/**
 * Betweenness centrality: exact by Brandes (2001), or estimated from k random pivots (Brandes & Pich 2007),
 * on the undirected simple view's CSR arrays (predecessors are recomputed from distances, not stored).
 */
import type { Analysis } from '../types.ts';
import { type Csr, localityOrder, toRecord, undirectedView, type GraphInput } from './csr.ts';
import { checkBoolean, checkNumber } from './guard.ts';
import { seeded } from './random.ts';

export const BETWEENNESS_CITATION =
  'Brandes, U. (2001). A faster algorithm for betweenness centrality. J. Math. Sociology 25(2), 163–177; sampling: Brandes, U. & Pich, C. (2007). Centrality estimation in large networks. Int. J. Bifurcation and Chaos 17(7), 2303–2318.';

export interface BetweennessParams {
  /** Divide by (n − 1)(n − 2) / 2, the number of pairs of other nodes. */
  normalized: boolean;
  /** Shortest paths by length 1 / weight (a stronger tie is a shorter hop; Newman 2001, Opsahl et al. 2010) instead of hop count. */
  weighted: boolean;
  /** Number of random pivots (sources) for the estimate; present only when it is below n, i.e. when the result is an estimate. */
  samples?: number;
  /** Seed of the pivot draw. */
  seed: number;
}

/** Scratch arrays for single-source passes, reset only where a pass wrote. */
interface Scratch {
  dist: Float64Array;
  sigma: Float64Array;
  delta: Float64Array;
  order: Int32Array;
  heapNode: Int32Array;
  heapKey: Float64Array;
  settled: Uint8Array;
}

const TOL = 1e-10;
/** From this many nodes, passes run on the locality ordering (csr.ts). */
const REORDER_FROM = 20_000;

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOL * Math.max(a, b);
}

function heapPush(x: Scratch, size: number, node: number, key: number): number {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (x.heapKey[parent] <= key) break;
    x.heapKey[i] = x.heapKey[parent];
    x.heapNode[i] = x.heapNode[parent];
    i = parent;
  }
  x.heapKey[i] = key;
  x.heapNode[i] = node;
  return size + 1;
}

function heapPop(x: Scratch, size: number): number {
  const last = size - 1;
  const key = x.heapKey[last];
  const node = x.heapNode[last];
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= last) break;
    if (c + 1 < last && x.heapKey[c + 1] < x.heapKey[c]) c++;
    if (x.heapKey[c] >= key) break;
    x.heapKey[i] = x.heapKey[c];
    x.heapNode[i] = x.heapNode[c];
    i = c;
  }
  x.heapKey[i] = key;
  x.heapNode[i] = node;
  return last;
}

/** Dijkstra from s with lengths 1 / weight; returns how many nodes were settled (in `order`, by distance). */
function dijkstra(csr: Csr, s: number, x: Scratch): number {
  const { offsets, targets, weights } = csr;
  const { dist, sigma, order, settled } = x;
  dist[s] = 0;
  sigma[s] = 1;
  let size = heapPush(x, 0, s, 0);
  let count = 0;
  while (size > 0) {
    const v = x.heapNode[0];
    size = heapPop(x, size);
    if (settled[v]) continue;
    settled[v] = 1;
    order[count++] = v;
    for (let p = offsets[v]; p < offsets[v + 1]; p++) {
      const u = targets[p];
      if (settled[u]) continue;
      const alt = dist[v] + 1 / weights[p];
      if (dist[u] < 0 || (alt < dist[u] && !near(alt, dist[u]))) {
        dist[u] = alt;
        sigma[u] = sigma[v];
        size = heapPush(x, size, u, alt);
      } else if (near(alt, dist[u])) sigma[u] += sigma[v];
    }
  }
  return count;
}

/**
 * The unweighted case on its own: hop counts in an Int32Array (half the memory traffic of the general case, which
 * matters on big graphs where a pass is bound by cache misses) and the predecessor test reduced to one comparison.
 */
function accumulateHops(csr: Csr, s: number, hops: Int32Array, x: Scratch, score: Float64Array, factor: number): void {
  const { offsets, targets } = csr;
  const { sigma, delta, order } = x;
  hops[s] = 0;
  sigma[s] = 1;
  order[0] = s;
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    const v = order[head];
    const dv = hops[v] + 1;
    const sv = sigma[v];
    for (let p = offsets[v], end = offsets[v + 1]; p < end; p++) {
      const u = targets[p];
      const du = hops[u];
      if (du < 0) {
        hops[u] = dv;
        order[tail++] = u;
        sigma[u] = sv;
      } else if (du === dv) sigma[u] += sv;
    }
  }
  for (let j = tail - 1; j > 0; j--) {
    const w = order[j];
    const coeff = (1 + delta[w]) / sigma[w];
    const before = hops[w] - 1;
    for (let p = offsets[w], end = offsets[w + 1]; p < end; p++) {
      const v = targets[p];
      if (hops[v] === before) delta[v] += sigma[v] * coeff;
    }
    score[w] += delta[w] * factor;
  }
  for (let j = 0; j < tail; j++) {
    const v = order[j];
    hops[v] = -1;
    sigma[v] = 0;
    delta[v] = 0;
  }
}

/** One source's dependencies δ_s(v) over weighted shortest paths (Brandes' back-propagation), added to `score` times `factor`; then resets the scratch. */
function accumulate(csr: Csr, s: number, x: Scratch, score: Float64Array, factor: number): void {
  const { offsets, targets, weights } = csr;
  const { dist, sigma, delta, order } = x;
  const reached = dijkstra(csr, s, x);
  for (let j = reached - 1; j > 0; j--) {
    const w = order[j];
    const coeff = (1 + delta[w]) / sigma[w];
    for (let p = offsets[w]; p < offsets[w + 1]; p++) {
      const v = targets[p];
      if (dist[v] < 0) continue;
      if (near(dist[v] + 1 / weights[p], dist[w]) && dist[v] < dist[w]) delta[v] += sigma[v] * coeff;
    }
    score[w] += delta[w] * factor;
  }
  for (let j = 0; j < reached; j++) {
    const v = order[j];
    dist[v] = -1;
    sigma[v] = 0;
    delta[v] = 0;
    x.settled[v] = 0;
  }
}

/**
 * How often each node lies on shortest paths between other nodes (direction ignored, parallel edges
 * merged, self-loops ignored). Unnormalised, a star's centre scores (n − 1)(n − 2) / 2. With `samples`
 * below n, only that many random pivots are sources and the sum is scaled by n / samples, an unbiased
 * estimate of the exact value (Brandes & Pich 2007); otherwise the result is exact.
 * @example betweenness(g, { samples: 64 }).result['N12']
 */
export function betweenness(g: GraphInput, options: Partial<BetweennessParams> = {}, tuning: { reorderFrom?: number } = {}): Analysis<BetweennessParams, Record<string, number>> {
  const normalized = checkBoolean('normalized', options.normalized ?? true);
  const weighted = checkBoolean('weighted', options.weighted ?? false);
  const seed = checkNumber('seed', options.seed ?? 42, { integer: true });
  const samples = options.samples === undefined ? undefined : checkNumber('samples', options.samples, { min: 1, integer: true });
  const view = undirectedView(g, weighted);
  const { n } = view;
  // Big graphs are walked in a cache-friendly numbering; pivots are drawn in the original one, so the answer is the same.
  const local = n >= (tuning.reorderFrom ?? REORDER_FROM) ? localityOrder(view) : null;
  const csr = local ? local.csr : view;
  const sampled = samples !== undefined && samples < n;
  const params: BetweennessParams = sampled ? { normalized, weighted, samples, seed } : { normalized, weighted, seed };
  const k = sampled ? samples : n;
  const sources = Int32Array.from({ length: n }, (_, i) => i);
  if (sampled) {
    const next = seeded(seed);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(next() * (n - i));
      [sources[i], sources[j]] = [sources[j], sources[i]];
    }
  }
  // Each unordered pair is counted from both ends, hence the 1/2; pivots stand for n / k sources each.
  let factor = n / k / 2;
  if (normalized) factor *= n > 2 ? 2 / ((n - 1) * (n - 2)) : 0;
  const heap = weighted ? csr.targets.length + 1 : 0;
  const x: Scratch = {
    dist: new Float64Array(n).fill(-1),
    sigma: new Float64Array(n),
    delta: new Float64Array(n),
    order: new Int32Array(n),
    heapNode: new Int32Array(heap),
    heapKey: new Float64Array(heap),
    settled: new Uint8Array(n),
  };
  const score = new Float64Array(n);
  const hops = weighted ? null : new Int32Array(n).fill(-1);
  for (let i = 0; i < k; i++) {
    const s = local ? local.rank[sources[i]] : sources[i];
    if (hops) accumulateHops(csr, s, hops, x, score, factor);
    else accumulate(csr, s, x, score, factor);
  }
  return { algorithm: 'betweenness', citation: BETWEENNESS_CITATION, params, result: toRecord(csr.ids, score) };
}
