/**
 * Graph building, the I/O part: reads visible statements from the store in the caller's Context (the store
 * enforces compartments and TLP), applies the filter's statement part, assembles entities and feeds them to a
 * GraphBuilder. Whole-store graphs stream (iterateStatements): memory holds the graph, not the statements.
 */
import type { Context } from '../model/context.ts';
import type { Model } from '../model/schema.ts';
import type { Entity, Statement } from '../model/statement.ts';
import { assembleEntity } from '../model/statement.ts';
import type { Store } from '../store/port.ts';
import { edgeSpec, GraphBuilder, inFirstSeenOrder, type BuildOptions, type BuildResult, type SkippedIdentifier } from './build.ts';
import { asCompiled, type CompiledFilter, type NetworkFilter } from './filter.ts';
import { EdgeListSink, type LabelledEdgeList } from './sink.ts';

/** Ids per statement query: keeps the bound parameter lists modest on both backends. */
const ID_CHUNK = 500;
/** Links read per entity (getLinks); a hub with more is cut there and the answer marked truncated. */
export const LINK_LIMIT = 5_000;

export interface LoadOptions extends Omit<BuildOptions, 'filter'> {
  filter?: NetworkFilter | CompiledFilter;
  /** Statements per store batch (default 10,000). */
  batchSize?: number;
}

/** A build result from the store, with whether a limit cut it short. */
export interface LoadResult extends BuildResult {
  truncated: boolean;
}

/**
 * Visible entities, assembled from the statements that pass the filter, streamed from a statement stream ordered
 * by entity id (as the store's iterateStatements yields it).
 */
export async function* entitiesOf(model: Model, batches: AsyncIterable<Statement[]>, filter: CompiledFilter): AsyncGenerator<Entity> {
  let current: Statement[] = [];
  const flush = (): Entity | undefined => {
    if (current.length === 0) return undefined;
    const e = assembleEntity(model, inFirstSeenOrder(current));
    current = [];
    return e;
  };
  for await (const batch of batches) {
    for (const s of batch) {
      if (!filter.allStatements && !filter.statement(s)) continue;
      if (current.length > 0 && current[0]?.entityId !== s.entityId) {
        const e = flush();
        if (e) yield e;
      }
      current.push(s);
    }
  }
  const e = flush();
  if (e) yield e;
}

/** The visible entities among `ids` (others are absent), after the filter's statement part. */
export async function loadEntities(ctx: Context, store: Store, ids: Iterable<string>, filter: CompiledFilter): Promise<Entity[]> {
  const all = [...new Set(ids)];
  const out: Entity[] = [];
  for (let i = 0; i < all.length; i += ID_CHUNK) {
    const entityIds = all.slice(i, i + ID_CHUNK);
    const where = { entityIds, ...(filter.filter.datasets ? { datasets: filter.filter.datasets } : {}) };
    for await (const e of entitiesOf(store.model, store.iterateStatements(ctx, where), filter)) out.push(e);
  }
  return out;
}

/**
 * The graph of everything the caller may see (within the filter's datasets), streamed from the store.
 * @example const { graph, skipped } = await loadGraph(ctx, store, { filter: { from: '2021-01-01' } });
 */
export async function loadGraph(ctx: Context, store: Store, options: LoadOptions = {}): Promise<LoadResult> {
  const filter = asCompiled(options.filter);
  const b = new GraphBuilder(store.model, { ...options, filter });
  const where = filter.filter.datasets ? { datasets: filter.filter.datasets } : {};
  for await (const e of entitiesOf(store.model, store.iterateStatements(ctx, where, options.batchSize), filter)) b.add(e);
  return { ...b.finish(), truncated: false };
}

/**
 * The whole network the caller may see as an edge list (for the analyses that take one, `takesEdgeList`): the same
 * nodes and edges as `loadGraph`, without a graphology graph's objects.
 * @example const { edges } = await loadEdgeList(ctx, store, { filter: { schemata: ['Call'] } });
 */
export async function loadEdgeList(ctx: Context, store: Store, options: LoadOptions = {}): Promise<{ edges: LabelledEdgeList; skipped: SkippedIdentifier[] }> {
  const filter = asCompiled(options.filter);
  const b = new GraphBuilder(store.model, { ...options, filter }, new EdgeListSink());
  const where = filter.filter.datasets ? { datasets: filter.filter.datasets } : {};
  for await (const e of entitiesOf(store.model, store.iterateStatements(ctx, where, options.batchSize), filter)) b.add(e);
  return b.finishEdgeList();
}

/**
 * The graph among the given entities: those the caller may see as nodes, and every link between two of them
 * (interstitial entities found through the store's reverse references, references, shared identifiers).
 * @example const { graph } = await loadSubgraph(ctx, store, ['police-a.p1', 'police-a.c1']);
 */
export async function loadSubgraph(ctx: Context, store: Store, ids: Iterable<string>, options: LoadOptions = {}): Promise<LoadResult> {
  const filter = asCompiled(options.filter);
  const nodes = new Set(ids);
  const entities = await loadEntities(ctx, store, nodes, filter);
  const edgeIds = new Set<string>();
  let truncated = false;
  for (const e of entities) {
    const links = await store.getLinks(ctx, e.id, LINK_LIMIT);
    if (links.length >= LINK_LIMIT) truncated = true;
    for (const l of links) if (!nodes.has(l.entity.id) && edgeSpec(store.model, l.entity.schema)) edgeIds.add(l.entity.id);
  }
  const b = new GraphBuilder(store.model, { ...options, filter, nodes });
  for (const e of entities) b.add(e);
  for (const e of await loadEntities(ctx, store, edgeIds, filter)) b.add(e);
  return { ...b.finish(), truncated };
}
