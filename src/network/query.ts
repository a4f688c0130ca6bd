/**
 * Network queries over the store, in the caller's Context: expand an entity to its neighbours, the sub-graph among
 * given entities, and the paths between two entities. Each reads only the neighbourhood it needs (reverse
 * references, the entities' own references and identifiers), never the whole store.
 */
import { NotFoundError } from '../errors.ts';
import type { Context } from '../model/context.ts';
import type { Entity } from '../model/statement.ts';
import type { Store } from '../store/port.ts';
import { shortestPath, simplePaths, type GraphPath } from './algorithms/paths.ts';
import { edgeSpec, GraphBuilder } from './build.ts';
import { asCompiled, type CompiledFilter, type NetworkFilter } from './filter.ts';
import { identifiersOf } from './identifiers.ts';
import { LINK_LIMIT, loadEntities, loadSubgraph } from './load.ts';
import type { CorvidGraph, NetworkView } from './types.ts';
import { toView } from './view.ts';

export interface QueryOptions {
  filter?: NetworkFilter | CompiledFilter;
  /** Identifier values held by more entities than this are no link (see BuildOptions.maxShared). Default 50. */
  maxShared?: number;
  /** Build a mixed graph that keeps FtM direction (paths then follow it when asked). */
  directed?: boolean;
}

interface Around {
  graph: CorvidGraph;
  truncated: boolean;
}

/**
 * The graph around some seeds: the seeds, every entity one link away from one of them, and the links among all
 * of these. Neighbours by shared identifier are found through the store's search index (the exact value as
 * stored) and confirmed by the builder's normalisers.
 */
async function around(ctx: Context, store: Store, seeds: readonly string[], opts: QueryOptions): Promise<Around> {
  const model = store.model;
  const filter = asCompiled(opts.filter);
  const maxShared = opts.maxShared ?? 50;
  const seedEntities = await loadEntities(ctx, store, seeds, filter);
  const known = new Set(seeds);
  const linkIds = new Set<string>();
  let truncated = false;
  for (const e of seedEntities) {
    const links = await store.getLinks(ctx, e.id, LINK_LIMIT);
    if (links.length >= LINK_LIMIT) truncated = true;
    for (const l of links) if (!known.has(l.entity.id)) linkIds.add(l.entity.id);
  }
  const linked = await loadEntities(ctx, store, linkIds, filter);
  const candidates = new Set<string>();
  const addEnds = (e: Entity): void => {
    const spec = edgeSpec(model, e.schema);
    if (!spec) return void candidates.add(e.id);
    for (const v of [...(e.properties[spec.source] ?? []), ...(e.properties[spec.target] ?? [])]) candidates.add(v);
  };
  linked.forEach(addEnds);
  for (const e of seedEntities) {
    const schema = model.schemata.get(e.schema);
    for (const [prop, values] of Object.entries(e.properties)) if (schema?.properties.get(prop)?.type === 'entity') values.forEach((v) => candidates.add(v));
    for (const id of identifiersOf(model, e)) {
      const hits = await store.search(ctx, { text: id.raw, fuzzy: false, limit: maxShared + 1 });
      if (hits.length <= maxShared) hits.forEach((h) => candidates.add(h.entity.id));
    }
  }
  for (const id of [...known, ...linked.map((e) => e.id)]) candidates.delete(id);
  const b = new GraphBuilder(model, { filter, maxShared, directed: opts.directed ?? false });
  for (const e of [...seedEntities, ...linked, ...(await loadEntities(ctx, store, candidates, filter))]) b.add(e);
  return { graph: b.finish().graph, truncated };
}

/** Summed edge weight from `center` to each neighbour. */
function tieStrength(g: CorvidGraph, center: string): Map<string, number> {
  const w = new Map<string, number>();
  g.forEachEdge(center, (_k, a, s, t) => {
    const other = s === center ? t : s;
    if (other !== center) w.set(other, (w.get(other) ?? 0) + a.weight);
  });
  return w;
}

/**
 * An entity, its neighbours (the strongest ties first, at most `limit`) and every edge among them.
 * @example const view = await expand(ctx, store, 'police-a.p1', { filter: { kinds: ['interstitial'] }, limit: 100 });
 */
export async function expand(ctx: Context, store: Store, id: string, opts: QueryOptions & { limit?: number } = {}): Promise<NetworkView> {
  const limit = opts.limit ?? 200;
  const filter = asCompiled(opts.filter);
  const { graph, truncated } = await around(ctx, store, [id], { ...opts, filter });
  if (!graph.hasNode(id)) throw new NotFoundError('entity', id);
  const ranked = [...tieStrength(graph, id)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([n]) => n);
  const chosen = [id, ...ranked.slice(0, limit)];
  const sub = await loadSubgraph(ctx, store, chosen, { ...opts, filter });
  return toView(store.model, sub.graph, { nodes: chosen, truncated: truncated || sub.truncated || ranked.length > limit });
}

/**
 * The given entities (those the caller may see) and every edge among them.
 * @example const view = await subgraph(ctx, store, ['police-a.p1', 'police-a.c1']);
 */
export async function subgraph(ctx: Context, store: Store, ids: readonly string[], opts: QueryOptions = {}): Promise<NetworkView> {
  const sub = await loadSubgraph(ctx, store, ids, opts);
  return toView(store.model, sub.graph, { nodes: ids, truncated: sub.truncated });
}

export interface PathsOptions extends QueryOptions {
  /** Longest path, in hops (1–10). Default 4. */
  maxHops?: number;
  /** 'shortest': every path of the least number of hops; 'all': every simple path up to maxHops. */
  mode?: 'shortest' | 'all';
  /** Most paths returned. Default 50. */
  limit?: number;
  /** Entities explored at most around each end before the search stops widening (the answer is then truncated). Default 2000. */
  maxNodes?: number;
}

export interface PathsAnswer {
  paths: GraphPath[];
  truncated: boolean;
  view: NetworkView;
}

/** Entities within `radius` links of `start`, widening layer by layer, at most `cap` of them. */
async function ball(
  ctx: Context,
  store: Store,
  start: string,
  radius: number,
  cap: number,
  opts: QueryOptions,
): Promise<{ nodes: Set<string>; truncated: boolean }> {
  const nodes = new Set([start]);
  let frontier = [start];
  let truncated = false;
  for (let d = 0; d < radius && frontier.length > 0 && !truncated; d++) {
    const near = await around(ctx, store, frontier, opts);
    truncated = near.truncated;
    const next: string[] = [];
    for (const f of frontier) {
      if (!near.graph.hasNode(f)) continue;
      for (const n of near.graph.neighbors(f)) {
        if (nodes.has(n)) continue;
        if (nodes.size >= cap) {
          truncated = true;
          break;
        }
        nodes.add(n);
        next.push(n);
      }
    }
    frontier = next;
  }
  return { nodes, truncated };
}

/**
 * Paths between two entities, searched from both ends (each path of at most maxHops hops has every node within
 * ⌈maxHops/2⌉ of `from` or ⌊maxHops/2⌋ of `to`), over what the caller may see under the filter.
 * @example const { paths, view } = await findPaths(ctx, store, 'police-a.p1', 'police-a.s1', { maxHops: 3, mode: 'all' });
 */
export async function findPaths(ctx: Context, store: Store, from: string, to: string, opts: PathsOptions = {}): Promise<PathsAnswer> {
  const maxHops = opts.maxHops ?? 4;
  const limit = opts.limit ?? 50;
  const cap = opts.maxNodes ?? 2000;
  const filter = asCompiled(opts.filter);
  const q = { ...opts, filter };
  const ends = new Set((await loadEntities(ctx, store, [from, to], filter)).map((e) => e.id));
  for (const id of [from, to]) if (!ends.has(id)) throw new NotFoundError('entity', id);
  const a = await ball(ctx, store, from, Math.ceil(maxHops / 2), cap, q);
  const b = await ball(ctx, store, to, Math.floor(maxHops / 2), cap, q);
  const sub = await loadSubgraph(ctx, store, [...a.nodes, ...b.nodes], q);
  const g = sub.graph;
  const directed = opts.directed ?? false;
  let paths: GraphPath[] = [];
  let cut = false;
  if (g.hasNode(from) && g.hasNode(to)) {
    let hops = maxHops;
    if (opts.mode !== 'all') {
      const shortest = shortestPath(g, from, to, { directed }).result;
      hops = shortest && shortest.edges.length <= maxHops ? shortest.edges.length : 0;
    }
    if (hops > 0 || from === to) {
      const found = simplePaths(g, from, to, { maxHops: Math.max(hops, 1), limit, directed }).result;
      paths = found.paths;
      cut = found.truncated;
    }
  }
  const nodes = [...new Set(paths.flatMap((p) => p.nodes))];
  const truncated = cut || a.truncated || b.truncated || sub.truncated;
  return { paths, truncated, view: toView(store.model, g, { nodes, ...(truncated ? { truncated } : {}) }) };
}
