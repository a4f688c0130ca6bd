/** Stack (IBM AMLSim typology "stack"; Altman et al. 2023): two bipartite layers in a row — senders → middle layer → receivers. */
import type { Ledger } from '../../money/ledger.ts';
import { bipartiteGroups, type Group } from '../bipartite-core.ts';
import { ledgerContext } from '../context.ts';
import { chance, windowOf } from '../explain.ts';
import { MIN_SCORE, resolveParams } from '../params.ts';
import { expectedFromScore, surpriseScoreLog } from '../stats.ts';
import type { DetectorResult, Finding, ParamSpec, Params } from '../types.ts';
import { describeGroup } from './bipartite.ts';

export const STACK_CITATION = 'IBM AMLSim, typology stack (github.com/IBM/AMLSim); Altman et al. (2023), NeurIPS Datasets & Benchmarks.';

export const STACK_PARAMS: readonly ParamSpec[] = [
  { name: 'minShared', description: 'as in bipartite: receivers sharing at least this many non-hub senders are grouped', default: 2, min: 2, integer: true },
  MIN_SCORE,
];

/** The share of `b`'s senders that are receivers of `a`. */
function overlap(a: Group, b: Group): number {
  const recv = new Set(a.receivers);
  return b.senders.filter((s) => recv.has(s)).length / b.senders.length;
}

/**
 * Pairs of bipartite groups where at least half of the second group's senders are receivers of the first and the
 * second layer's median time is not before the first's. Score 1 / (1 + groups of layer 1's shape × of layer 2's × p₁ × p₂), as in bipartite.
 * @example stack(ledger).findings[0]?.accounts // first-layer senders, middle layer, last-layer receivers
 */
export function stack(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(STACK_PARAMS, options);
  const { groups } = bipartiteGroups(l, ledgerContext(l), params.minShared!);
  const byReceiver = new Map<number, Group[]>();
  for (const g of groups) for (const r of g.receivers) (byReceiver.get(r) ?? byReceiver.set(r, []).get(r)!).push(g);
  const findings: Finding[] = [];
  for (const b of groups) {
    const firsts = new Set(b.senders.flatMap((s) => byReceiver.get(s) ?? []));
    for (const a of firsts) {
      if (a === b || overlap(a, b) < 0.5 || l.time[b.rows[b.rows.length >> 1]!]! < l.time[a.rows[a.rows.length >> 1]!]!) continue;
      const score = surpriseScoreLog(Math.log(a.p) + Math.log(b.p), a.logTests + b.logTests);
      if (score < params.minScore!) continue;
      const ids = [...new Set([...a.senders, ...a.receivers, ...b.senders, ...b.receivers])].map((v) => l.nodeIds[v]!);
      const rows = [...a.rows, ...b.rows].sort((x, y) => x - y);
      const explanation = `layer 1: ${describeGroup(l, a)}; layer 2: ${describeGroup(l, b)}; ${chance(expectedFromScore(score))}.`;
      findings.push({ typology: 'stack', detector: 'stack', score, explanation, accounts: ids, transfers: rows, window: windowOf(l, rows) });
    }
  }
  return { detector: 'stack', typology: 'stack', citation: STACK_CITATION, params, findings };
}
