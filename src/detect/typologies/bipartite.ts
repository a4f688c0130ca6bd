/** Bipartite (IBM AMLSim typology "bipartite"; Altman et al. 2023): a set of senders all paying the same set of receivers. */
import type { Ledger } from '../../money/ledger.ts';
import { bipartiteGroups, type Group } from '../bipartite-core.ts';
import { ledgerContext } from '../context.ts';
import { chance, day, duration, total, windowOf } from '../explain.ts';
import { MIN_SCORE, resolveParams } from '../params.ts';
import { expectedFromScore, surpriseScoreLog } from '../stats.ts';
import type { DetectorResult, Finding, ParamSpec, Params } from '../types.ts';

export const BIPARTITE_CITATION = 'IBM AMLSim, typology bipartite (github.com/IBM/AMLSim); Altman et al. (2023), NeurIPS Datasets & Benchmarks.';

export const BIPARTITE_PARAMS: readonly ParamSpec[] = [
  { name: 'minShared', description: 'two receivers are grouped when they share at least this many non-hub senders', default: 2, min: 2, integer: true },
  MIN_SCORE,
];

/** Plain-language account of a group. */
export function describeGroup(l: Ledger, g: Group): string {
  const w = windowOf(l, g.rows);
  const names = (xs: number[]) => xs.map((v) => l.nodeIds[v]).join(', ');
  return (
    `${g.senders.length} senders (${names(g.senders)}) paid ${g.receivers.length} receivers (${names(g.receivers)}) over ${g.edges} of the ` +
    `${g.senders.length * g.receivers.length} possible sender–receiver pairs, ${total(l, g.rows)} in ${g.rows.length} payments within ` +
    `${duration(w.end - w.start)} (${day(w.start)} to ${day(w.end)}); their activity predicts ${g.mu.toFixed(3)} such pairs`
  );
}

/**
 * Sender × receiver groups, each sender paying at least half of the receivers, none of them hubs. Null: Chung–Lu,
 * pairs ~ Poisson(Σ out-rows(s) × in-rows(r) / rows); score 1 / (1 + C(senders, S) × C(receivers, R) × P(X ≥ pairs)):
 * the group was picked for its pairs, so every group of its shape the ledger offers is a test.
 * @example bipartite(ledger).findings[0]?.accounts // senders, then receivers
 */
export function bipartite(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(BIPARTITE_PARAMS, options);
  const { groups } = bipartiteGroups(l, ledgerContext(l), params.minShared!);
  const findings: Finding[] = [];
  for (const g of groups) {
    const score = surpriseScoreLog(Math.log(g.p), g.logTests);
    if (score < params.minScore!) continue;
    const explanation = `${describeGroup(l, g)}; ${chance(expectedFromScore(score))}.`;
    const accounts = [...g.senders, ...g.receivers].map((v) => l.nodeIds[v]!);
    findings.push({ typology: 'bipartite', detector: 'bipartite', score, explanation, accounts, transfers: g.rows, window: windowOf(l, g.rows) });
  }
  return { detector: 'bipartite', typology: 'bipartite', citation: BIPARTITE_CITATION, params, findings };
}
