/**
 * Structuring / smurfing (FATF (2005) Money Laundering & Terrorist Financing Typologies 2004–2005; 31 U.S.C. § 5324):
 * repeated payments just under a reporting threshold — USD 10,000 (FinCEN CTR), EUR 10,000 (Regulation (EU)
 * 2018/1672, cash declarations) and EUR 15,000 (Directive (EU) 2015/849 Art. 11, occasional transactions).
 */
import type { Ledger } from '../../money/ledger.ts';
import { ledgerContext } from '../context.ts';
import { chance, day, duration, money, total } from '../explain.ts';
import { DAY, MIN_SCORE, resolveParams } from '../params.ts';
import { binomialTail, expectedFromScore, surpriseScore } from '../stats.ts';
import type { DetectorResult, Finding, ParamSpec, Params } from '../types.ts';

export const STRUCTURING_CITATION =
  'FATF (2005). Money Laundering & Terrorist Financing Typologies 2004–2005 (structuring, smurfing); 31 U.S.C. § 5324; Regulation (EU) 2018/1672; Directive (EU) 2015/849 Art. 11.';

export const STRUCTURING_PARAMS: readonly ParamSpec[] = [
  { name: 'threshold', description: 'reporting threshold in each fiat currency’s main unit', default: 10_000, min: 1 },
  { name: 'secondThreshold', description: 'a second threshold (0 = none)', default: 15_000, min: 0 },
  { name: 'band', description: 'amounts in [threshold × (1 − band), threshold) are "just under"', default: 0.1, min: 0.001, max: 0.5 },
  { name: 'minCount', description: 'fewest just-under payments by one account (sent or received) within the window', default: 3, min: 2, integer: true },
  { name: 'windowDays', description: 'length of the window', default: 30, min: 0.01, max: 3650 },
  MIN_SCORE,
];

function isFiat(code: string): boolean {
  try {
    return /^[A-Z]{3}$/.test(code) && new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().currency === code;
  } catch {
    return false;
  }
}

/** For each row: 1 when just under a threshold (its threshold's index + 1 in `thresholds`), and the null share per threshold. */
function bands(l: Ledger, thresholds: number[], band: number): { flag: Uint8Array; nullShare: number[] } {
  const flag = new Uint8Array(l.size);
  const counts = thresholds.map(() => [0, 0, 0]); // just under, just above, two bands above
  const units = l.currencies.map((c) => (isFiat(c.code) ? 10 ** c.scale : 0));
  const perCurrency = new Float64Array(l.currencies.length);
  for (let r = 0; r < l.size; r++) {
    const u = units[l.currency[r]!]!;
    if (!u) continue;
    perCurrency[l.currency[r]!]++;
    const a = Number(l.units[r]!) / u;
    thresholds.forEach((t, i) => {
      const lo = t * (1 - band);
      if (a >= lo && a < t) {
        flag[r] = i + 1;
        counts[i]![0]!++;
      } else if (a >= t && a < t * (1 + band)) counts[i]![1]!++;
      else if (a >= t * (1 + band) && a < t * (1 + 2 * band)) counts[i]![2]!++;
    });
  }
  const fiatRows = perCurrency.reduce((s, x) => s + x, 0);
  // A smooth amount distribution continued below the threshold: linear extrapolation from the two bands above, never below the first.
  const nullShare = counts.map(([, a, b]) => Math.max(2 * a! - b!, a!, 1) / Math.max(1, fiatRows));
  return { flag, nullShare };
}

/** The densest window of just-under rows among a node's rows (time-sorted), for one threshold. */
function densest(l: Ledger, rows: Uint32Array, lo: number, hi: number, flag: Uint8Array, which: number, w: number): number[] {
  const hits: number[] = [];
  for (let p = lo; p < hi; p++) if (flag[rows[p]!] === which) hits.push(rows[p]!);
  let best = 0;
  let bestLen = 0;
  for (let i = 0, j = 0; i < hits.length; i++) {
    while (j < hits.length && l.time[hits[j]!]! <= l.time[hits[i]!]! + w) j++;
    if (j - i > bestLen) {
      bestLen = j - i;
      best = i;
    }
  }
  return hits.slice(best, best + bestLen);
}

/**
 * Accounts sending (or receiving) ≥ minCount fiat payments just under a threshold within windowDays. Null: each of the
 * account's payments is just under with the share the ledger's amounts just above the threshold predict; score
 * 1 / (1 + nodes × 2 directions × thresholds × P(Binomial ≥ k)).
 * @example structuring(ledger, { threshold: 10000 }).findings[0]?.explanation
 */
export function structuring(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(STRUCTURING_PARAMS, options);
  const ctx = ledgerContext(l);
  const thresholds = [params.threshold!, params.secondThreshold!].filter((t) => t > 0);
  const { flag, nullShare } = bands(l, thresholds, params.band!);
  const tests = ctx.active * 2 * thresholds.length;
  const w = params.windowDays! * DAY;
  const findings: Finding[] = [];
  for (let v = 0; v < l.nodeCount; v++) {
    for (const [rows, start, ends, verb] of [
      [l.outRows, l.outStart, l.to, 'sent'],
      [l.inRows, l.inStart, l.from, 'received'],
    ] as const) {
      const lo = start[v]!;
      const hi = start[v + 1]!;
      if (hi - lo < params.minCount!) continue;
      thresholds.forEach((t, i) => {
        const hits = densest(l, rows, lo, hi, flag, i + 1, w);
        if (hits.length < params.minCount!) return;
        const score = surpriseScore(binomialTail(hits.length, hi - lo, nullShare[i]!), tests);
        if (score < params.minScore!) return;
        const others = new Set(hits.map((r) => ends[r]!));
        const cur = l.currency[hits[0]!]!;
        const limit = money(l, BigInt(Math.round(t * 10 ** l.currencies[cur]!.scale)), cur);
        const t0 = l.time[hits[0]!]!;
        const t1 = l.time[hits[hits.length - 1]!]!;
        const explanation =
          `account ${l.nodeIds[v]} ${verb} ${hits.length} payments just under ${limit} (within ${Math.round(params.band! * 100)}%), totalling ${total(l, hits)}, ` +
          `${verb === 'sent' ? 'to' : 'from'} ${others.size} counterpart${others.size === 1 ? 'y' : 'ies'} within ${duration(t1 - t0)} (${day(t0)} to ${day(t1)}), ` +
          `out of ${hi - lo} payments it ${verb}; the ledger's amounts just above the threshold predict ${((hi - lo) * nullShare[i]!).toFixed(3)} such; ` +
          `${chance(expectedFromScore(score))}.`;
        findings.push({
          typology: 'structuring',
          detector: 'structuring',
          score,
          explanation,
          accounts: [l.nodeIds[v]!],
          transfers: hits,
          window: { start: t0, end: t1 },
        });
      });
    }
  }
  return { detector: 'structuring', typology: 'structuring', citation: STRUCTURING_CITATION, params, findings };
}
