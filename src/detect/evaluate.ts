/**
 * Precision, recall and F1 of findings against planted ground truth, per typology at account level and at pattern
 * level, and at account level over all typologies.
 */
import type { Finding } from './types.ts';

export interface Truth {
  typology: string;
  accounts: readonly string[];
  transfers: readonly number[];
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  /** True positives, predicted, actual. */
  tp: number;
  predicted: number;
  actual: number;
}

export interface Evaluation {
  byTypology: Record<string, { accounts: PRF; patterns: PRF }>;
  /** Union of all findings' accounts against the union of all planted accounts. */
  accounts: PRF;
}

/** P/R/F1 from counts (0 where undefined). */
export function prf(tp: number, predicted: number, actual: number, tpRecall = tp): PRF {
  const precision = predicted ? tp / predicted : 0;
  const recall = actual ? tpRecall / actual : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp, predicted, actual };
}

/** Account-level: predicted and actual sets of account ids. */
export function setPRF(predicted: ReadonlySet<string>, actual: ReadonlySet<string>): PRF {
  let tp = 0;
  for (const a of predicted) if (actual.has(a)) tp++;
  return prf(tp, predicted.size, actual.size);
}

/** A finding matches a planted pattern when it covers at least half of the pattern's accounts. */
export function matches(f: Finding, t: Truth): boolean {
  const set = new Set(f.accounts);
  return t.accounts.filter((a) => set.has(a)).length * 2 >= t.accounts.length;
}

function patternPRF(findings: readonly Finding[], truth: readonly Truth[]): PRF {
  const byAccount = new Map<string, number[]>();
  truth.forEach((t, i) => t.accounts.forEach((a) => (byAccount.get(a) ?? byAccount.set(a, []).get(a)!).push(i)));
  const found = new Set<number>();
  let correct = 0;
  for (const f of findings) {
    const near = new Set(f.accounts.flatMap((a) => byAccount.get(a) ?? []));
    let ok = false;
    for (const i of near)
      if (matches(f, truth[i]!)) {
        found.add(i);
        ok = true;
      }
    if (ok) correct++;
  }
  return prf(correct, findings.length, truth.length, found.size);
}

/**
 * Per typology: account level (accounts of its findings vs accounts of its planted instances) and pattern level
 * (a planted pattern is found when a finding of its typology covers ≥ half its accounts; a finding is correct when it
 * so covers some planted pattern of its typology). Overall: account level over all typologies.
 * @example evaluate(run.findings, synth.truth).byTypology['fan-in'].patterns.recall
 */
export function evaluate(findings: readonly Finding[], truth: readonly Truth[]): Evaluation {
  const typologies = [...new Set([...truth.map((t) => t.typology), ...findings.map((f) => f.typology)])].sort();
  const byTypology: Evaluation['byTypology'] = {};
  for (const ty of typologies) {
    const fs = findings.filter((f) => f.typology === ty);
    const ts = truth.filter((t) => t.typology === ty);
    byTypology[ty] = { accounts: setPRF(new Set(fs.flatMap((f) => f.accounts)), new Set(ts.flatMap((t) => t.accounts))), patterns: patternPRF(fs, ts) };
  }
  return { byTypology, accounts: setPRF(new Set(findings.flatMap((f) => f.accounts)), new Set(truth.flatMap((t) => t.accounts))) };
}
