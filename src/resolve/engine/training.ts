/**
 * Training as Splink does it (Linacre et al., "Splink", IJPDS 2022): u from random pairs; m by EM in
 * sessions, each over the pairs of one training blocking rule with the comparisons that rule forces to
 * agree left out (inside a block they say nothing about matching); each m averaged over the sessions
 * that could see it. The prior is then the share of all record pairs that match, found as the fixed
 * point of λ = Σ P(match | pair, λ) / all pairs over the candidate pairs (pairs never compared count
 * as non-matches), so every score is a true posterior over the whole data set.
 */
import { blocksOf, strideOf, type BlockingRule } from './blocking.ts';
import { estimateU, pairLevels, prng, trainEm, type FsModel } from './fellegi-sunter.ts';
import type { PairComparer } from './compare-pool.ts';
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
function sessionLevels(
  all: readonly ResolveRecord[], spec: FamilySpec, pairs: Float64Array, stride: number, excluded: readonly boolean[], known?: KnownLevels, compare?: PairComparer,
): Uint8Array {
  const K = spec.comparisons.length;
  const levels = new Uint8Array(pairs.length * K);
  const reuse = known && known.stride === stride ? known : undefined;
  const missing: number[] = [];
  for (let p = 0; p < pairs.length; p++) {
    const at = reuse ? find(reuse.pairs, pairs[p]) : -1;
    if (at < 0) {
      missing.push(p);
      continue;
    }
    const src = (reuse as KnownLevels).levels;
    for (let k = 0; k < K; k++) levels[p * K + k] = excluded[k] ? 0 : src[at * K + k];
  }
  const keys = Float64Array.from(missing, (p) => pairs[p]);
  const compared = compare ? compare(keys, stride).levels : compareHere(all, spec, keys, stride);
  missing.forEach((p, i) => {
    for (let k = 0; k < K; k++) levels[p * K + k] = excluded[k] ? 0 : compared[i * K + k];
  });
  return levels;
}

/** Levels of the pairs on this thread. */
function compareHere(all: readonly ResolveRecord[], spec: FamilySpec, keys: Float64Array, stride: number): Uint8Array {
  const K = spec.comparisons.length;
  const out = new Uint8Array(keys.length * K);
  const scratch = pairLevels(spec);
  for (let p = 0; p < keys.length; p++) {
    spec.compare(all[Math.floor(keys[p] / stride)], all[keys[p] % stride], scratch);
    out.set(scratch.levels, p * K);
  }
  return out;
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

/** Session pairs are listed in full up to this many (then subsampled); past it they are sampled block by block. */
const LIST_UP_TO = 3_000_000;

/**
 * The pairs of one training session: every pair of the rule's blocks, or a uniform random `max` of them.
 * Large data (a birth date shared by a thousand records at ten million) would make tens of millions of
 * session pairs only to keep 300,000, so past LIST_UP_TO each pair is kept with probability max/total,
 * drawn by geometric skips over the blocks' pairs in order (Bernoulli sampling without listing them).
 */
export function sessionPairs(records: readonly ResolveRecord[], rule: BlockingRule, max: number, maxBlock: number, seed: number): { pairs: Float64Array; stride: number } {
  const blocks = [...blocksOf(records, rule.keys).values()].filter((l) => l.length >= 2 && l.length <= maxBlock);
  let total = 0;
  for (const l of blocks) total += (l.length * (l.length - 1)) / 2;
  const stride = strideOf(records);
  if (total <= Math.max(LIST_UP_TO, max)) {
    const listed: number[] = [];
    for (const list of blocks) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const a = records[list[i]].idx;
          const b = records[list[j]].idx;
          if (a !== b) listed.push(a < b ? a * stride + b : b * stride + a);
        }
      }
    }
    return { pairs: subsample(sortedUnique(listed), max, seed), stride };
  }
  const rand = prng(seed);
  const logMiss = Math.log(1 - max / total);
  const skip = (): number => Math.floor(Math.log(1 - rand()) / logMiss);
  const out: number[] = [];
  let next = skip();
  let base = 0;
  for (const list of blocks) {
    const s = list.length;
    const count = (s * (s - 1)) / 2;
    let row = 0;
    let rowStart = 0;
    while (next < base + count) {
      const t = next - base;
      while (t >= rowStart + s - 1 - row) rowStart += s - 1 - row++;
      const a = records[list[row]].idx;
      const b = records[list[row + 1 + t - rowStart]].idx;
      if (a !== b) out.push(a < b ? a * stride + b : b * stride + a);
      next += 1 + skip();
    }
    base += count;
  }
  return { pairs: subsample(sortedUnique(out), max, seed), stride };
}

function sortedUnique(keys: number[]): Float64Array {
  const sorted = Float64Array.from(keys).sort();
  let w = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[w++] = sorted[i];
  return sorted.slice(0, w);
}

/**
 * Trains a family's model (m, u) on its records. λ is set later by `fitPrior` over the candidate pairs.
 * `compare`, when given, compares the random and session pairs (on two threads for large jobs).
 * Comparisons no session can see keep the default m (strong agreement likely among matches).
 */
export function trainFamily(
  all: readonly ResolveRecord[], records: readonly ResolveRecord[], spec: FamilySpec, opts: TrainOptions = {}, known?: KnownLevels, compare?: PairComparer,
): FsModel {
  const { u, pairs: uPairs } = estimateU(records, spec, opts.uSample ?? 500_000, opts.seed ?? 1, compare);
  const K = spec.comparisons.length;
  const sums = spec.comparisons.map((c) => new Float64Array(c.levels.length));
  const seen = new Float64Array(K);
  let iterations = 0;
  let sessionsPairs = 0;
  let patterns = 0;
  let converged = true;
  for (const t of TRAINING_RULES[spec.family] ?? []) {
    const excluded = spec.comparisons.map((c) => t.excludes.includes(c.name));
    const { pairs, stride } = sessionPairs(records, t.rule, opts.sessionPairs ?? 300_000, opts.maxBlock ?? 1000, opts.seed ?? 1);
    if (pairs.length < 50) continue;
    const levels = sessionLevels(all, spec, pairs, stride, excluded, known, compare);
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
  const factors = Float64Array.from(log2Bf, (w) => 2 ** w);
  for (let it = 0; it < 100; it++) {
    const odds = lambda / (1 - lambda);
    let expected = 0;
    for (let i = 0; i < factors.length; i++) {
      const o = odds * factors[i];
      expected += o / (1 + o);
    }
    const next = Math.min(0.5, Math.max(1 / all, expected / all));
    if (Math.abs(next - lambda) <= lambda * 1e-6) return next;
    lambda = next;
  }
  return lambda;
}
