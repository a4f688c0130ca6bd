/**
 * Key players, negative problem (KPP-Neg, Borgatti 2006): the k nodes whose removal fragments the network
 * most, found greedily one node at a time, scored by fragmentation F or distance-weighted fragmentation DF.
 */
import { ValidationError } from '../../errors.ts';
import type { Analysis, CorvidGraph } from '../types.ts';
import { undirectedView, type Csr } from './csr.ts';
import { distanceFragmentationOf, fragmentationOf, FRAGMENTATION_CITATION } from './fragmentation.ts';
import { checkNumber } from './guard.ts';

export type KeyPlayerMeasure = 'fragmentation' | 'distance-fragmentation';

export interface KeyPlayerOptions {
  /** How many key players to pick (1 to the number of nodes). */
  k?: number;
  /** F (who can no longer reach whom) or DF (also how far apart the rest drift). */
  measure?: KeyPlayerMeasure;
}

export type KeyPlayerParams = Required<KeyPlayerOptions>;

export interface KeyPlayers {
  /** In the order picked: each one the best to remove given those before it. */
  players: string[];
  /** The measure on the whole network. */
  before: number;
  /** The measure once every player is removed. */
  after: number;
  /** The measure after each removal (the last equals `after`). */
  steps: { removed: string; score: number }[];
}

const MEASURES: readonly KeyPlayerMeasure[] = ['fragmentation', 'distance-fragmentation'];

/** Degree of `v` among the nodes not removed: breaks ties between equally fragmenting candidates. */
function liveDegree(csr: Csr, removed: Uint8Array, v: number): number {
  let d = 0;
  for (let p = csr.offsets[v]; p < csr.offsets[v + 1]; p++) if (!removed[csr.targets[p]]) d++;
  return d;
}

/**
 * Greedy KPP-Neg: at each of `k` steps, removes the node that makes the measure highest given the
 * nodes already removed (ties: higher remaining degree, then graph order). Undirected simple view:
 * direction, weights, parallel edges and self-loops ignored. Borgatti improves a random start set by
 * swaps; this sequential greedy is deterministic and reports each step, so an analyst sees the marginal
 * effect of every removal. Cost: k·n evaluations of O(n + m) for F, O(n·m) for DF.
 * @example keyPlayersNeg(g, { k: 3 }).result.players // the three whose arrest splits the network most
 */
export function keyPlayersNeg(g: CorvidGraph, options: KeyPlayerOptions = {}): Analysis<KeyPlayerParams, KeyPlayers> {
  const params: KeyPlayerParams = { k: options.k ?? 5, measure: options.measure ?? 'fragmentation' };
  if (!MEASURES.includes(params.measure)) {
    throw new ValidationError('CORVID_ERR_VALIDATION', `invalid option measure: ${String(params.measure)}`, {
      option: 'measure',
      value: String(params.measure),
    });
  }
  checkNumber('k', params.k, { integer: true, min: 1, max: g.order });
  const csr = undirectedView(g, false);
  const score = params.measure === 'fragmentation' ? fragmentationOf : distanceFragmentationOf;
  const removed = new Uint8Array(csr.n);
  const before = score(csr, removed);
  const steps: { removed: string; score: number }[] = [];
  for (let step = 0; step < params.k; step++) {
    let best = -1;
    let bestScore = -Infinity;
    let bestDegree = -1;
    for (let v = 0; v < csr.n; v++) {
      if (removed[v]) continue;
      removed[v] = 1;
      const s = score(csr, removed);
      removed[v] = 0;
      // Scores are sums of fractions: treat near-equal as a tie rather than trust the last bits.
      if (s > bestScore + 1e-12) {
        best = v;
        bestScore = s;
        bestDegree = liveDegree(csr, removed, v);
      } else if (s > bestScore - 1e-12) {
        const d = liveDegree(csr, removed, v);
        if (d > bestDegree) {
          best = v;
          bestScore = s;
          bestDegree = d;
        }
      }
    }
    removed[best] = 1;
    steps.push({ removed: csr.ids[best], score: bestScore });
  }
  return {
    algorithm: 'key-players-neg',
    citation: FRAGMENTATION_CITATION,
    params,
    result: { players: steps.map((s) => s.removed), before, after: steps[steps.length - 1].score, steps },
  };
}
