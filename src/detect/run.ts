/** Runs typology detectors over a ledger, drops findings that another finding already explains, and ranks the rest. */
import { ValidationError } from '../errors.ts';
import type { Ledger } from '../money/ledger.ts';
import { DETECTORS, detectorByName } from './registry.ts';
import type { DetectorResult, Finding, Params, Typology } from './types.ts';

export interface RunOptions {
  /** Detector names; all when absent. */
  detectors?: readonly string[];
  /** Options per detector name. */
  params?: Record<string, Partial<Params>>;
}

export interface RunResult {
  /** Ranked by score, highest first. */
  findings: Finding[];
  /** Each detector's own output (params, citation, all its findings) before deduplication. */
  results: DetectorResult[];
  /** Findings dropped as duplicates. */
  dropped: number;
}

/** A finding of a composite typology explains the findings of its parts on the same accounts. */
const PARTS: Partial<Record<Typology, readonly Typology[]>> = {
  // A stack's senders, one middle account each and a receiver form a scatter-gather, each middle account a
  // gather-scatter; a bipartite group's senders are fan-outs and its receivers fan-ins: the composite explains them.
  stack: ['bipartite', 'scatter-gather', 'gather-scatter', 'fan-in', 'fan-out'],
  bipartite: ['fan-in', 'fan-out'],
  'gather-scatter': ['fan-in', 'fan-out'],
  'scatter-gather': ['fan-out', 'fan-in'],
  'split-fan-in': ['split-payment'],
};

/** How deep a typology composes others: 0 for a part, 1 + its deepest part's for a composite (stack 2, over scatter-gather). */
function level(t: Typology): number {
  return PARTS[t] ? 1 + Math.max(...PARTS[t].map(level)) : 0;
}

function covers(big: Set<string>, small: readonly string[]): boolean {
  let inside = 0;
  for (const a of small) if (big.has(a)) inside++;
  return inside * 2 >= small.length;
}

/**
 * Keeps each finding unless a kept one of the same typology, or a composite of it, covers half its accounts. Composites
 * are looked at first, deepest first (a stack before the scatter-gathers through its middle layer), so a composite
 * explains its parts whatever their scores; within a level, in score order. The kept findings come ranked by score.
 */
export function dedupe(findings: readonly Finding[]): { kept: Finding[]; dropped: number } {
  const ranked = [...findings].sort((a, b) => level(b.typology) - level(a.typology) || b.score - a.score || a.typology.localeCompare(b.typology));
  const kept: { f: Finding; set: Set<string> }[] = [];
  for (const f of ranked) {
    const dup = kept.some((k) => (k.f.typology === f.typology || PARTS[k.f.typology]?.includes(f.typology)) && covers(k.set, f.accounts));
    if (!dup) kept.push({ f, set: new Set(f.accounts) });
  }
  const out = kept.map((k) => k.f).sort((a, b) => b.score - a.score || level(b.typology) - level(a.typology) || a.typology.localeCompare(b.typology));
  return { kept: out, dropped: findings.length - kept.length };
}

/**
 * Runs the chosen (default: all) detectors and returns their findings deduplicated and ranked.
 * @example runDetectors(ledger, { detectors: ['fan-in', 'cycle'], params: { cycle: { maxLength: 5 } } }).findings[0]
 */
export function runDetectors(l: Ledger, options: RunOptions = {}): RunResult {
  const chosen =
    options.detectors?.map((name) => {
      const d = detectorByName(name);
      if (!d) throw new ValidationError('CORVID_ERR_VALIDATION', `unknown detector ${name}`, { detector: name });
      return d;
    }) ?? DETECTORS;
  const results = chosen.map((d) => d.run(l, options.params?.[d.name] ?? {}));
  const { kept, dropped } = dedupe(results.flatMap((r) => r.findings));
  return { findings: kept, results, dropped };
}
