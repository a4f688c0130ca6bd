/**
 * Robustness curve of a network under targeted removal (Albert, Jeong & Barabási 2000; recomputed
 * "adaptive" attacks as in Holme et al. 2002): the largest component and the global efficiency
 * (Latora & Marchiori 2001) after removing the top nodes one at a time.
 */
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { Analysis, CorvidGraph } from '../types.ts';
import { betweenness } from './betweenness.ts';
import { connectedComponents } from './components.ts';
import { degreeCentrality } from './degree.ts';
import { globalEfficiency } from './efficiency.ts';
import { checkBoolean, checkNumber } from './guard.ts';
import { keyPlayersNeg } from './keyplayer.ts';
import { pagerank } from './pagerank.ts';

export type RobustnessStrategy = 'degree' | 'betweenness' | 'pagerank' | 'keyplayer';

export interface RobustnessOptions {
  /** Who goes first: highest degree, betweenness or PageRank, greedy key players (KPP-Neg), or an explicit list of node ids. */
  order?: RobustnessStrategy | string[];
  /** How many nodes to remove, one per point (fewer when the graph or the list runs out). */
  steps?: number;
  /** Recompute the measure on what is left after each removal (ignored for key players and explicit lists). */
  adaptive?: boolean;
}

export type RobustnessParams = Required<RobustnessOptions>;

export interface RobustnessPoint {
  /** Nodes removed so far (0 for the intact network). */
  removed: number;
  removedIds: string[];
  /** Nodes in the largest connected component left (direction ignored). */
  largestComponent: number;
  /** `largestComponent` as a share of the original number of nodes (Albert et al.'s S). */
  largestShare: number;
  /** Global efficiency of the remaining network. */
  efficiency: number;
}

export interface RobustnessCurve {
  /** The removal order actually used. */
  order: string[];
  points: RobustnessPoint[];
}

export const ROBUSTNESS_CITATION =
  'Albert, R., Jeong, H. & Barabási, A.-L. (2000). Error and attack tolerance of complex networks. Nature 406, 378–382; ' +
  'Latora, V. & Marchiori, M. (2001). Efficient behavior of small-world networks. Physical Review Letters 87, 198701; ' +
  'Holme, P., Kim, B. J., Yoon, C. N. & Han, S. K. (2002). Attack vulnerability of complex networks. Physical Review E 65, 056109.';

const STRATEGIES: readonly string[] = ['degree', 'betweenness', 'pagerank', 'keyplayer'];

/** The measure's scores with its defaults (unweighted, exact). */
function scores(g: CorvidGraph, strategy: 'degree' | 'betweenness' | 'pagerank'): Record<string, number> {
  if (strategy === 'degree') return degreeCentrality(g).result;
  if (strategy === 'betweenness') return betweenness(g).result;
  return pagerank(g).result;
}

/** Node ids by score, highest first; equal scores keep graph order (a stable sort). */
function ranked(g: CorvidGraph, score: Record<string, number>): string[] {
  return g.nodes().sort((a, b) => (score[b] ?? 0) - (score[a] ?? 0));
}

function point(h: CorvidGraph, n: number, removedIds: readonly string[]): RobustnessPoint {
  const largestComponent = connectedComponents(h).result.components[0]?.length ?? 0;
  return {
    removed: removedIds.length,
    removedIds: [...removedIds],
    largestComponent,
    largestShare: n === 0 ? 0 : largestComponent / n,
    efficiency: globalEfficiency(h).result,
  };
}

function guard(g: CorvidGraph, params: RobustnessParams): void {
  checkNumber('steps', params.steps, { integer: true, min: 1 });
  checkBoolean('adaptive', params.adaptive);
  if (Array.isArray(params.order)) {
    const seen = new Set<string>();
    for (const id of params.order) {
      if (typeof id !== 'string' || !g.hasNode(id)) throw new NotFoundError('node', String(id));
      if (seen.has(id)) throw new ValidationError('CORVID_ERR_VALIDATION', `node listed twice in order: ${id}`, { option: 'order', value: id });
      seen.add(id);
    }
  } else if (!STRATEGIES.includes(params.order)) {
    throw new ValidationError('CORVID_ERR_VALIDATION', `invalid option order: ${String(params.order)}`, { option: 'order', value: String(params.order) });
  }
}

/**
 * Removes nodes one at a time in the chosen order and records, after each removal, the largest
 * component and the global efficiency of what is left — the curve an analyst compares between
 * strategies (which arrests would disrupt the network most). Point 0 is the intact network.
 * @example robustnessCurve(g, { order: 'betweenness', steps: 10 }).result.points.map((p) => p.largestShare)
 */
export function robustnessCurve(g: CorvidGraph, options: RobustnessOptions = {}): Analysis<RobustnessParams, RobustnessCurve> {
  const chosen = options.order ?? 'degree';
  const params: RobustnessParams = { order: Array.isArray(chosen) ? [...chosen] : chosen, steps: options.steps ?? 20, adaptive: options.adaptive ?? false };
  guard(g, params);
  const n = g.order;
  const strategy = params.order;
  // A fixed order is known up front; an adaptive attack picks each next node on what is left.
  let fixed: string[] | undefined;
  if (Array.isArray(strategy)) fixed = strategy;
  else if (strategy === 'keyplayer') fixed = n === 0 ? [] : keyPlayersNeg(g, { k: Math.min(params.steps, n) }).result.players;
  else if (!params.adaptive) fixed = ranked(g, scores(g, strategy));
  const measure = strategy === 'degree' || strategy === 'betweenness' || strategy === 'pagerank' ? strategy : 'degree';
  const h = g.copy();
  const order: string[] = [];
  const points = [point(h, n, order)];
  while (order.length < params.steps && h.order > 0) {
    const next = fixed ? fixed[order.length] : ranked(h, scores(h, measure))[0];
    if (next === undefined) break;
    h.dropNode(next);
    order.push(next);
    points.push(point(h, n, order));
  }
  return { algorithm: 'robustness-curve', citation: ROBUSTNESS_CITATION, params, result: { order, points } };
}
