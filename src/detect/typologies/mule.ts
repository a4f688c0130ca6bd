/**
 * Money mule pass-through (FATF (2023) Illicit Financial Flows from Cyber-Enabled Fraud; Europol EMMA): an account
 * that forwards most of what it receives within a short time and keeps little balance.
 */
import { approxAmount, type Ledger } from '../../money/ledger.ts';
import { ledgerContext } from '../context.ts';
import { chance, day, duration, total, windowOf } from '../explain.ts';
import { activeSpan, passThrough, quickSenders, type PassThrough, type QuickSenders } from '../pass-through.ts';
import { DAY, MIN_SCORE, resolveParams } from '../params.ts';
import { expectedFromScore, logFactorial, surpriseScore } from '../stats.ts';
import type { DetectorResult, Finding, ParamSpec, Params } from '../types.ts';

export const MULE_CITATION = 'FATF (2023). Illicit Financial Flows from Cyber-Enabled Fraud (money mules); Europol, European Money Mule Action (EMMA) reports.';

export const MULE_PARAMS: readonly ParamSpec[] = [
  { name: 'holdDays', description: 'money forwarded within this many days of arriving counts as passed through', default: 2, min: 0.01, max: 365 },
  {
    name: 'minPassShare',
    description: 'a sender’s money counts as passed on when at least this share of it left within holdDays',
    default: 0.8,
    min: 0,
    max: 1,
  },
  {
    name: 'minSenders',
    description: 'fewest distinct senders whose money it passed on (one sender repeated, like a salary, is one)',
    default: 2,
    min: 1,
    integer: true,
  },
  MIN_SCORE,
];

/**
 * Timing null: were the node's outflows timed independently of its inflows (uniform over `span`), sender s's money
 * would be followed within its observed lag by one of the m_s outflows big enough to carry a tenth of it with chance
 * q_s = min(1, m_s × max(lag_s + tick, 1 h) / span), tick the ledger's clock resolution (a lag of 0 at day resolution
 * is up to a day). P = C(senders, k) × Π q_s (union bound over which k senders).
 */
export function timingP(l: Ledger, pt: PassThrough, qs: QuickSenders, span: number, tick = 1): number {
  const outs = pt.outRows.map((r) => approxAmount(l, r));
  let logP = logFactorial(qs.senders) - logFactorial(qs.passed.length) - logFactorial(qs.senders - qs.passed.length);
  qs.passed.forEach((_, i) => {
    const m = outs.filter((a) => a >= 0.1 * qs.amount[i]!).length;
    logP += Math.log(Math.min(1, (m * Math.max(qs.lag[i]! + tick, 3600)) / span));
  });
  return Math.min(1, Math.exp(logP));
}

/** Plain-language account of a pass-through. */
export function describePass(l: Ledger, v: number, pt: PassThrough, qs: QuickSenders, hold: number): string {
  const w = windowOf(l, [...pt.inRows, ...pt.outRows]);
  const kept = Math.max(0, 1 - pt.totalOut / Math.max(pt.totalIn, 1e-12));
  return (
    `account ${l.nodeIds[v]} received ${total(l, pt.inRows)} in ${pt.inRows.length} payments and paid out ${total(l, pt.outRows)} in ` +
    `${pt.outRows.length} (${day(w.start)} to ${day(w.end)}); ${Math.round((100 * pt.quick) / pt.totalIn)}% of what arrived left within ` +
    `${duration(hold)} (${pt.quickOut.length} of the outgoing payments), keeping ${Math.round(100 * kept)}%; it passed on the money of ` +
    `${qs.passed.length} of its ${qs.senders} distinct senders`
  );
}

/**
 * Non-hub accounts that pass on (≥ minPassShare within holdDays) the money of ≥ minSenders distinct non-hub senders.
 * Score 1 / (1 + active nodes × P), P the timing null of `timingP` over the account's own active span: an account
 * paying out often (AMLSim's accounts pay one amount every few days) forwards anything quickly by chance.
 * @example mules(ledger).findings[0]?.explanation
 */
export function mules(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(MULE_PARAMS, options);
  const ctx = ledgerContext(l);
  const hold = params.holdDays! * DAY;
  const findings: Finding[] = [];
  for (let v = 0; v < l.nodeCount; v++) {
    if (ctx.hub[v] || l.inStart[v + 1]! - l.inStart[v]! < params.minSenders! || l.outStart[v + 1]! === l.outStart[v]!) continue;
    const pt = passThrough(l, v, hold);
    const qs = quickSenders(l, pt, params.minPassShare!, ctx.hub);
    if (qs.passed.length < params.minSenders!) continue;
    const score = surpriseScore(timingP(l, pt, qs, activeSpan(l, v), ctx.tick), ctx.active);
    if (score < params.minScore!) continue;
    const rows = [...pt.inRows, ...pt.quickOut].sort((a, b) => a - b);
    const explanation = `${describePass(l, v, pt, qs, hold)}; ${chance(expectedFromScore(score))}.`;
    // The finding names the mule alone: its senders are often victims and its receivers the next layer.
    findings.push({ typology: 'mule', detector: 'mule', score, explanation, accounts: [l.nodeIds[v]!], transfers: rows, window: windowOf(l, rows) });
  }
  return { detector: 'mule', typology: 'mule', citation: MULE_CITATION, params, findings };
}
