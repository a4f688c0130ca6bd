/**
 * One analysis over the network a caller may see, as the API and the CLI run it: among given entities (a
 * sub-graph), or over the whole network — as an edge list when the analysis takes one (no graphology graph for a
 * million edges), else as a graph.
 */
import type { Context } from '../model/context.ts';
import type { Store } from '../store/port.ts';
import { checkParams, getAnalysis, runAnalysis, runOnEdgeList } from './analyses.ts';
import type { SkippedIdentifier } from './build.ts';
import { loadEdgeList, loadGraph, loadSubgraph, type LoadOptions } from './load.ts';
import type { Analysis } from './types.ts';

export interface AnalyzeRequest extends Omit<LoadOptions, 'batchSize'> {
  algorithm: string;
  params?: Record<string, unknown>;
  /** Only the network among these entities. */
  ids?: readonly string[];
}

export interface AnalyzeOutcome {
  analysis: Analysis<unknown, unknown>;
  graph: { nodes: number; edges: number; skipped: SkippedIdentifier[] };
  /** The label of a node of the analysed network (its id when unknown). */
  label: (id: string) => string;
}

/**
 * Loads the network and runs the analysis; unknown algorithms and bad parameters fail before anything is read.
 * @example const { analysis } = await analyzeNetwork(ctx, store, { algorithm: 'pagerank', filter: { schemata: ['Call'] } });
 */
export async function analyzeNetwork(ctx: Context, store: Store, req: AnalyzeRequest): Promise<AnalyzeOutcome> {
  const spec = getAnalysis(req.algorithm);
  const { algorithm: _a, params = {}, ids, ...opts } = req;
  if (ids) checkParams(spec, params);
  if (!ids && spec.runEdges) {
    checkParams(spec, params); // before loading, so a typo costs nothing
    const { edges, skipped } = await loadEdgeList(ctx, store, opts);
    const index = new Map(edges.ids.map((id, i) => [id, i]));
    return {
      analysis: runOnEdgeList(edges, spec.name, params),
      graph: { nodes: edges.ids.length, edges: edges.size, skipped },
      label: (id) => edges.labels[index.get(id) ?? -1] ?? id,
    };
  }
  const { graph, skipped } = ids ? await loadSubgraph(ctx, store, ids, opts) : await loadGraph(ctx, store, opts);
  return {
    analysis: runAnalysis(graph, spec.name, params),
    graph: { nodes: graph.order, edges: graph.size, skipped },
    label: (id) => (graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id),
  };
}
