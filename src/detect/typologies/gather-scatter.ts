/**
 * Gather-scatter (IBM AMLSim typology "gather_scatter"; Altman et al. 2023): one account collects from many one-off
 * senders and soon pays out to many one-off receivers — a fan-in followed by a fan-out through the same account.
 */
import type { Ledger } from '../../money/ledger.ts';
import { burstOf, burstScratch, burstTests, fullShare, type Burst } from '../burst.ts';
import { ledgerContext } from '../context.ts';
import { chance, day, duration, total } from '../explain.ts';
import { DAY, MIN_SCORE, resolveParams } from '../params.ts';
import { expectedFromScore } from '../stats.ts';
import type { DetectorResult, Finding, ParamSpec, Params } from '../types.ts';

export const GATHER_SCATTER_CITATION = 'IBM AMLSim, typology gather_scatter (github.com/IBM/AMLSim); Altman et al. (2023), NeurIPS Datasets & Benchmarks.';

export const GATHER_SCATTER_PARAMS: readonly ParamSpec[] = [
  { name: 'windowDays', description: 'length of each of the two bursts, and the most time between gathering and scattering', default: 7, min: 0.01, max: 3650 },
  { name: 'minCounterparties', description: 'fewest one-off senders, and fewest one-off receivers', default: 3, min: 2, integer: true },
  {
    name: 'minFullShare',
    description: 'as in fan-in: least share of the senders, and of the receivers, moving at least their own typical amount',
    default: 0.5,
    min: 0,
    max: 1,
  },
  MIN_SCORE,
];

function explain(l: Ledger, v: number, a: Burst, b: Burst, score: number): string {
  return (
    `account ${l.nodeIds[v]} received ${total(l, a.rows)} from ${a.counterparties.length} one-off senders within ${duration(a.end - a.start)} ` +
    `(${day(a.start)} to ${day(a.end)}), then paid ${total(l, b.rows)} to ${b.counterparties.length} one-off receivers within ${duration(b.end - b.start)} ` +
    `(${day(b.start)} to ${day(b.end)}); its history predicts ${a.mu.toFixed(2)} such senders and ${b.mu.toFixed(2)} such receivers per window; ` +
    `${chance(expectedFromScore(score))}.`
  );
}

/**
 * An in-burst and an out-burst of one-off counterparties (see fan-in) on one account, the out-burst starting
 * no earlier than the in-burst and at most `windowDays` after it ends. Score 1 / (1 + E), E the larger of
 * nodes × windows × p_in × p_out and of the scan statistics' candidates × pScan_in × pScan_out (see burst.ts).
 * @example gatherScatter(ledger).findings[0]?.accounts[0] // the collecting account
 */
export function gatherScatter(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(GATHER_SCATTER_PARAMS, options);
  const ctx = ledgerContext(l);
  const w = params.windowDays! * DAY;
  const tests = burstTests(ctx, w);
  const sIn = burstScratch(l);
  const sOut = burstScratch(l);
  const pairs: [Burst, Burst][] = [];
  for (let v = 0; v < l.nodeCount; v++) {
    const a = burstOf(l, ctx, v, 'in', w, params.minCounterparties!, sIn);
    if (!a) continue;
    const b = burstOf(l, ctx, v, 'out', w, params.minCounterparties!, sOut);
    if (b && b.start >= a.start && b.start <= a.end + w) pairs.push([a, b]);
  }
  const findings: Finding[] = [];
  for (const [a, b] of pairs) {
    const v = a.node;
    const expected = Math.max(tests * a.p * b.p, Math.min(sIn.candidates, sOut.candidates) * a.pScan * b.pScan);
    const score = 1 / (1 + expected);
    if (score < params.minScore! || fullShare(l, a) < params.minFullShare! || fullShare(l, b) < params.minFullShare!) continue;
    const accounts = [v, ...a.counterparties, ...b.counterparties].map((n) => l.nodeIds[n]!);
    const rows = [...a.rows, ...b.rows];
    findings.push({
      typology: 'gather-scatter',
      detector: 'gather-scatter',
      score,
      explanation: explain(l, v, a, b, score),
      accounts,
      transfers: rows,
      window: { start: a.start, end: b.end },
    });
  }
  return { detector: 'gather-scatter', typology: 'gather-scatter', citation: GATHER_SCATTER_CITATION, params, findings };
}
