/**
 * The resolution pass over plain records, without I/O: identifier links, then Fellegi–Sunter matches
 * per family, clustered strongest first under the existing judgements. Returns the links that merged
 * something (each becomes one judgement: a spanning forest, so undoing one splits exactly what it
 * joined) and the uncertain pairs for the review queue.
 */
import { Clusters, compareGraph, type ClusterOptions } from './cluster.ts';
import { identifierLinks } from './deterministic.ts';
import { FAMILY_SPECS } from './families.ts';
import { explainPair, logFactors, type FsModel, type PairExplanation } from './fellegi-sunter.ts';
import { matchFamily, phaseClock, type FamilyMatches } from './match.ts';
import type { Family, ResolveRecord } from './record.ts';

export interface ResolveOptions extends ClusterOptions {
  /** Pairs at or above this probability are merged automatically. Default 0.7. */
  threshold?: number;
  /** Pairs from here up to the threshold go to the review queue. Default 0.3. */
  reviewFrom?: number;
  maxBlock?: number;
  uSample?: number;
  seed?: number;
  /** Called after each phase (identifier links, then per family blocking, compare, training, scoring, clustering) with milliseconds. */
  onPhase?: (phase: string, ms: number) => void;
}

export interface EngineInput {
  /** All records; `records[i].idx === i`. */
  records: readonly ResolveRecord[];
  /** Incremental: 1 for records that are new or changed since the last run. */
  changed?: Uint8Array;
  /** Models of an earlier run, reused instead of retraining. */
  models?: Partial<Record<Family, FsModel>>;
  /** Active positive judgements (trusted), negative ones (never overridden), pairs the automatic pass must not judge. */
  positives?: readonly (readonly [number, number])[];
  negatives?: readonly (readonly [number, number])[];
  blocked?: (a: number, b: number) => boolean;
  options?: ResolveOptions;
}

export interface EngineLink {
  a: number;
  b: number;
  rule: string;
  probability: number;
  reason: string;
  explanation: PairExplanation | { rule: string; value: string };
}

export interface EngineReview {
  a: number;
  b: number;
  probability: number;
  priority: number;
  why: 'uncertain' | 'guard' | 'size' | 'undone' | 'name only';
  explanation: PairExplanation;
}

export interface FamilyStats {
  records: number;
  candidatePairs: number;
  perRule: Record<string, number>;
  skippedBlocks: number;
  model: FsModel;
  aboveThreshold: number;
  merged: number;
  refusedByGuard: number;
  refusedBySize: number;
  refusedByNegative: number;
}

export interface EngineResult {
  links: EngineLink[];
  review: EngineReview[];
  models: Partial<Record<Family, FsModel>>;
  stats: { identifierLinks: number; families: Partial<Record<Family, FamilyStats>> };
  clusters: Clusters;
}

/** Expected value of asking: highest for coin-flip pairs that would join large groups. */
function priority(p: number, sizeA: number, sizeB: number): number {
  return Math.round(4 * p * (1 - p) * Math.log2(1 + sizeA + sizeB) * 1000) / 1000;
}

function pct(p: number): string {
  return `${Math.round(p * 1000) / 10} %`;
}

/** Summarises the strongest evidence for and against, for the judgement's one-line reason. */
function reasonOf(e: PairExplanation): string {
  const sorted = [...e.contributions].filter((c) => c.weight !== 0).sort((x, y) => y.weight - x.weight);
  const pro = sorted.filter((c) => c.weight > 0).slice(0, 3).map((c) => `${c.comparison} ${c.level}`);
  const con = sorted.filter((c) => c.weight < 0).slice(-2).map((c) => `${c.comparison} ${c.level}`);
  return `Match probability ${pct(e.probability)}: ${pro.join(', ') || 'no agreeing field'}${con.length ? `; against: ${con.join(', ')}` : ''}.`;
}

/** Runs the pass. Pure: the same input gives the same output. */
export function resolveRecords(input: EngineInput): EngineResult {
  const opts = input.options ?? {};
  const threshold = opts.threshold ?? 0.7;
  const reviewFrom = opts.reviewFrom ?? 0.3;
  const { records } = input;
  const clusters = new Clusters(records.length);
  for (const [a, b] of input.negatives ?? []) clusters.forbid(a, b);
  for (const [a, b] of input.positives ?? []) clusters.link({ a, b, strength: Infinity, trusted: true });
  const negative = new Set((input.negatives ?? []).map(([a, b]) => (a < b ? `${a},${b}` : `${b},${a}`)));
  const vetoed = (a: number, b: number): boolean => negative.has(`${a},${b}`) || (input.blocked?.(a, b) ?? false);
  const changed = input.changed;
  const links: EngineLink[] = [];
  const review: EngineReview[] = [];
  const phase = phaseClock(opts.onPhase);

  const idLinks = identifierLinks(records, (a, b) => vetoed(a, b) || (changed !== undefined && !changed[a] && !changed[b]));
  for (const l of idLinks) {
    if (clusters.link({ a: l.a, b: l.b, strength: 1, trusted: true }) === 'merged') {
      links.push({ a: l.a, b: l.b, rule: l.rule, probability: 1, reason: l.reason, explanation: { rule: l.rule, value: l.value } });
    }
  }

  phase('identifier links');
  const byFamily = new Map<Family, ResolveRecord[]>();
  for (const r of records) {
    const list = byFamily.get(r.family);
    if (list) list.push(r);
    else byFamily.set(r.family, [r]);
  }
  const models: EngineResult['models'] = {};
  const families: EngineResult['stats']['families'] = {};
  for (const [family, members] of byFamily) {
    const spec = FAMILY_SPECS[family];
    if (!spec || members.length < 2) continue;
    const onPhase = opts.onPhase && ((name: string, ms: number): void => opts.onPhase?.(`${family} ${name}`, ms));
    const m = matchFamily(records, members, spec, { maxBlock: opts.maxBlock, uSample: opts.uSample, changed, model: input.models?.[family], seed: opts.seed, onPhase });
    const clustering = phaseClock(opts.onPhase);
    models[family] = m.model;
    families[family] = clusterFamily(m, clusters, { ...opts, threshold, reviewFrom }, vetoed, links, review, records.length, members.length);
    clustering(`${family} clustering`);
  }
  review.sort((x, y) => y.priority - x.priority || x.a - y.a || x.b - y.b);
  return { links, review, models, stats: { identifierLinks: idLinks.length, families }, clusters };
}

/** Comparisons that are the name itself; the rest is corroborating evidence. */
const NAME_COMPARISONS = new Set(['given name', 'family name', 'name', 'legal form']);

/**
 * A pair whose only agreeing evidence is the name: namesakes look exactly like this, so the automatic
 * pass never merges on names alone but asks an analyst (Fellegi–Sunter cannot tell "same name, no
 * other data" from "same person" when the name is all there is).
 */
function nameOnly(m: FamilyMatches, p: number): boolean {
  const K = m.spec.comparisons.length;
  const factors = m.model.comparisons;
  for (let k = 0; k < K; k++) {
    if (NAME_COMPARISONS.has(factors[k].name)) continue;
    const l = m.levels[p * K + k];
    if (l !== 0 && factors[k].m[l] > factors[k].u[l]) return false;
  }
  return true;
}

function clusterFamily(
  m: FamilyMatches, clusters: Clusters, opts: ResolveOptions & { threshold: number; reviewFrom: number }, vetoed: (a: number, b: number) => boolean,
  links: EngineLink[], review: EngineReview[], n: number, count: number,
): FamilyStats {
  const P = m.pairs.length;
  const K = m.spec.comparisons.length;
  const left = new Int32Array(P);
  const right = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    left[p] = Math.floor(m.pairs[p] / m.stride);
    right[p] = m.pairs[p] % m.stride;
  }
  const factors = logFactors(m.model);
  const explain = (p: number): PairExplanation => explainPair(m.model, factors, m.levels.subarray(p * K, p * K + K), m.tf.subarray(p * K, p * K + K));
  const order: number[] = [];
  for (let p = 0; p < P; p++) if (m.probabilities[p] >= opts.reviewFrom) order.push(p);
  order.sort((x, y) => m.probabilities[y] - m.probabilities[x] || x - y);
  const graph = compareGraph(n, left, right, m.probabilities);
  const stats: FamilyStats = {
    records: count, candidatePairs: P, perRule: m.blocking.perRule, skippedBlocks: m.blocking.skippedCount, model: m.model,
    aboveThreshold: 0, merged: 0, refusedByGuard: 0, refusedBySize: 0, refusedByNegative: 0,
  };
  for (const p of order) {
    const a = left[p];
    const b = right[p];
    const prob = m.probabilities[p];
    const toReview = (why: EngineReview['why']): void => {
      review.push({ a, b, probability: prob, priority: priority(prob, clusters.sizeOf(a), clusters.sizeOf(b)), why, explanation: explain(p) });
    };
    if (prob < opts.threshold) {
      if (clusters.find(a) !== clusters.find(b) && !vetoed(a, b)) toReview('uncertain');
      continue;
    }
    stats.aboveThreshold++;
    if (vetoed(a, b)) {
      if (clusters.find(a) !== clusters.find(b)) toReview('undone');
      continue;
    }
    if (nameOnly(m, p)) {
      if (clusters.find(a) !== clusters.find(b)) toReview('name only');
      continue;
    }
    const outcome = clusters.link({ a, b, strength: prob, trusted: false }, opts, graph);
    if (outcome === 'merged') {
      stats.merged++;
      const e = explain(p);
      links.push({ a, b, rule: 'fellegi-sunter', probability: prob, reason: reasonOf(e), explanation: e });
    } else if (outcome === 'guard') {
      stats.refusedByGuard++;
      toReview('guard');
    } else if (outcome === 'size') {
      stats.refusedBySize++;
      toReview('size');
    } else if (outcome === 'negative') stats.refusedByNegative++;
  }
  return stats;
}
