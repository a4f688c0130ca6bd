/**
 * Fellegi–Sunter record linkage (Fellegi & Sunter, JASA 1969) as Splink runs it: u probabilities from
 * random record pairs, m probabilities and the share of matches among candidate pairs by
 * expectation–maximisation (Winkler 1988; Dempster, Laird & Rubin 1977) over comparison patterns,
 * exact-match weights adjusted by term frequency, and a match weight that is the sum of each
 * comparison's log₂ Bayes factor, so every score explains itself.
 */
import type { PairComparer } from './compare-pool.ts';
import type { FamilySpec } from './families.ts';
import type { PairLevels } from './levels.ts';
import type { ResolveRecord } from './record.ts';
import { mulberry32 } from '../../model/random.ts';

/** A trained model for one family: per comparison, m and u for each level (level 0 = missing is unused). */
export interface FsModel {
  family: string;
  comparisons: { name: string; levels: string[]; m: number[]; u: number[]; tfLevel?: number }[];
  /** Share of matches among candidate pairs (the prior of a compared pair). */
  lambda: number;
  em: { iterations: number; converged: boolean; pairs: number; patterns: number };
  uSample: number;
}

/** Deterministic PRNG (mulberry32, src/model/random.ts) so sampling, and therefore results, repeat exactly. */
export const prng = mulberry32;

/** A scratch PairLevels for a spec. */
export function pairLevels(spec: FamilySpec): PairLevels {
  return { levels: new Uint8Array(spec.comparisons.length), tfValues: spec.comparisons.map(() => '') };
}

/**
 * u probabilities: level frequencies among random pairs of records, which are almost all
 * non-matches. Counts are smoothed by half an observation so that a level never seen (e.g. an
 * identical passport number) gets a very small u rather than zero.
 */
export function estimateU(records: readonly ResolveRecord[], spec: FamilySpec, sample: number, seed = 1, compare?: PairComparer): { u: number[][]; pairs: number } {
  const n = records.length;
  const K = spec.comparisons.length;
  const counts = spec.comparisons.map((c) => new Float64Array(c.levels.length));
  const scratch = pairLevels(spec);
  const all = (n * (n - 1)) / 2;
  let pairs = 0;
  const add = (a: ResolveRecord, b: ResolveRecord): void => {
    spec.compare(a, b, scratch);
    for (let k = 0; k < K; k++) counts[k][scratch.levels[k]]++;
    pairs++;
  };
  if (all <= sample) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) add(records[i], records[j]);
  } else if (compare) {
    // The same random pairs, compared as one job (on two threads when it is large).
    let stride = 2;
    for (const r of records) while (r.idx >= stride) stride *= 2;
    const keys = new Float64Array(sample);
    const rand = prng(seed);
    while (pairs < sample) {
      const i = Math.floor(rand() * n);
      const j = Math.floor(rand() * n);
      if (i !== j) keys[pairs++] = records[i].idx * stride + records[j].idx;
    }
    const { levels } = compare(keys, stride);
    for (let p = 0; p < sample; p++) for (let k = 0; k < K; k++) counts[k][levels[p * K + k]]++;
  } else {
    const rand = prng(seed);
    while (pairs < sample) {
      const i = Math.floor(rand() * n);
      const j = Math.floor(rand() * n);
      if (i !== j) add(records[i], records[j]);
    }
  }
  const u = counts.map((c) => {
    const seen = c.length - 1;
    let total = 0;
    for (let l = 1; l < c.length; l++) total += c[l];
    return Array.from(c, (x, l) => (l === 0 ? 1 : (x + 0.5) / (total + 0.5 * seen)));
  });
  return { u, pairs };
}

/** Initial m: most weight on the best level, little on "different", before EM learns the real values. */
function initialM(levels: number): number[] {
  const m = [1];
  const rest = levels - 1;
  for (let l = 1; l <= rest; l++) m.push(l === rest ? 0.05 : 0.95 * 0.6 ** (l - 1));
  const total = m.slice(1).reduce((a, b) => a + b, 0);
  return m.map((x, l) => (l === 0 ? 1 : x / total));
}

/**
 * EM over the distinct comparison patterns of the candidate pairs, u held fixed: the E-step gives
 * each pattern its match probability, the M-step re-estimates m (over non-missing levels) and λ.
 */
export function trainEm(
  spec: FamilySpec, levels: Uint8Array, u: number[][], opts: { maxIterations?: number; tolerance?: number } = {},
): Pick<FsModel, 'lambda' | 'em'> & { m: number[][] } {
  const K = spec.comparisons.length;
  const nPairs = levels.length / K;
  const patterns = new Map<number, number>();
  for (let p = 0; p < nPairs; p++) {
    let key = 0;
    for (let k = 0; k < K; k++) key = key * 8 + levels[p * K + k];
    patterns.set(key, (patterns.get(key) ?? 0) + 1);
  }
  const pats = [...patterns.entries()].map(([key, count]) => {
    const ls = new Uint8Array(K);
    for (let k = K - 1, x = key; k >= 0; k--, x = Math.floor(x / 8)) ls[k] = x % 8;
    return { ls, count };
  });
  let m = spec.comparisons.map((c) => initialM(c.levels.length));
  let lambda = 0.1;
  const maxIt = opts.maxIterations ?? 100;
  const tol = opts.tolerance ?? 1e-6;
  let it = 0;
  let converged = false;
  while (it < maxIt && !converged) {
    it++;
    const mSum = m.map((row) => new Float64Array(row.length));
    let matchTotal = 0;
    for (const { ls, count } of pats) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (let k = 0; k < K; k++) {
        const l = ls[k];
        if (l === 0) continue;
        pm *= m[k][l];
        pu *= u[k][l];
      }
      const post = pm / (pm + pu);
      const w = post * count;
      matchTotal += w;
      for (let k = 0; k < K; k++) if (ls[k] !== 0) mSum[k][ls[k]] += w;
    }
    const next = mSum.map((row) => {
      let total = 0;
      for (let l = 1; l < row.length; l++) total += row[l];
      return Array.from(row, (x, l) => (l === 0 ? 1 : total > 0 ? Math.max(x / total, 1e-6) : 1 / (row.length - 1)));
    });
    const nextLambda = Math.min(Math.max(matchTotal / nPairs, 1e-9), 1 - 1e-9);
    let delta = Math.abs(nextLambda - lambda);
    for (let k = 0; k < K; k++) for (let l = 1; l < next[k].length; l++) delta = Math.max(delta, Math.abs(next[k][l] - m[k][l]));
    m = next;
    lambda = nextLambda;
    converged = delta < tol;
  }
  return { m, lambda, em: { iterations: it, converged, pairs: nPairs, patterns: pats.length } };
}

/** log₂ Bayes factors per comparison and level, from a model. */
export function logFactors(model: FsModel): Float64Array[] {
  return model.comparisons.map((c) => Float64Array.from(c.m, (m, l) => (l === 0 ? 0 : Math.log2(m / c.u[l]))));
}

/** Match weight (log₂ odds) → probability. */
export function probability(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/** One comparison's part in a pair's score: the "why" shown to the analyst. */
export interface Contribution {
  comparison: string;
  level: string;
  /** log₂ Bayes factor (bits of evidence); positive for, negative against. */
  weight: number;
  /** Present when an exact match on a rare or common value was adjusted: the value's frequency. */
  termFrequency?: number;
}

export interface PairExplanation {
  probability: number;
  weight: number;
  prior: number;
  contributions: Contribution[];
}

/** Term-frequency adjustment of an exact match: log₂(u_exact / tf(value)), tf floored at one record. */
export function tfAdjustment(uExact: number, tf: number): number {
  return tf > 0 ? Math.log2(uExact / tf) : 0;
}

/**
 * Explains one pair: the prior, then each comparison's level and bits, summing to the weight.
 * `tf[k]` is the frequency of the agreeing value for tf comparisons at their tf level (else 0).
 */
export function explainPair(model: FsModel, factors: Float64Array[], levels: ArrayLike<number>, tf: ArrayLike<number>): PairExplanation {
  const prior = Math.log2(model.lambda / (1 - model.lambda));
  let weight = prior;
  const contributions: Contribution[] = [];
  model.comparisons.forEach((c, k) => {
    const l = levels[k];
    let w = factors[k][l];
    const item: Contribution = { comparison: c.name, level: c.levels[l], weight: 0 };
    if (c.tfLevel === l && tf[k] > 0) {
      w += tfAdjustment(c.u[l], tf[k]);
      item.termFrequency = tf[k];
    }
    item.weight = Math.round(w * 100) / 100;
    weight += w;
    contributions.push(item);
  });
  return { probability: probability(weight), weight, prior, contributions };
}
