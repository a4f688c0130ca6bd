/**
 * `npm run bench network [-- --edges 1000000 --pivots 64 --graph edges|graphology]`: network analytics at scale on
 * a synthetic LFR-like graph (power-law degrees and community sizes, mixing μ): build the network as whole-network
 * analyses load it (an edge list; `--graph graphology` for the multigraph sub-graphs use), then Louvain
 * communities, PageRank and sampled betweenness, each timed, against the goal of ≤ 20 s in total.
 */
import { parseArgs } from 'node:util';
import { MultiGraph } from 'graphology';
import { betweenness } from '../src/network/algorithms/betweenness.ts';
import { louvain } from '../src/network/algorithms/louvain.ts';
import { leiden } from '../src/network/algorithms/leiden.ts';
import { pagerank } from '../src/network/algorithms/pagerank.ts';
import type { EdgeList, GraphInput } from '../src/network/algorithms/csr.ts';
import { EdgeListSink } from '../src/network/sink.ts';
import type { CorvidGraph, EdgeAttributes, NodeAttributes } from '../src/network/types.ts';
import { figure, fmt, mb, rng } from './lib.ts';

/** The goal for build + communities + PageRank + sampled betweenness on a million edges. */
const GOAL_SECONDS = 20;

interface Generated {
  n: number;
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  /** Planted community of each node. */
  community: Int32Array;
}

/** A power-law integer in [min, max] with density ∝ x^−exponent (inverse transform). */
function powerLaw(next: () => number, exponent: number, min: number, max: number): number {
  const a = min ** (1 - exponent);
  const b = max ** (1 - exponent);
  return Math.floor((a + (b - a) * next()) ** (1 / (1 - exponent)));
}

/**
 * LFR-like (Lancichinetti, Fortunato & Radicchi 2008) without the rewiring: expected degrees from a power
 * law (γ = 2.5), community sizes from a power law (β = 1.5), and each edge drawn Chung–Lu style from
 * degree-weighted stubs, inside the first endpoint's community with probability 1 − μ. Repeated pairs are
 * kept as parallel edges (as repeated calls would be); weights are geometric (calls per pair).
 */
export function generate(edges: number, mu: number, seed: number): Generated {
  const next = rng(seed);
  const n = Math.round(edges / 5);
  const degree = new Int32Array(n);
  let stubs = 0;
  for (let i = 0; i < n; i++) stubs += degree[i] = powerLaw(next, 2.5, 3, 2000);
  const community = new Int32Array(n);
  const starts: number[] = [];
  for (let i = 0, c = 0; i < n; c++) {
    starts.push(i);
    const size = Math.min(powerLaw(next, 1.5, 20, 5000), n - i);
    community.fill(c, i, i + size);
    i += size;
  }
  // Stub array: node i repeated degree[i] times; nodes are numbered by community, so each community's stubs are one range.
  const stub = new Int32Array(stubs);
  const stubStart = new Int32Array(starts.length + 1);
  for (let i = 0, s = 0; i < n; i++) {
    if (i === starts[community[i]]) stubStart[community[i]] = s;
    stub.fill(i, s, s + degree[i]);
    s += degree[i];
  }
  stubStart[starts.length] = stubs;
  const from = new Int32Array(edges);
  const to = new Int32Array(edges);
  const weight = new Float64Array(edges);
  for (let e = 0; e < edges; ) {
    const a = stub[Math.floor(next() * stubs)];
    const c = community[a];
    const b = next() < mu ? stub[Math.floor(next() * stubs)] : stub[stubStart[c] + Math.floor(next() * (stubStart[c + 1] - stubStart[c]))];
    if (a === b) continue;
    from[e] = a;
    to[e] = b;
    weight[e++] = 1 + Math.floor(-Math.log(1 - next()) * 2);
  }
  return { n, from, to, weight, community };
}

/** The graphology multigraph the API would hand to the algorithms (Corvid's node and edge attributes). */
function build(list: Generated): CorvidGraph {
  const g = new MultiGraph<NodeAttributes, EdgeAttributes>({ type: 'undirected' });
  const datasets = ['bench'];
  for (let i = 0; i < list.n; i++) g.addNode(`n${i}`, { schema: 'Person', label: `n${i}`, datasets });
  for (let e = 0; e < list.from.length; e++) {
    const key = `c${e}`;
    g.addEdgeWithKey(key, `n${list.from[e]}`, `n${list.to[e]}`, { kind: 'interstitial', schema: 'Call', label: '', source: key, weight: list.weight[e], datasets });
  }
  return g;
}

/** The edge list the whole-network analyses take, through the sink `loadEdgeList` fills (ids, keys, typed arrays). */
function edgeList(list: Generated): EdgeList {
  const sink = new EdgeListSink();
  const datasets = ['bench'];
  for (let i = 0; i < list.n; i++) sink.addNode(`n${i}`, { schema: 'Person', label: `n${i}`, datasets });
  for (let e = 0; e < list.from.length; e++) {
    const key = `c${e}`;
    sink.addEdge(key, `n${list.from[e]}`, `n${list.to[e]}`, false, { kind: 'interstitial', schema: 'Call', label: '', source: key, weight: list.weight[e], datasets });
  }
  return sink.finish();
}

/** Normalised mutual information (arithmetic mean normalisation) between two labelings. */
function nmi(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const joint = new Map<number, number>();
  const ca = new Map<number, number>();
  const cb = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = a[i] * 1e7 + b[i];
    joint.set(k, (joint.get(k) ?? 0) + 1);
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
  }
  const h = (m: Map<number, number>) => [...m.values()].reduce((s, c) => s - (c / n) * Math.log(c / n), 0);
  let mi = 0;
  for (const [k, c] of joint) mi += (c / n) * Math.log((c * n) / ((ca.get(Math.floor(k / 1e7)) as number) * (cb.get(k % 1e7) as number)));
  const ha = h(ca);
  const hb = h(cb);
  return ha + hb > 0 ? (2 * mi) / (ha + hb) : 1;
}

function seconds(t0: number): number {
  return (performance.now() - t0) / 1000;
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      edges: { type: 'string', default: '1000000' },
      pivots: { type: 'string', default: '64' },
      mu: { type: 'string', default: '0.3' },
      leiden: { type: 'boolean' },
      graph: { type: 'string', default: 'edges' },
    },
  });
  const edges = Number(values.edges);
  const pivots = Number(values.pivots);
  let t = performance.now();
  const list = generate(edges, Number(values.mu), 7);
  figure('synthetic LFR-like graph: nodes / edges (generated)', `${fmt(list.n)} / ${fmt(edges)} in ${seconds(t).toFixed(1)} s`);
  const steps: [string, number][] = [];
  t = performance.now();
  const asGraphology = values.graph === 'graphology';
  const g: GraphInput = asGraphology ? build(list) : edgeList(list);
  steps.push([asGraphology ? 'build (graphology multigraph from the edge list)' : 'build (edge list, as whole-network analyses load it)', seconds(t)]);
  t = performance.now();
  const communities = louvain(g).result;
  steps.push(['communities (Louvain)', seconds(t)]);
  t = performance.now();
  const rank = pagerank(g).result;
  steps.push(['PageRank', seconds(t)]);
  t = performance.now();
  const between = betweenness(g, { samples: pivots }).result;
  steps.push([`sampled betweenness (${pivots} pivots)`, seconds(t)]);
  for (const [name, s] of steps) figure(name, `${s.toFixed(1)} s`);
  const total = steps.reduce((sum, [, s]) => sum + s, 0);
  figure(`total (goal ≤ ${GOAL_SECONDS} s)`, `${total.toFixed(1)} s ${total <= GOAL_SECONDS ? '(met)' : '(missed)'}`);
  const ids = asGraphology ? (g as CorvidGraph).nodes() : (g as EdgeList).ids;
  figure('Louvain: communities / modularity', `${fmt(communities.count)} / ${communities.modularity.toFixed(3)}`);
  figure('Louvain: NMI with the planted communities', nmi(list.community, Int32Array.from(ids, (id) => communities.communities[id])).toFixed(3));
  if (values.leiden) {
    t = performance.now();
    const l = leiden(g).result;
    figure('Leiden (not in the total): seconds / communities / modularity', `${seconds(t).toFixed(1)} s / ${fmt(l.count)} / ${l.modularity.toFixed(3)}`);
    figure('Leiden: NMI with the planted communities', nmi(list.community, Int32Array.from(ids, (id) => l.communities[id])).toFixed(3));
  }
  const top = ids.reduce((best, id) => (rank[id] > rank[best] ? id : best), ids[0]);
  figure('highest PageRank / its sampled betweenness', `${top}: ${rank[top].toExponential(2)} / ${between[top].toExponential(2)}`);
  figure('peak memory (RSS)', mb(process.resourceUsage().maxRSS * 1024));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
