/**
 * Training as Splink does it (Linacre et al., "Splink", IJPDS 2022): u from random pairs; m by EM in
 * sessions, each over the pairs of one training blocking rule with the comparisons that rule forces to
 * agree left out (inside a block they say nothing about matching); each m averaged over the sessions
 * that could see it. The prior is then the share of all record pairs that match, found as the fixed
 * point of λ = Σ P(match | pair, λ) / all pairs over the candidate pairs (pairs never compared count
 * as non-matches), so every score is a true posterior over the whole data set.
 */
import { candidatePairs, type BlockingRule } from './blocking.ts';
import { estimateU, pairLevels, prng, trainEm, type FsModel } from './fellegi-sunter.ts';
import type { FamilySpec } from './families.ts';
import type { ResolveRecord } from './record.ts';

/** A training rule: blocking keys, and the comparisons whose agreement the block forces. */
export interface TrainingRule {
  rule: BlockingRule;
  excludes: readonly string[];
}

const PERSON_TRAINING: readonly TrainingRule[] = [
  {
    rule: {
      name: 'family name + initial',
      keys: (r, out) => void r.names.forEach((n) => n.surname && n.given && out.push(`${n.surname}|${n.given[0]}`)),
    },
    excludes: ['given name', 'family name'],
  },
  { rule: { name: 'birth date', keys: (r, out) => void (r.dateD && out.push(r.dateStr)) }, excludes: ['birth date'] },
  { rule: { name: 'identifier', keys: (r, out) => void out.push(...r.identifiers) }, excludes: ['identifier'] },
  { rule: { name: 'e-mail', keys: (r, out) => void out.push(...r.emails) }, excludes: ['e-mail'] },
  { rule: { name: 'phone', keys: (r, out) => void out.push(...r.phones) }, excludes: ['phone'] },
];

const ORG_TRAINING: readonly TrainingRule[] = [
  { rule: { name: 'name', keys: (r, out) => void r.names.forEach((n) => out.push(n.key)) }, excludes: ['name'] },
  { rule: { name: 'identifier', keys: (r, out) => void out.push(...r.identifiers) }, excludes: ['registration number'] },
  { rule: { name: 'e-mail', keys: (r, out) => void out.push(...r.emails) }, excludes: ['e-mail'] },
  { rule: { name: 'phone', keys: (r, out) => void out.push(...r.phones) }, excludes: ['phone'] },
];

const ADDRESS_TRAINING: readonly TrainingRule[] = [
  { rule: { name: 'postal code', keys: (r, out) => void out.push(...r.postcodes) }, excludes: ['postal code'] },
];

export const TRAINING_RULES: Readonly<Record<string, readonly TrainingRule[]>> = { person: PERSON_TRAINING, organization: ORG_TRAINING, address: ADDRESS_TRAINING };

export interface TrainOptions {
  uSample?: number;
  /** Pairs per EM session at most (a random subset beyond). Default 300,000: EM runs on patterns, more pairs add little. */
  sessionPairs?: number;
  maxBlock?: number;
  seed?: number;
}

/** Pairs already compared (sorted keys with the same stride) and their levels, K per pair. */
export interface KnownLevels {
  pairs: Float64Array;
  stride: number;
  levels: Uint8Array;
}

/** Position of `key` in the sorted `keys`, or -1. */
function find(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = keys[mid];
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Levels of the given pairs, with excluded comparisons set to 0 (ignored by EM). Most session pairs
 * are candidate pairs as well; their levels are copied rather than compared again.
 */
function sessionLevels(all: readonly ResolveRecord[], spec: FamilySpec, pairs: Float64Array, stride: number, excluded: readonly boolean[], known?: KnownLevels): Uint8Array {
  const K = spec.comparisons.length;
  const levels = new Uint8Array(pairs.length * K);
  const scratch = pairLevels(spec);
  const reuse = known && known.stride === stride ? known : undefined;
  for (let p = 0; p < pairs.length; p++) {
    const at = reuse ? find(reuse.pairs, pairs[p]) : -1;
    const src = at >= 0 ? (reuse as KnownLevels).levels.subarray(at * K, at * K + K) : scratch.levels;
    if (at < 0) spec.compare(all[Math.floor(pairs[p] / stride)], all[pairs[p] % stride], scratch);
    for (let k = 0; k < K; k++) levels[p * K + k] = excluded[k] ? 0 : src[k];
  }
  return levels;
}

function subsample(pairs: Float64Array, max: number, seed: number): Float64Array {
  if (pairs.length <= max) return pairs;
  const rand = prng(seed);
  const out = new Float64Array(max);
  // Reservoir sampling keeps the choice uniform and the memory bounded.
  for (let i = 0; i < pairs.length; i++) {
    if (i < max) out[i] = pairs[i];
    else {
      const j = Math.floor(rand() * (i + 1));
      if (j < max) out[j] = pairs[i];
    }
  }
  return out;
}

/**
 * Trains a family's model (m, u) on its records. λ is set later by `fitPrior` over the candidate pairs.
 * Comparisons no session can see keep the default m (strong agreement likely among matches).
 */
export function trainFamily(all: readonly ResolveRecord[], records: readonly ResolveRecord[], spec: FamilySpec, opts: TrainOptions = {}, known?: KnownLevels): FsModel {
  const { u, pairs: uPairs } = estimateU(records, spec, opts.uSample ?? 500_000, opts.seed ?? 1);
  const K = spec.comparisons.length;
  const sums = spec.comparisons.map((c) => new Float64Array(c.levels.length));
  const seen = new Float64Array(K);
  let iterations = 0;
  let sessionsPairs = 0;
  let patterns = 0;
  let converged = true;
  for (const t of TRAINING_RULES[spec.family] ?? []) {
    const excluded = spec.comparisons.map((c) => t.excludes.includes(c.name));
    const blocked = candidatePairs(records, [t.rule], { maxBlock: opts.maxBlock ?? 1000 });
    const pairs = subsample(blocked.pairs, opts.sessionPairs ?? 300_000, opts.seed ?? 1);
    if (pairs.length < 50) continue;
    const levels = sessionLevels(all, spec, pairs, blocked.stride, excluded, known);
    const em = trainEm(spec, levels, u);
    iterations += em.em.iterations;
    sessionsPairs += pairs.length;
    patterns += em.em.patterns;
    converged &&= em.em.converged;
    for (let k = 0; k < K; k++) {
      if (excluded[k]) continue;
      // A session that never saw the comparison filled (all missing) has nothing to say about it.
      let observed = 0;
      for (let p = 0; p < pairs.length; p++) if (levels[p * K + k] !== 0) observed++;
      if (observed < 20) continue;
      for (let l = 1; l < em.m[k].length; l++) sums[k][l] += em.m[k][l];
      seen[k]++;
    }
  }
  const m = spec.comparisons.map((c, k) => {
    if (!seen[k]) return defaultM(c.levels.length);
    return Array.from(sums[k], (x, l) => (l === 0 ? 1 : x / seen[k]));
  });
  return {
    family: spec.family,
    comparisons: spec.comparisons.map((c, k) => ({ name: c.name, levels: [...c.levels], m: m[k], u: u[k], tfLevel: c.tfLevel })),
    lambda: 1e-6, em: { iterations, converged, pairs: sessionsPairs, patterns }, uSample: uPairs,
  };
}

/** Default m without training data: most matches agree exactly, few disagree. */
export function defaultM(levels: number): number[] {
  const m = [1];
  for (let l = 1; l < levels; l++) m.push(l === levels - 1 ? 0.05 : 0.95 * 0.5 ** l);
  const total = m.slice(1).reduce((a, b) => a + b, 0);
  return m.map((x, l) => (l === 0 ? 1 : x / total));
}

/**
 * The prior: λ such that λ × (all pairs) equals the expected number of matches among the candidate
 * pairs given λ. `bayesFactors` are the candidate pairs' log₂ Bayes factors (without prior).
 */
export function fitPrior(log2Bf: Float32Array, records: number): number {
  const all = Math.max(1, (records * (records - 1)) / 2);
  let lambda = Math.min(0.5, Math.max(1 / all, log2Bf.length / all / 10));
  for (let it = 0; it < 100; it++) {
    const odds = lambda / (1 - lambda);
    let expected = 0;
    for (let i = 0; i < log2Bf.length; i++) {
      const o = odds * 2 ** log2Bf[i];
      expected += o / (1 + o);
    }
    const next = Math.min(0.5, Math.max(1 / all, expected / all));
    if (Math.abs(next - lambda) <= lambda * 1e-6) return next;
    lambda = next;
  }
  return lambda;
}
