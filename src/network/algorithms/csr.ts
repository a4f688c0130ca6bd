/** Compressed sparse row (CSR) views of a CorvidGraph on typed arrays, built once per analysis so the algorithms run on numbers, not strings. */
import type { CorvidGraph } from '../types.ts';

/**
 * A simple weighted graph in CSR form: node `i`'s neighbours are `targets[offsets[i] .. offsets[i + 1])`
 * with the matching `weights`. Parallel edges are merged (weights summed), self-loops dropped.
 */
export interface Csr {
  /** Number of nodes. */
  n: number;
  /** Node index → node id (graphology's node order). */
  ids: string[];
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/** The weight an edge contributes: its `weight` attribute when weighted and usable (finite, ≥ 0), else 1. */
export function edgeWeight(weighted: boolean, value: unknown): number {
  if (!weighted) return 1;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 1;
}

/**
 * A graph as plain arrays: nodes `0 … ids.length − 1`, edge k from `from[k]` to `to[k]` with `weight[k]`, directed
 * where `directed[k]` is 1 (absent: all undirected). For whole networks of millions of edges, where a graphology
 * graph's objects cost more than the analysis itself; the CSR-based analyses take either.
 * @example const list: EdgeList = { ids: ['a', 'b'], from: Int32Array.of(0), to: Int32Array.of(1), weight: Float64Array.of(1), size: 1 };
 */
export interface EdgeList {
  ids: string[];
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  directed?: Uint8Array;
  /** Edges in use (the arrays may be longer). */
  size: number;
}

/** What the CSR-based analyses accept. */
export type GraphInput = CorvidGraph | EdgeList;

function isEdgeList(g: GraphInput): g is EdgeList {
  return Array.isArray((g as EdgeList).ids) && (g as EdgeList).from instanceof Int32Array;
}

/** Arcs of an edge list, both ways for undirected edges (and for every edge when `symmetric`), self-loops dropped. */
function listArcs(g: EdgeList, weighted: boolean, symmetric: boolean): Omit<Csr, 'ids'> {
  const from = new Int32Array(2 * g.size);
  const to = new Int32Array(2 * g.size);
  const w = new Float64Array(2 * g.size);
  let k = 0;
  for (let e = 0; e < g.size; e++) {
    const s = g.from[e];
    const t = g.to[e];
    if (s === t) continue;
    const x = edgeWeight(weighted, g.weight[e]);
    from[k] = s;
    to[k] = t;
    w[k++] = x;
    if (!symmetric && g.directed?.[e]) continue;
    from[k] = t;
    to[k] = s;
    w[k++] = x;
  }
  return packArcs(g.ids.length, from, to, w, k, weighted);
}

function nodeIndex(g: CorvidGraph): { ids: string[]; index: Map<string, number> } {
  const ids: string[] = new Array(g.order);
  const index = new Map<string, number>();
  let i = 0;
  g.forEachNode((node) => {
    ids[i] = node;
    index.set(node, i++);
  });
  return { ids, index };
}

/**
 * Packs arcs (from[k] → to[k], weight w[k]) into CSR, merging repeated arcs: weights add up when
 * weighted, a repeated arc counts once when not. Weighted arcs whose total is 0 are dropped (no tie).
 */
export function packArcs(n: number, from: Int32Array, to: Int32Array, w: Float64Array, count: number, weighted: boolean): Omit<Csr, 'ids'> {
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < count; k++) offsets[from[k] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const rawT = new Int32Array(count);
  const rawW = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const p = fill[from[k]]++;
    rawT[p] = to[k];
    rawW[p] = w[k];
  }
  // Merge repeats row by row: `slot[t]` is where t was written in the current row (valid while mark[t] === row).
  const mark = new Int32Array(n).fill(-1);
  const slot = new Int32Array(n);
  const out = new Int32Array(n + 1);
  let write = 0;
  for (let i = 0; i < n; i++) {
    const rowStart = write;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const t = rawT[p];
      if (mark[t] === i) {
        if (weighted) rawW[slot[t]] += rawW[p];
        continue;
      }
      mark[t] = i;
      slot[t] = write;
      rawT[write] = t;
      rawW[write] = weighted ? rawW[p] : 1;
      write++;
    }
    if (weighted) {
      let keep = rowStart;
      for (let p = rowStart; p < write; p++) {
        if (rawW[p] <= 0) continue;
        rawT[keep] = rawT[p];
        rawW[keep] = rawW[p];
        keep++;
      }
      write = keep;
    }
    out[i + 1] = write;
  }
  return { n, offsets: out, targets: rawT.slice(0, write), weights: rawW.slice(0, write) };
}

/** Arcs of a graphology graph, both ways for undirected edges (and for every edge when `symmetric`), self-loops dropped. */
function graphArcs(g: CorvidGraph, weighted: boolean, symmetric: boolean): Csr {
  const { ids, index } = nodeIndex(g);
  const m = g.size;
  const from = new Int32Array(2 * m);
  const to = new Int32Array(2 * m);
  const w = new Float64Array(2 * m);
  let k = 0;
  g.forEachEdge((_edge, attr, source, target, _sa, _ta, undirected) => {
    if (source === target) return;
    const s = index.get(source) as number;
    const t = index.get(target) as number;
    const x = edgeWeight(weighted, attr.weight);
    from[k] = s;
    to[k] = t;
    w[k++] = x;
    if (!symmetric && !undirected) return;
    from[k] = t;
    to[k] = s;
    w[k++] = x;
  });
  return { ids, ...packArcs(ids.length, from, to, w, k, weighted) };
}

/**
 * The undirected simple view: direction ignored, parallel edges' weights summed (or counted once when
 * `weighted` is false), self-loops dropped. Every tie appears in both endpoints' rows.
 * @example const { ids, offsets, targets } = undirectedView(g, false); // neighbours of ids[0]: targets[offsets[0]..offsets[1])
 */
export function undirectedView(g: GraphInput, weighted: boolean): Csr {
  return isEdgeList(g) ? { ids: g.ids, ...listArcs(g, weighted, true) } : graphArcs(g, weighted, true);
}

/**
 * The out-arc view for walks (PageRank): a directed edge gives one arc source → target, an undirected
 * edge one arc each way; parallel arcs merged as in {@link undirectedView}, self-loops dropped.
 */
export function outView(g: GraphInput, weighted: boolean): Csr {
  return isEdgeList(g) ? { ids: g.ids, ...listArcs(g, weighted, false) } : graphArcs(g, weighted, false);
}

/** Node-keyed scores as the JSON-friendly record every analysis returns. */
export function toRecord(ids: string[], values: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < ids.length; i++) out[ids[i]] = values[i];
  return out;
}

/**
 * Renumbers the nodes in breadth-first order (each component from its lowest index), so that neighbours get nearby
 * numbers and single-source passes touch memory in runs rather than at random: on a million-edge graph the arrays of
 * a pass outgrow the processor's caches, and this ordering roughly halves a pass (Cuthill & McKee 1969 use the same
 * idea, for sparse matrices' bandwidth). `order[new] = old`, `rank[old] = new`; `ids` follow the new numbers.
 * @example const { csr: local, rank } = localityOrder(csr); // node i of csr is node rank[i] of local
 */
export function localityOrder(csr: Csr): { csr: Csr; order: Int32Array; rank: Int32Array } {
  const { n, offsets, targets, weights } = csr;
  const rank = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  let tail = 0;
  for (let root = 0; root < n; root++) {
    if (rank[root] >= 0) continue;
    rank[root] = tail;
    order[tail++] = root;
    for (let head = tail - 1; head < tail; head++) {
      const v = order[head];
      for (let p = offsets[v]; p < offsets[v + 1]; p++) {
        const u = targets[p];
        if (rank[u] < 0) {
          rank[u] = tail;
          order[tail++] = u;
        }
      }
    }
  }
  const newOffsets = new Int32Array(n + 1);
  const newTargets = new Int32Array(targets.length);
  const newWeights = new Float64Array(targets.length);
  let w = 0;
  for (let i = 0; i < n; i++) {
    const v = order[i];
    for (let p = offsets[v]; p < offsets[v + 1]; p++) {
      newTargets[w] = rank[targets[p]];
      newWeights[w++] = weights[p];
    }
    newOffsets[i + 1] = w;
  }
  const ids = Array.from(order, (v) => csr.ids[v]);
  return { csr: { n, ids, offsets: newOffsets, targets: newTargets, weights: newWeights }, order, rank };
}
