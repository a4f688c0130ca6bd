/**
 * Split payments (FATF smurfing): one payer paying one payee several times within a short window, each payment far
 * below what both of them usually move — a sum cut into pieces that stay under every eye.
 */
import type { Ledger } from '../../money/ledger.ts';
import { amountProfile } from '../amount-profile.ts';
import { ledgerContext } from '../context.ts';
import { chance, day, duration, money, total } from '../explain.ts';
import { DAY, resolveParams } from '../params.ts';
import { splitScan, type SplitBurst } from '../split-core.ts';
import { SPLIT_CITATION, SPLIT_PARAMS } from '../split-params.ts';
import { expectedFromScore, surpriseScore } from '../stats.ts';
import type { DetectorResult, Finding, Params } from '../types.ts';

export { SPLIT_CITATION as SPLIT_PAYMENT_CITATION };
export const SPLIT_PAYMENT_PARAMS = SPLIT_PARAMS;

/** A node's typical amount ("48.00 EUR", the median of its yardstick) in the currency of a row. */
export function usual(l: Ledger, v: number, row: number, share: number): string {
  const c = l.currency[row]!;
  const units = BigInt(Math.round(10 ** amountProfile(l, share).median[v]! * 10 ** l.currencies[c]!.scale));
  return money(l, units, c);
}

/** Plain-language account of one split burst. */
export function describeSplit(l: Ledger, b: SplitBurst, share: number): string {
  const r0 = b.rows[0]!;
  return (
    `account ${l.nodeIds[b.sender]} paid account ${l.nodeIds[b.receiver]} ${b.rows.length} times within ${duration(b.end - b.start)} ` +
    `(${day(b.start)}), ${total(l, b.rows)} in all, each far below what either usually moves (typical amounts with their ` +
    `counterparties ${usual(l, b.sender, r0, share)} and ${usual(l, b.receiver, r0, share)})`
  );
}

/**
 * Pairs with ≥ minPayments payments within windowDays, each at most maxShare × the payer’s and the payee’s typical amount.
 * Null: a pair's rows arrive at max(its own rate elsewhere, the ledger's mean pair rate) and each is such an outlier
 * with the ledger's share q of them, so the count in a window is Poisson(q × rate × W); score 1 / (1 + pairs ×
 * windows × P(X ≥ k)).
 * @example splitPayments(ledger).findings[0]?.accounts // [payee, payer]
 */
export function splitPayments(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(SPLIT_PARAMS, options);
  const scan = splitScan(l, ledgerContext(l), params.windowDays! * DAY, params.maxShare!);
  const findings: Finding[] = [];
  for (const bursts of scan.byReceiver.values())
    for (const b of bursts) {
      if (b.rows.length < params.minPayments!) continue;
      const score = surpriseScore(b.p, scan.tests);
      if (score < params.minScore!) continue;
      const explanation =
        `${describeSplit(l, b, params.maxShare!)}; the pair's own rate and the ledger's share of such small payments (${(100 * scan.q).toFixed(2)}%) ` +
        `predict ${b.mu.toExponential(1)} in ${duration(params.windowDays! * DAY)}; ${chance(expectedFromScore(score))}.`;
      findings.push({
        typology: 'split-payment',
        detector: 'split-payment',
        score,
        explanation,
        accounts: [l.nodeIds[b.receiver]!, l.nodeIds[b.sender]!],
        transfers: b.rows,
        window: { start: b.start, end: b.end },
      });
    }
  return { detector: 'split-payment', typology: 'split-payment', citation: SPLIT_CITATION, params, findings };
}
