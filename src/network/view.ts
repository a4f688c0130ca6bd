/** A graph (or a part of it) as the JSON the API answers and the web UI draws: NetworkView with nodes and edges. */
import type { Model } from '../model/schema.ts';
import { edgeSpec } from './build.ts';
import type { CorvidGraph, EdgeAttributes, NetworkEdge, NetworkNode, NetworkView } from './types.ts';

/**
 * Is the link directed in FtM's sense (a payment goes from payer to beneficiary, a family tie does not)? Holds
 * however the graph was built: an undirected graph for analysis still draws its payments with arrows.
 */
export function isDirectedLink(model: Model, attrs: Pick<EdgeAttributes, 'kind' | 'schema'>): boolean {
  if (attrs.kind === 'reference') return true;
  if (attrs.kind === 'shared-identifier') return false;
  return edgeSpec(model, attrs.schema)?.directed ?? false;
}

/** One edge of the graph as NetworkEdge. */
export function edgeJson(model: Model, graph: CorvidGraph, key: string): NetworkEdge {
  const attrs = graph.getEdgeAttributes(key);
  return { id: key, from: graph.source(key), to: graph.target(key), directed: isDirectedLink(model, attrs), ...attrs };
}

/**
 * The nodes given (all when absent) and the edges among them (or the edges given), as a NetworkView. Nodes not in
 * the graph are skipped; order follows the input, so answers are stable.
 * @example toView(model, graph, { nodes: [center, ...neighbours] })
 */
export function toView(model: Model, graph: CorvidGraph, opts: { nodes?: Iterable<string>; edges?: Iterable<string>; truncated?: boolean } = {}): NetworkView {
  const ids = opts.nodes ? [...new Set(opts.nodes)].filter((n) => graph.hasNode(n)) : graph.nodes();
  const inView = new Set(ids);
  const nodes: NetworkNode[] = ids.map((id) => ({ id, ...graph.getNodeAttributes(id) }));
  let keys: string[];
  if (opts.edges) keys = [...new Set(opts.edges)].filter((k) => graph.hasEdge(k));
  else if (!opts.nodes) keys = graph.edges();
  else {
    keys = [];
    graph.forEachEdge((key, _a, s, t) => {
      if (inView.has(s) && inView.has(t)) keys.push(key);
    });
  }
  const view: NetworkView = { nodes, edges: keys.map((k) => edgeJson(model, graph, k)) };
  if (opts.truncated) view.truncated = true;
  return view;
}
