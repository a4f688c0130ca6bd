/**
 * Paths between two entities: the shortest one (breadth-first search, or Dijkstra 1959 "A note on two
 * problems in connexion with graphs" when weighted), and every simple path up to a number of hops
 * (bounded depth-first search, shortest paths first, cut at a limit).
 */
import { NotFoundError } from '../../errors.ts';
import type { Analysis, CorvidGraph, EdgeAttributes } from '../types.ts';
import { checkBoolean, checkNumber } from './guard.ts';

/** A path: its nodes in order, and one edge key per hop (the heaviest of parallel edges). */
export interface GraphPath {
  nodes: string[];
  edges: string[];
}

/** A shortest path and its length: hops, or the summed edge costs (1 / weight) when weighted. */
export interface ShortestPath extends GraphPath {
  length: number;
}

export interface ShortestPathOptions {
  /** Edge cost = 1 / weight, so strong ties (many calls, large amounts) are short; parallel edges' weights are summed first. */
  weighted?: boolean;
  /** Follow edge directions (in a directed or mixed graph); otherwise direction is ignored. */
  directed?: boolean;
}

export interface ShortestPathParams extends Required<ShortestPathOptions> {
  from: string;
  to: string;
}

export interface SimplePathsOptions {
  /** Longest path kept, in hops (1–10). */
  maxHops?: number;
  /** Most paths returned; `truncated` says when more exist. */
  limit?: number;
  directed?: boolean;
}

export interface SimplePathsParams extends Required<SimplePathsOptions> {
  from: string;
  to: string;
}

export interface SimplePaths {
  paths: GraphPath[];
  truncated: boolean;
}

/** The longest `maxHops` accepted: the number of simple paths grows exponentially with it. */
export const MAX_HOPS = 10;

const DIJKSTRA = 'Dijkstra, "A note on two problems in connexion with graphs", Numerische Mathematik 1 (1959) 269–271';

/** One step from a node to a neighbour: summed weight of the parallel edges, and the heaviest of them. */
interface Hop {
  weight: number;
  edge: string;
  edgeWeight: number;
}

/** The neighbours of `node` (self-loops ignored), following only outbound edges when `directed`. */
function hopsFrom(g: CorvidGraph, node: string, directed: boolean): Map<string, Hop> {
  const out = new Map<string, Hop>();
  const visit = (edge: string, attrs: EdgeAttributes, source: string, target: string): void => {
    if (source === target) return;
    const other = source === node ? target : source;
    const w = Number.isFinite(attrs.weight) && attrs.weight > 0 ? attrs.weight : 0;
    const hop = out.get(other);
    if (!hop) out.set(other, { weight: w, edge, edgeWeight: w });
    else {
      hop.weight += w;
      if (w > hop.edgeWeight) {
        hop.edge = edge;
        hop.edgeWeight = w;
      }
    }
  };
  if (directed && g.type !== 'undirected') g.forEachOutboundEdge(node, visit);
  else g.forEachEdge(node, visit);
  return out;
}

function guardNodes(g: CorvidGraph, from: string, to: string): void {
  if (!g.hasNode(from)) throw new NotFoundError('node', from);
  if (!g.hasNode(to)) throw new NotFoundError('node', to);
}

/** A binary min-heap of [cost, node] for Dijkstra. */
class Heap {
  private readonly items: [number, string][] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: [number, string]): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p][0] <= a[i][0]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): [number, string] {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as [number, string];
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l][0] < a[m][0]) m = l;
        if (r < a.length && a[r][0] < a[m][0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * The shortest path from `from` to `to`, or `null` when `to` cannot be reached. Unweighted: fewest hops
 * (breadth-first). Weighted: least summed cost, a hop costing 1 / (summed weight of its parallel edges);
 * zero-weight links are not followed. Self-loops are ignored.
 * @example shortestPath(g, 'a', 'd').result?.nodes // ['a', 'b', 'd']
 */
export function shortestPath(g: CorvidGraph, from: string, to: string, options: ShortestPathOptions = {}): Analysis<ShortestPathParams, ShortestPath | null> {
  const params: ShortestPathParams = { from, to, weighted: options.weighted ?? false, directed: options.directed ?? false };
  guardNodes(g, from, to);
  checkBoolean('weighted', params.weighted);
  checkBoolean('directed', params.directed);
  const envelope = (result: ShortestPath | null): Analysis<ShortestPathParams, ShortestPath | null> => ({
    algorithm: 'shortest-path',
    citation: params.weighted ? DIJKSTRA : 'Breadth-first search (Moore, "The shortest path through a maze", 1959)',
    params,
    result,
  });
  const prev = new Map<string, { node: string; edge: string }>();
  const dist = new Map<string, number>([[from, 0]]);
  const heap = new Heap();
  heap.push([0, from]);
  const done = new Set<string>();
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (done.has(u)) continue;
    done.add(u);
    if (u === to) break;
    for (const [v, hop] of hopsFrom(g, u, params.directed)) {
      if (done.has(v)) continue;
      let cost = 1;
      if (params.weighted) {
        if (hop.weight <= 0) continue;
        cost = 1 / hop.weight;
      }
      const known = dist.get(v);
      if (known === undefined || d + cost < known) {
        dist.set(v, d + cost);
        prev.set(v, { node: u, edge: hop.edge });
        heap.push([d + cost, v]);
      }
    }
  }
  if (!done.has(to)) return envelope(null);
  const nodes = [to];
  const edges: string[] = [];
  for (let at = to; at !== from;) {
    const step = prev.get(at) as { node: string; edge: string };
    nodes.push(step.node);
    edges.push(step.edge);
    at = step.node;
  }
  return envelope({ nodes: nodes.reverse(), edges: edges.reverse(), length: dist.get(to) as number });
}

/** Hops from every node to `target` (up to `max`), walking edges backwards when `directed`. */
function hopsTo(g: CorvidGraph, target: string, directed: boolean, max: number): Map<string, number> {
  const dist = new Map<string, number>([[target, 0]]);
  let frontier = [target];
  for (let d = 1; d <= max && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      const visit = (_e: string, _a: EdgeAttributes, s: string, t: string): void => {
        const v = s === u ? t : s;
        if (!dist.has(v)) {
          dist.set(v, d);
          next.push(v);
        }
      };
      if (directed && g.type !== 'undirected') g.forEachInboundEdge(u, visit);
      else g.forEachEdge(u, visit);
    }
    frontier = next;
  }
  return dist;
}

/**
 * Every simple path (no repeated node) from `from` to `to` with at most `maxHops` hops, shortest first,
 * at most `limit` of them (`truncated` when more exist). Searches depth by depth, pruning branches that
 * cannot reach `to` within the remaining hops, so a cut answer keeps the shortest paths.
 * @example simplePaths(g, 'a', 'd', { maxHops: 2 }).result.paths.map((p) => p.nodes) // [['a', 'b', 'd'], ['a', 'c', 'd']]
 */
export function simplePaths(g: CorvidGraph, from: string, to: string, options: SimplePathsOptions = {}): Analysis<SimplePathsParams, SimplePaths> {
  const params: SimplePathsParams = { from, to, maxHops: options.maxHops ?? 4, limit: options.limit ?? 500, directed: options.directed ?? false };
  guardNodes(g, from, to);
  checkNumber('maxHops', params.maxHops, { integer: true, min: 1, max: MAX_HOPS });
  checkNumber('limit', params.limit, { integer: true, min: 1 });
  checkBoolean('directed', params.directed);
  const result: SimplePaths = { paths: [], truncated: false };
  const envelope: Analysis<SimplePathsParams, SimplePaths> = {
    algorithm: 'simple-paths',
    citation: 'Bounded depth-first enumeration of simple paths (Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1 (1972))',
    params,
    result,
  };
  if (from === to) {
    result.paths.push({ nodes: [from], edges: [] });
    return envelope;
  }
  const toTarget = hopsTo(g, to, params.directed, params.maxHops);
  const cache = new Map<string, Map<string, Hop>>();
  const neighbours = (u: string): Map<string, Hop> => {
    let m = cache.get(u);
    if (!m) cache.set(u, (m = hopsFrom(g, u, params.directed)));
    return m;
  };
  const nodes = [from];
  const edges: string[] = [];
  const onPath = new Set([from]);
  let depthGoal = 1;
  // Returns false once the limit is passed, to unwind the whole search.
  const walk = (u: string, depth: number): boolean => {
    for (const [v, hop] of neighbours(u)) {
      if (onPath.has(v)) continue;
      const rest = toTarget.get(v);
      if (rest === undefined || depth + 1 + rest > depthGoal) continue;
      if (v === to) {
        if (depth + 1 !== depthGoal) continue;
        if (result.paths.length === params.limit) {
          result.truncated = true;
          return false;
        }
        result.paths.push({ nodes: [...nodes, v], edges: [...edges, hop.edge] });
        continue;
      }
      nodes.push(v);
      edges.push(hop.edge);
      onPath.add(v);
      const go = walk(v, depth + 1);
      onPath.delete(v);
      nodes.pop();
      edges.pop();
      if (!go) return false;
    }
    return true;
  };
  for (; depthGoal <= params.maxHops; depthGoal++) if (!walk(from, 0)) break;
  return envelope;
}
