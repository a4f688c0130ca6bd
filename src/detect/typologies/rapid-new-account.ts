/**
 * Rapid movement of funds through new accounts (FATF (2023) Illicit Financial Flows from Cyber-Enabled Fraud; FinCEN
 * advisories on mule accounts): accounts whose first activity is recent and that pass most of what they receive on at once.
 */
import type { Ledger } from '../../money/ledger.ts';
import { ledgerContext } from '../context.ts';
import { chance } from '../explain.ts';
import { passThrough, quickSenders } from '../pass-through.ts';
import { DAY, MIN_SCORE, resolveParams } from '../params.ts';
import { expectedFromScore, surpriseScore } from '../stats.ts';
import type { DetectorResult, Finding, ParamSpec, Params } from '../types.ts';
import { describePass, timingP } from './mule.ts';

export const RAPID_CITATION = 'FATF (2023). Illicit Financial Flows from Cyber-Enabled Fraud; FinCEN (2020) advisory FIN-2020-A002 on money mule accounts.';

export const RAPID_PARAMS: readonly ParamSpec[] = [
  {
    name: 'warmupDays',
    description: 'an account first active within this many days of the ledger start may be old: it is not called new',
    default: 30,
    min: 0,
    max: 3650,
  },
  { name: 'maxAgeDays', description: 'only the first this many days of a new account are looked at', default: 30, min: 0.01, max: 3650 },
  { name: 'holdDays', description: 'money forwarded within this many days of arriving counts as passed through', default: 1, min: 0.01, max: 365 },
  { name: 'minPassShare', description: 'least share of the money received in that period forwarded within holdDays', default: 0.8, min: 0, max: 1 },
  MIN_SCORE,
];

/**
 * New accounts (first row later than warmupDays after the ledger's start) that in their first maxAgeDays forward
 * ≥ minPassShare of what they receive within holdDays. Score 1 / (1 + new accounts × P), P the mule detector's timing
 * null over distinct senders (outflows timed independently of inflows over the ledger's span).
 * @example rapidNewAccounts(ledger).findings[0]?.accounts[0]
 */
export function rapidNewAccounts(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(RAPID_PARAMS, options);
  const ctx = ledgerContext(l);
  const hold = params.holdDays! * DAY;
  const fresh: { v: number; first: number }[] = [];
  for (let v = 0; v < l.nodeCount; v++) {
    if (ctx.hub[v] || l.inStart[v + 1]! === l.inStart[v]! || l.outStart[v + 1]! === l.outStart[v]!) continue;
    const first = Math.min(l.time[l.inRows[l.inStart[v]!]!]!, l.time[l.outRows[l.outStart[v]!]!]!);
    if (first >= ctx.start + params.warmupDays! * DAY) fresh.push({ v, first });
  }
  const findings: Finding[] = [];
  for (const { v, first } of fresh) {
    const pt = passThrough(l, v, hold, first, first + params.maxAgeDays! * DAY);
    if (pt.quickOut.length === 0 || pt.quick < params.minPassShare! * pt.totalIn) continue;
    const qs = quickSenders(l, pt, params.minPassShare!, ctx.hub);
    const score = surpriseScore(timingP(l, pt, qs, ctx.span, ctx.tick), fresh.length);
    if (score < params.minScore!) continue;
    const rows = [...pt.inRows, ...pt.quickOut].sort((a, b) => a - b);
    const explanation = `${describePass(l, v, pt, qs, hold)}, within ${params.maxAgeDays} days of its first activity; ${chance(expectedFromScore(score))}.`;
    findings.push({
      typology: 'rapid-new-account',
      detector: 'rapid-new-account',
      score,
      explanation,
      accounts: [l.nodeIds[v]!],
      transfers: rows,
      window: { start: first, end: l.time[rows[rows.length - 1]!]! },
    });
  }
  return { detector: 'rapid-new-account', typology: 'rapid-new-account', citation: RAPID_CITATION, params, findings };
}
