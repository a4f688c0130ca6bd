/** Shared body of the fan-in and fan-out detectors: bursts of one-off counterparties turned into findings. */
import type { Ledger } from '../money/ledger.ts';
import { burstExpected, burstOf, burstScratch, burstTests, fullShare, type Burst, type Direction } from './burst.ts';
import { ledgerContext } from './context.ts';
import { chance, day, duration, total } from './explain.ts';
import { DAY, MIN_SCORE } from './params.ts';
import { expectedFromScore } from './stats.ts';
import type { Finding, ParamSpec, Params, Typology } from './types.ts';

export const FAN_PARAMS: readonly ParamSpec[] = [
  { name: 'windowDays', description: 'length of the window the counterparties must fall in', default: 7, min: 0.01, max: 3650 },
  {
    name: 'minCounterparties',
    description: 'fewest one-off counterparties that make a fan (3: the smallest star that is not a chain)',
    default: 3,
    min: 2,
    integer: true,
  },
  {
    name: 'minFullShare',
    description:
      'least share of the counterparties paying (fan-in) or paid (fan-out) at least their own typical amount (0.5: most members move money that matters to them, not a collection’s small contributions); 0 turns the test off',
    default: 0.5,
    min: 0,
    max: 1,
  },
  MIN_SCORE,
];

/** Rows leaving (fan-in) or entering (fan-out) the centre within W after the burst: where the money went next. */
function onward(l: Ledger, b: Burst, w: number): number[] {
  const [rows, lo, hi] =
    b.direction === 'in' ? [l.outRows, l.outStart[b.node]!, l.outStart[b.node + 1]!] : [l.inRows, l.inStart[b.node]!, l.inStart[b.node + 1]!];
  const from = b.direction === 'in' ? b.start : b.start - w;
  const to = b.direction === 'in' ? b.end + w : b.start;
  const out: number[] = [];
  for (let p = lo; p < hi; p++) {
    const t = l.time[rows[p]!]!;
    if (t >= from && t <= to) out.push(rows[p]!);
  }
  return out;
}

function explain(l: Ledger, b: Burst, w: number, score: number): string {
  const id = l.nodeIds[b.node];
  const k = b.counterparties.length;
  const verb =
    b.direction === 'in' ? `received ${b.rows.length} payments from ${k} distinct senders` : `sent ${b.rows.length} payments to ${k} distinct receivers`;
  const next = onward(l, b, w);
  const tail = next.length
    ? b.direction === 'in'
      ? `; then sent on ${total(l, next)} in ${next.length} payments within ${duration(w)}`
      : `; it had received ${total(l, next)} in ${next.length} payments in the ${duration(w)} before`
    : '';
  return (
    `account ${id} ${verb} totalling ${total(l, b.rows)} within ${duration(b.end - b.start)} (${day(b.start)} to ${day(b.end)}), ` +
    `none of whom dealt with it at any other time${tail}. Its own history and the ledger's average predict ${b.mu.toFixed(2)} such ` +
    `counterparties in ${duration(w)}; ${chance(expectedFromScore(score))}.`
  );
}

/**
 * Fan-in (`in`) or fan-out (`out`) findings over a ledger: each node's densest window of one-off counterparties,
 * scored by Poisson(max(own rate, ledger rate) × W) Bonferroni-corrected over nodes × windows, and by the scan
 * statistic of the node's own count over its own span, corrected over the nodes with that many (the larger E wins).
 */
export function fanFindings(l: Ledger, dir: Direction, typology: Typology, detector: string, params: Params): Finding[] {
  const ctx = ledgerContext(l);
  const w = params.windowDays! * DAY;
  const tests = burstTests(ctx, w);
  const s = burstScratch(l);
  const bursts: Burst[] = [];
  for (let v = 0; v < l.nodeCount; v++) {
    const b = burstOf(l, ctx, v, dir, w, params.minCounterparties!, s);
    if (b && b.p * tests < 1 / params.minScore! - 1) bursts.push(b);
  }
  const findings: Finding[] = [];
  for (const b of bursts) {
    const score = 1 / (1 + burstExpected(b, tests, s.candidates));
    if (score < params.minScore! || fullShare(l, b) < params.minFullShare!) continue;
    const v = b.node;
    const accounts = [l.nodeIds[v]!, ...b.counterparties.map((c) => l.nodeIds[c]!)];
    findings.push({ typology, detector, score, explanation: explain(l, b, w, score), accounts, transfers: b.rows, window: { start: b.start, end: b.end } });
  }
  return findings;
}
