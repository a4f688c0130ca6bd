/**
 * How far a centrality ranking can be trusted when the data are incomplete or wrong (Borgatti, Carley &
 * Krackhardt 2006): perturb the ties at random many times, recompute the measure, and compare rankings.
 */
import { ValidationError } from '../../errors.ts';
import type { Analysis, CorvidGraph, EdgeAttributes } from '../types.ts';
import { betweenness } from './betweenness.ts';
import { degreeCentrality } from './degree.ts';
import { eigenvector } from './eigenvector.ts';
import { checkNumber } from './guard.ts';
import { pagerank } from './pagerank.ts';
import { seeded, shuffle } from './random.ts';

export type StabilityMeasure = 'degree' | 'betweenness' | 'pagerank' | 'eigenvector';
/** remove: ties go missing; rewire: ties move to random unlinked pairs; both: half of each. */
export type PerturbationMode = 'remove' | 'rewire' | 'both';

export interface StabilityOptions {
  measure?: StabilityMeasure;
  /** Share of ties perturbed in each trial, from 0 to 1 (0.1–0.2 is a plausible level of error in field data). */
  perturbation?: number;
  mode?: PerturbationMode;
  trials?: number;
  /** Size of the top list compared (e.g. the ten most central). */
  top?: number;
  seed?: number;
}

export type StabilityParams = Required<StabilityOptions>;

export interface RankStability {
  /** Spearman rank correlation between the true and each perturbed ranking. */
  spearman: { mean: number; min: number };
  /** Share of the true top list still in the perturbed top list. */
  topOverlap: { mean: number; min: number };
  /** Each node's rank over the perturbed graphs (1 = most central; ties share the mean rank). */
  perNode: Record<string, { meanRank: number; sdRank: number }>;
}

export const STABILITY_CITATION =
  'Borgatti, S. P., Carley, K. M. & Krackhardt, D. (2006). On the robustness of centrality measures under conditions of imperfect data. Social Networks 28(2), 124–136.';

const MEASURES: readonly string[] = ['degree', 'betweenness', 'pagerank', 'eigenvector'];
const MODES: readonly string[] = ['remove', 'rewire', 'both'];

function measureOf(g: CorvidGraph, measure: StabilityMeasure): Record<string, number> {
  if (measure === 'degree') return degreeCentrality(g).result;
  if (measure === 'betweenness') return betweenness(g).result;
  if (measure === 'eigenvector') return eigenvector(g).result;
  return pagerank(g).result;
}

/**
 * Ranks from the highest value (rank 1) down; tied values share the mean of their ranks.
 * @example fractionalRanks([5, 9, 5, 1]) // [2.5, 1, 2.5, 4]
 */
export function fractionalRanks(values: readonly number[]): number[] {
  const idx = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && values[idx[j + 1]] === values[idx[i]]) j++;
    for (let t = i; t <= j; t++) ranks[idx[t]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/**
 * Spearman's ρ: the Pearson correlation of the two rank vectors (ties averaged). Two constant
 * rankings agree (1); a constant one against a varying one carries no order (0).
 * @example spearmanRho([1, 2, 3], [3, 2, 1]) // -1
 */
export function spearmanRho(x: readonly number[], y: readonly number[]): number {
  const rx = fractionalRanks(x);
  const ry = fractionalRanks(y);
  const n = rx.length;
  const mx = rx.reduce((s, v) => s + v, 0) / n;
  const my = ry.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return sxx === syy ? 1 : 0;
  return sxy / Math.sqrt(sxx * syy);
}

/** The `top` first node indices by value (stable: equal values keep node order). */
function topSet(values: readonly number[], top: number): Set<number> {
  return new Set(
    values
      .map((_, i) => i)
      .sort((a, b) => values[b] - values[a])
      .slice(0, top),
  );
}

/** A tie: an unordered pair of distinct nodes with all the edges between them (either direction). */
function tiesOf(g: CorvidGraph): { pairs: Set<string>; ties: string[][] } {
  const byPair = new Map<string, string[]>();
  g.forEachEdge((edge, _attrs, source, target) => {
    if (source === target) return;
    const key = source < target ? `${source}\u0000${target}` : `${target}\u0000${source}`;
    const list = byPair.get(key);
    if (list) list.push(edge);
    else byPair.set(key, [edge]);
  });
  return { pairs: new Set(byPair.keys()), ties: [...byPair.values()] };
}

/** A copy of `g` with a `share` of its ties, drawn at random, perturbed: removed, or moved with their edges to a random unlinked pair. */
function perturb(g: CorvidGraph, known: { pairs: Set<string>; ties: string[][] }, mode: PerturbationMode, share: number, next: () => number): CorvidGraph {
  const h = g.copy();
  const ties = known.ties;
  const pairs = new Set(known.pairs);
  const count = Math.round(share * ties.length);
  const order = shuffle(Int32Array.from(ties.keys()), next);
  const toRewire = mode === 'remove' ? 0 : mode === 'rewire' ? count : Math.floor(count / 2);
  const nodes = g.nodes();
  for (let k = 0; k < count; k++) {
    const edges = ties[order[k]];
    const moved: { attrs: EdgeAttributes; directed: boolean }[] = edges.map((e) => ({ attrs: { ...g.getEdgeAttributes(e) }, directed: g.isDirected(e) }));
    for (const e of edges) h.dropEdge(e);
    if (k >= toRewire || nodes.length < 2) continue;
    // A random pair with no tie yet; a few tries suffice unless the graph is nearly complete.
    for (let attempt = 0; attempt < 100; attempt++) {
      const a = nodes[Math.floor(next() * nodes.length)];
      const b = nodes[Math.floor(next() * nodes.length)];
      const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
      if (a === b || pairs.has(key)) continue;
      pairs.add(key);
      for (const m of moved) {
        if (m.directed) h.addDirectedEdge(a, b, m.attrs);
        else h.addUndirectedEdge(a, b, m.attrs);
      }
      break;
    }
  }
  return h;
}

function guard(p: StabilityParams): void {
  if (!MEASURES.includes(p.measure))
    throw new ValidationError('CORVID_ERR_VALIDATION', `invalid option measure: ${String(p.measure)}`, { option: 'measure', value: String(p.measure) });
  if (!MODES.includes(p.mode))
    throw new ValidationError('CORVID_ERR_VALIDATION', `invalid option mode: ${String(p.mode)}`, { option: 'mode', value: String(p.mode) });
  checkNumber('perturbation', p.perturbation, { min: 0, max: 1 });
  checkNumber('trials', p.trials, { integer: true, min: 1, max: 1000 });
  checkNumber('top', p.top, { integer: true, min: 1 });
  checkNumber('seed', p.seed, { integer: true });
}

const summary = (xs: number[]): { mean: number; min: number } => ({ mean: xs.reduce((s, x) => s + x, 0) / xs.length, min: Math.min(...xs) });

/**
 * Perturbs a share of the ties `trials` times (seeded, so repeatable) and compares the measure's
 * ranking on each perturbed copy with the ranking on the graph as recorded: Spearman's ρ over all
 * nodes, overlap of the top lists, and each node's rank spread. Ties are node pairs (direction and
 * parallel edges ignored; a moved tie keeps its edges' attributes). The measure runs with its defaults.
 * @example rankStability(g, { measure: 'betweenness', perturbation: 0.2 }).result.topOverlap.mean // 0.8: two of ten change
 */
export function rankStability(g: CorvidGraph, options: StabilityOptions = {}): Analysis<StabilityParams, RankStability> {
  const params: StabilityParams = {
    measure: options.measure ?? 'pagerank',
    perturbation: options.perturbation ?? 0.1,
    mode: options.mode ?? 'remove',
    trials: options.trials ?? 20,
    top: options.top ?? 10,
    seed: options.seed ?? 42,
  };
  guard(params);
  const ids = g.nodes();
  const truth = measureOf(g, params.measure);
  const base = ids.map((id) => truth[id] ?? 0);
  const baseTop = topSet(base, Math.min(params.top, ids.length));
  const known = tiesOf(g);
  const next = seeded(params.seed);
  const rhos: number[] = [];
  const overlaps: number[] = [];
  // Welford's running mean and sum of squared deviations: exact 0 spread when every trial agrees.
  const rankMean = new Float64Array(ids.length);
  const rankM2 = new Float64Array(ids.length);
  for (let t = 0; t < params.trials; t++) {
    const scores = measureOf(perturb(g, known, params.mode, params.perturbation, next), params.measure);
    const values = ids.map((id) => scores[id] ?? 0);
    rhos.push(spearmanRho(base, values));
    let shared = 0;
    for (const i of topSet(values, baseTop.size)) if (baseTop.has(i)) shared++;
    overlaps.push(baseTop.size === 0 ? 1 : shared / baseTop.size);
    fractionalRanks(values).forEach((r, i) => {
      const delta = r - rankMean[i];
      rankMean[i] += delta / (t + 1);
      rankM2[i] += delta * (r - rankMean[i]);
    });
  }
  const perNode: Record<string, { meanRank: number; sdRank: number }> = {};
  ids.forEach((id, i) => {
    perNode[id] = { meanRank: rankMean[i], sdRank: Math.sqrt(rankM2[i] / params.trials) };
  });
  return {
    algorithm: 'rank-stability',
    citation: STABILITY_CITATION,
    params,
    result: { spearman: summary(rhos), topOverlap: summary(overlaps), perNode },
  };
}
