/** Small hand-checkable graphs for the network algorithms' tests: path, star, cycle, bridged triangles, barbell, Zachary's karate club. */
import { MultiGraph } from 'graphology';
import type { CorvidGraph, EdgeAttributes, NodeAttributes } from '../types.ts';

/** An empty multigraph with Corvid's attributes, undirected unless asked. */
export function emptyGraph(type: 'undirected' | 'directed' | 'mixed' = 'undirected'): CorvidGraph {
  return new MultiGraph<NodeAttributes, EdgeAttributes>({ type, allowSelfLoops: true });
}

/** Adds a test edge (creating its endpoints) and returns its key. */
export function link(g: CorvidGraph, a: string, b: string, weight = 1, directed = false): string {
  for (const id of [a, b]) if (!g.hasNode(id)) g.addNode(id, { schema: 'Person', label: id, datasets: ['test'] });
  const key = `e${g.size}`;
  const attrs: EdgeAttributes = { kind: 'interstitial', schema: 'UnknownLink', label: '', source: key, weight, datasets: ['test'] };
  if (directed) g.addDirectedEdgeWithKey(key, a, b, attrs);
  else g.addUndirectedEdgeWithKey(key, a, b, attrs);
  return key;
}

/** A graph from `[a, b]` or `[a, b, weight]` pairs. */
export function fromPairs(pairs: [string, string, number?][], type: 'undirected' | 'directed' = 'undirected'): CorvidGraph {
  const g = emptyGraph(type);
  for (const [a, b, w] of pairs) link(g, a, b, w ?? 1, type === 'directed');
  return g;
}

/** Path 0 – 1 – … – (n−1). */
export function path(n: number): CorvidGraph {
  const g = emptyGraph();
  for (let i = 0; i + 1 < n; i++) link(g, String(i), String(i + 1));
  return g;
}

/** Star: centre 'c' with leaves 'l1' … 'l<leaves>'. */
export function star(leaves: number): CorvidGraph {
  const g = emptyGraph();
  for (let i = 1; i <= leaves; i++) link(g, 'c', `l${i}`);
  return g;
}

/** Cycle 0 – 1 – … – (n−1) – 0. */
export function cycle(n: number): CorvidGraph {
  const g = emptyGraph();
  for (let i = 0; i < n; i++) link(g, String(i), String((i + 1) % n));
  return g;
}

/** Triangles a-b-c and d-e-f joined by the bridge c – d. */
export function bridgedTriangles(): CorvidGraph {
  return fromPairs([
    ['a', 'b'],
    ['b', 'c'],
    ['a', 'c'],
    ['d', 'e'],
    ['e', 'f'],
    ['d', 'f'],
    ['c', 'd'],
  ]);
}

/** Barbell: two cliques of `k` nodes (L0…, R0…) joined by a path through `bridge` middle nodes M0…, from L0 to R0. */
export function barbell(k: number, bridge: number): CorvidGraph {
  const g = emptyGraph();
  for (const side of ['L', 'R']) for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) link(g, `${side}${i}`, `${side}${j}`);
  const chain = ['L0', ...Array.from({ length: bridge }, (_, i) => `M${i}`), 'R0'];
  for (let i = 0; i + 1 < chain.length; i++) link(g, chain[i], chain[i + 1]);
  return g;
}

/** Zachary (1977) karate club, 34 members (ids '0'…'33'), 78 ties — the edge list as in NetworkX's karate_club_graph. */
export const KARATE: Record<number, number[]> = {
  0: [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 17, 19, 21, 31],
  1: [2, 3, 7, 13, 17, 19, 21, 30],
  2: [3, 7, 8, 9, 13, 27, 28, 32],
  3: [7, 12, 13],
  4: [6, 10],
  5: [6, 10, 16],
  6: [16],
  8: [30, 32, 33],
  9: [33],
  13: [33],
  14: [32, 33],
  15: [32, 33],
  18: [32, 33],
  19: [33],
  20: [32, 33],
  22: [32, 33],
  23: [25, 27, 29, 32, 33],
  24: [25, 27, 31],
  25: [31],
  26: [29, 33],
  27: [33],
  28: [31, 33],
  29: [32, 33],
  30: [32, 33],
  31: [32, 33],
  32: [33],
};

/** Zachary's karate club as an undirected CorvidGraph. */
export function karate(): CorvidGraph {
  const g = emptyGraph();
  for (let i = 0; i < 34; i++) g.addNode(String(i), { schema: 'Person', label: String(i), datasets: ['test'] });
  for (const [a, bs] of Object.entries(KARATE)) for (const b of bs) link(g, a, String(b));
  return g;
}

/** True when `members` induce a connected subgraph of `g` (direction ignored). */
export function inducesConnected(g: CorvidGraph, members: string[]): boolean {
  const inside = new Set(members);
  const seen = new Set([members[0]]);
  const stack = [members[0]];
  while (stack.length > 0) {
    const v = stack.pop() as string;
    g.forEachNeighbor(v, (u) => {
      if (inside.has(u) && !seen.has(u)) {
        seen.add(u);
        stack.push(u);
      }
    });
  }
  return seen.size === inside.size;
}
