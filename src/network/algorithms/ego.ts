/**
 * An entity's ego network: the entities within a number of hops and every link among them (the induced
 * sub-graph), as in Wasserman & Faust, "Social Network Analysis" (1994) §2.3 / Burt's ego-centred networks.
 */
import { NotFoundError } from '../../errors.ts';
import type { Analysis, CorvidGraph, EdgeAttributes } from '../types.ts';
import { checkNumber } from './guard.ts';

export interface EgoOptions {
  /** Radius in hops (0 = the centre alone); direction is ignored. */
  hops?: number;
  /** Most nodes kept, nearest first; `truncated` says when the radius held more. */
  maxNodes?: number;
}

export interface EgoParams extends Required<EgoOptions> {
  center: string;
}

export interface EgoNetwork {
  /** The centre first, then by distance (breadth-first order). */
  nodes: string[];
  /** Every edge (parallel ones and self-loops included) whose two ends are both kept. */
  edges: string[];
  truncated: boolean;
}

/**
 * The ego network of `center` within `hops` hops, ignoring edge direction.
 * @example egoNetwork(g, 'N12', { hops: 2 }).result.nodes // ['N12', …neighbours, …their neighbours]
 */
export function egoNetwork(g: CorvidGraph, center: string, options: EgoOptions = {}): Analysis<EgoParams, EgoNetwork> {
  const params: EgoParams = { center, hops: options.hops ?? 1, maxNodes: options.maxNodes ?? 2000 };
  if (!g.hasNode(center)) throw new NotFoundError('node', center);
  checkNumber('hops', params.hops, { integer: true, min: 0 });
  checkNumber('maxNodes', params.maxNodes, { integer: true, min: 1 });
  const kept = new Set([center]);
  let truncated = false;
  let frontier = [center];
  for (let d = 1; d <= params.hops && frontier.length > 0 && !truncated; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      for (const v of g.neighbors(u)) {
        if (kept.has(v)) continue;
        if (kept.size === params.maxNodes) {
          truncated = true;
          break;
        }
        kept.add(v);
        next.push(v);
      }
      if (truncated) break;
    }
    frontier = next;
  }
  const edges: string[] = [];
  for (const u of kept) {
    // Each edge is met from both ends; keep it once, from its source (or from either end of a self-loop).
    g.forEachEdge(u, (edge: string, _attrs: EdgeAttributes, source: string, target: string) => {
      if (source === u && kept.has(target)) edges.push(edge);
    });
  }
  return {
    algorithm: 'ego-network',
    citation: 'Wasserman & Faust, "Social Network Analysis: Methods and Applications", Cambridge University Press (1994), ego-centred networks',
    params,
    result: { nodes: [...kept], edges, truncated },
  };
}
