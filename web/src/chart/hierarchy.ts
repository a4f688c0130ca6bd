/**
 * Layered ("hierarchical") layout: layers by breadth-first depth from the chosen roots, or along link
 * direction, then the barycentre heuristic to reduce crossings between neighbouring layers — the layer
 * assignment and ordering steps of Sugiyama, Tagawa & Toda (1981), "Methods for visual understanding of
 * hierarchical system structures", IEEE Trans. SMC 11(2).
 */
import type { AbstractGraph } from 'graphology-types';

export interface LayeredOptions {
  /** Nodes of layer 0; each component without a root gets its best-connected node as root. */
  roots?: string[];
  /** 'depth': undirected breadth-first depth from the roots; 'direction': sources on top, links point down. */
  mode?: 'depth' | 'direction';
  /** Only these nodes are placed (default: every node). */
  nodes?: string[];
  layerGap?: number;
  nodeGap?: number;
  /** Barycentre sweeps (down then up counts as two). */
  sweeps?: number;
}

export interface LayeredResult {
  positions: Record<string, { x: number; y: number }>;
  layers: string[][];
}

/**
 * Computes positions (y grows with depth) for a layered drawing.
 * @example layeredLayout(g, { roots: ['boss'] }).layers[0] // ['boss']
 */
export function layeredLayout(graph: AbstractGraph, options: LayeredOptions = {}): LayeredResult {
  const { mode = 'depth', layerGap = 120, nodeGap = 70, sweeps = 4 } = options;
  const nodes = new Set(options.nodes ?? graph.nodes());
  for (const r of options.roots ?? []) if (!graph.hasNode(r)) throw new Error(`unknown root ${r}`);
  const neighbours = (n: string, dir: 'out' | 'in' | 'all'): string[] => {
    const out: string[] = [];
    const add = (_e: string, _a: unknown, s: string, t: string, _sa: unknown, _ta: unknown, undirected: boolean) => {
      const other = s === n ? t : s;
      if (other === n || !nodes.has(other)) return;
      if (dir === 'all' || undirected) out.push(other);
      else if (dir === 'out' && s === n) out.push(other);
      else if (dir === 'in' && t === n) out.push(other);
    };
    graph.forEachEdge(n, add);
    return out;
  };
  const depth = new Map<string, number>();
  const degree = (n: string) => neighbours(n, 'all').length;
  const bfs = (starts: string[], dir: 'out' | 'all') => {
    const queue = [...starts];
    for (const s of starts) if (!depth.has(s)) depth.set(s, 0);
    for (let i = 0; i < queue.length; i++) {
      const n = queue[i];
      for (const m of neighbours(n, dir)) {
        if (depth.has(m)) continue;
        depth.set(m, depth.get(n)! + 1);
        queue.push(m);
      }
    }
  };
  const byDegree = [...nodes].sort((a, b) => degree(b) - degree(a) || (a < b ? -1 : 1));
  if (mode === 'direction') {
    // Sources (no incoming link) first; what cycles leave unreached starts from its best-connected node.
    const sources = byDegree.filter((n) => neighbours(n, 'in').length === 0 && neighbours(n, 'out').length > 0);
    bfs(options.roots?.filter((r) => nodes.has(r)) ?? sources, 'out');
    for (const n of byDegree) if (!depth.has(n)) bfs([n], 'out');
  } else {
    bfs((options.roots ?? []).filter((r) => nodes.has(r)), 'all');
    for (const n of byDegree) if (!depth.has(n)) bfs([n], 'all');
  }
  const layers: string[][] = [];
  for (const n of byDegree) {
    const d = depth.get(n)!;
    (layers[d] ??= []).push(n);
  }
  for (let i = 0; i < layers.length; i++) layers[i] ??= [];
  const index = new Map<string, number>();
  const reindex = (layer: string[]) => layer.forEach((n, i) => index.set(n, i));
  layers.forEach(reindex);
  const sortBy = (layer: string[], ref: Set<string>) => {
    const bary = new Map<string, number>();
    for (const n of layer) {
      const ns = neighbours(n, 'all').filter((m) => ref.has(m));
      bary.set(n, ns.length ? ns.reduce((s, m) => s + index.get(m)!, 0) / ns.length : index.get(n)!);
    }
    layer.sort((a, b) => bary.get(a)! - bary.get(b)! || index.get(a)! - index.get(b)!);
    reindex(layer);
  };
  for (let s = 0; s < sweeps; s++) {
    if (s % 2 === 0) for (let i = 1; i < layers.length; i++) sortBy(layers[i], new Set(layers[i - 1]));
    else for (let i = layers.length - 2; i >= 0; i--) sortBy(layers[i], new Set(layers[i + 1]));
  }
  const positions: Record<string, { x: number; y: number }> = {};
  layers.forEach((layer, d) => layer.forEach((n, i) => (positions[n] = { x: (i - (layer.length - 1) / 2) * nodeGap, y: d * layerGap })));
  return { positions, layers };
}

/**
 * Circle positions: nodes in the given order (callers sort by community so clusters sit together),
 * spaced `nodeGap` apart along the circumference.
 */
export function circlePositions(order: string[], nodeGap = 40, centre = { x: 0, y: 0 }): Record<string, { x: number; y: number }> {
  const n = order.length;
  const radius = Math.max(60, (n * nodeGap) / (2 * Math.PI));
  const out: Record<string, { x: number; y: number }> = {};
  order.forEach((id, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n) - Math.PI / 2;
    out[id] = { x: centre.x + radius * Math.cos(a), y: centre.y + radius * Math.sin(a) };
  });
  return out;
}
