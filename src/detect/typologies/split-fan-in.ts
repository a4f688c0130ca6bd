/**
 * Fan-in of split payments (FATF smurfing; IBM AMLSim fan_in, whose members each send several small transactions):
 * one account receiving split payments from several distinct payers, at any times over the whole ledger.
 */
import type { Ledger } from '../../money/ledger.ts';
import { ledgerContext } from '../context.ts';
import { chance, day, total } from '../explain.ts';
import { DAY, MIN_SCORE, resolveParams } from '../params.ts';
import { splitScan, type SplitBurst } from '../split-core.ts';
import { SPLIT_CITATION, SPLIT_PARAMS } from '../split-params.ts';
import { expectedFromScore, logFactorial, surpriseScore } from '../stats.ts';
import type { DetectorResult, Finding, ParamSpec, Params } from '../types.ts';
import { usual } from './split-payment.ts';

export const SPLIT_FAN_IN_CITATION = SPLIT_CITATION;

export const SPLIT_FAN_IN_PARAMS: readonly ParamSpec[] = [
  ...SPLIT_PARAMS.filter((p) => p.name !== 'minScore'),
  {
    name: 'minSenders',
    description: 'fewest distinct payers each splitting payments into the account (2: each part already carries its own evidence)',
    default: 2,
    min: 2,
    integer: true,
  },
  MIN_SCORE,
];

/** Distinct senders of v. */
function sendersOf(l: Ledger, v: number): number {
  const seen = new Set<number>();
  for (let p = l.inStart[v]!; p < l.inStart[v + 1]!; p++) {
    const s = l.from[l.inRows[p]!]!;
    if (s !== v) seen.add(s);
  }
  return seen.size;
}

function explain(l: Ledger, v: number, bursts: SplitBurst[], singles: SplitBurst[], m: number, share: number, score: number): string {
  const rows = bursts.flatMap((b) => b.smallRows);
  const days = [...new Set(bursts.map((b) => day(b.start)))].sort();
  const extra = singles.length
    ? `; ${singles.length} other payer${singles.length === 1 ? '' : 's'} also sent it single payments that small (${total(
        l,
        singles.flatMap((b) => b.smallRows),
      )})`
    : '';
  return (
    `account ${l.nodeIds[v]} received split payments from ${bursts.length} distinct payers (of its ${m} senders): ` +
    `${rows.length} payments totalling ${total(l, rows)}, in bursts of ${bursts.map((b) => b.rows.length).join(', ')} on ${days.join(', ')}, ` +
    `each far below what the account usually moves (${usual(l, v, rows[0]!, share)}) and what its payers do${extra}; ` +
    `multiplying each payer's chance under the ledger's rates, ${chance(expectedFromScore(score))}.`
  );
}

/**
 * Accounts receiving split bursts (see split-payment) from ≥ minSenders distinct payers over the whole ledger. Null: the
 * bursts are independent, each as likely as its pair's Poisson null says; P = C(non-hub senders, k) × Π p_i (which
 * k of its senders), score 1 / (1 + active accounts × P). Payers that sent single payments this small join the
 * finding as members.
 * @example splitFanIns(ledger).findings[0]?.accounts // [receiver, payers…]
 */
export function splitFanIns(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(SPLIT_FAN_IN_PARAMS, options);
  const ctx = ledgerContext(l);
  const scan = splitScan(l, ctx, params.windowDays! * DAY, params.maxShare!);
  const findings: Finding[] = [];
  for (const [v, all] of scan.byReceiver) {
    const bursts = all.filter((b) => b.rows.length >= params.minPayments!);
    if (bursts.length === 0 || all.length < params.minSenders!) continue;
    const m = Math.max(all.length, sendersOf(l, v));
    let logP = logFactorial(m) - logFactorial(all.length) - logFactorial(m - all.length);
    for (const b of all) logP += Math.log(Math.max(b.p, 1e-300));
    const score = surpriseScore(Math.min(1, Math.exp(logP)), ctx.active);
    if (score < params.minScore!) continue;
    const singles = all.filter((b) => b.rows.length < params.minPayments!);
    const rows = all.flatMap((b) => b.smallRows).sort((a, b) => a - b);
    findings.push({
      typology: 'split-fan-in',
      detector: 'split-fan-in',
      score,
      explanation: explain(l, v, bursts, singles, m, params.maxShare!, score),
      accounts: [v, ...bursts.map((b) => b.sender), ...singles.map((b) => b.sender)].map((n) => l.nodeIds[n]!),
      transfers: rows,
      window: { start: l.time[rows[0]!]!, end: l.time[rows[rows.length - 1]!]! },
    });
  }
  return { detector: 'split-fan-in', typology: 'split-fan-in', citation: SPLIT_CITATION, params, findings };
}
