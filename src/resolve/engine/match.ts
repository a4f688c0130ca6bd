/** Probabilistic matching of one family: blocking, comparison, training (or a given model) and scoring. */
import { BLOCKING_RULES, candidatePairs, type BlockingResult } from './blocking.ts';
import { comparePool } from './compare-pool.ts';
import { logFactors, probability, tfAdjustment, type FsModel } from './fellegi-sunter.ts';
import { fitPrior, trainFamily } from './training.ts';
import type { FamilySpec } from './families.ts';
import type { ResolveRecord } from './record.ts';

export interface MatchOptions {
  maxBlock?: number;
  /** Random pairs for u (default 500,000, or all pairs of a small set). */
  uSample?: number;
  /** Incremental: only pairs touching a changed record. */
  changed?: Uint8Array;
  /** A model from an earlier run: skip training (incremental runs keep the weights stable). */
  model?: FsModel;
  seed?: number;
  /** Called after each phase with its name and milliseconds (benchmarks; no effect on results). */
  onPhase?: (phase: string, ms: number) => void;
}

export interface FamilyMatches {
  spec: FamilySpec;
  model: FsModel;
  blocking: Omit<BlockingResult, 'pairs'>;
  /** Pair keys (`left * stride + right`, record indices), their levels (K per pair), tf frequencies and probabilities. */
  pairs: Float64Array;
  stride: number;
  levels: Uint8Array;
  tf: Float32Array;
  probabilities: Float32Array;
}

/** Term frequencies of each tf comparison's values over the records: value → share of records. */
export function termFrequencies(records: readonly ResolveRecord[], spec: FamilySpec): (Map<string, number> | null)[] {
  return spec.comparisons.map((c, k) => {
    if (c.tfLevel === undefined) return null;
    const counts = new Map<string, number>();
    let total = 0;
    for (const r of records) {
      const terms = spec.terms(r, k);
      if (terms.length) total++;
      for (const t of new Set(terms)) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    for (const [t, n] of counts) counts.set(t, n / Math.max(1, total));
    return counts;
  });
}

/**
 * Matches the records of one family (indices are global positions in `all`).
 * @example const m = matchFamily(all, persons, FAMILY_SPECS.person!, {}); // m.probabilities[i] for m.pairs[i]
 */
export function matchFamily(all: readonly ResolveRecord[], records: readonly ResolveRecord[], spec: FamilySpec, opts: MatchOptions = {}): FamilyMatches {
  const phase = phaseClock(opts.onPhase);
  const { pairs, ...blocking } = candidatePairs(records, BLOCKING_RULES[spec.family], { maxBlock: opts.maxBlock, changed: opts.changed });
  phase('blocking');
  const tfs = termFrequencies(records, spec);
  // Levels (for EM and explanations) and, for exact matches on tf comparisons, the agreeing value's frequency.
  const pool = comparePool(all, records, spec, tfs);
  let model = opts.model;
  const fresh = !model || model.comparisons.length !== spec.comparisons.length;
  let levels: Uint8Array;
  let tf: Float32Array;
  try {
    ({ levels, tf } = pool.compare(pairs, blocking.stride));
    phase('compare');
    const known = opts.changed ? undefined : { pairs, stride: blocking.stride, levels };
    if (fresh) model = trainFamily(all, records, spec, { uSample: opts.uSample, maxBlock: opts.maxBlock, seed: opts.seed }, known, pool.compare);
    phase('training');
  } finally {
    pool.close();
  }
  const trained = model as FsModel;
  const bf = bayesFactors(trained, levels, tf, pairs.length);
  if (fresh) trained.lambda = fitPrior(bf, records.length);
  const probabilities = withPrior(trained.lambda, bf);
  phase('scoring');
  return { spec, model: trained, blocking, pairs, stride: blocking.stride, levels, tf, probabilities };
}

/** A function that reports the time since its last call (or creation) under a phase name; a no-op without a listener. */
export function phaseClock(onPhase?: (phase: string, ms: number) => void): (phase: string) => void {
  if (!onPhase) return () => undefined;
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    onPhase(name, now - last);
    last = now;
  };
}

/** log₂ Bayes factor of every pair: Σ log₂(m/u) over its levels, plus tf adjustments (no prior). */
export function bayesFactors(model: FsModel, levels: Uint8Array, tf: Float32Array, n: number): Float32Array {
  const K = model.comparisons.length;
  const factors = logFactors(model);
  const out = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    let w = 0;
    const base = p * K;
    for (let k = 0; k < K; k++) {
      const l = levels[base + k];
      w += factors[k][l];
      const f = tf[base + k];
      if (f > 0) w += tfAdjustment(model.comparisons[k].u[l], f);
    }
    out[p] = w;
  }
  return out;
}

/** Match probabilities from Bayes factors and the prior λ. */
export function withPrior(lambda: number, log2Bf: Float32Array): Float32Array {
  const prior = Math.log2(lambda / (1 - lambda));
  return log2Bf.map((w) => probability(prior + w));
}
