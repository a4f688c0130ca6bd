/**
 * Peel chain (Meiklejohn, S. et al. (2013). A Fistful of Bitcoins: characterizing payments among men with no names.
 * IMC '13, 127–140): a long chain of hops, each peeling a small payment off and passing the large remainder to a fresh
 * address (or account) that does the same.
 */
import { amountOf, approxAmount, type Ledger } from '../../money/ledger.ts';
import { ledgerContext } from '../context.ts';
import { chance, day, duration, money, total, windowOf } from '../explain.ts';
import { DAY, MIN_SCORE, resolveParams } from '../params.ts';
import { expectedFromScore, surpriseScore } from '../stats.ts';
import type { DetectorResult, Finding, ParamSpec, Params } from '../types.ts';

export const PEEL_CITATION = 'Meiklejohn, S. et al. (2013). A Fistful of Bitcoins: characterizing payments among men with no names. IMC ’13, 127–140.';

export const PEEL_PARAMS: readonly ParamSpec[] = [
  { name: 'minLength', description: 'fewest peeling hops in a chain', default: 4, min: 2, integer: true },
  {
    name: 'maxPeelShare',
    description: 'a peel is at most this share of what the hop received; the remainder at least 1 − this',
    default: 0.3,
    min: 0.001,
    max: 0.5,
  },
  { name: 'maxInputs', description: 'a hop receives at most this many payments in all (fresh addresses)', default: 2, min: 1, integer: true },
  { name: 'holdDays', description: 'a hop pays out within this many days of receiving', default: 3, min: 0.01, max: 365 },
  MIN_SCORE,
];

interface Step {
  /** The row carrying the remainder on. */
  rest: number;
  peels: number[];
}

/** Is v a peel hop: few inputs, then ≥ 2 outputs within holdDays: one remainder ≥ (1 − s) of the input, peels ≤ s, nothing kept. */
function stepAt(l: Ledger, v: number, params: Params): Step | null {
  const nIn = l.inStart[v + 1]! - l.inStart[v]!;
  const nOut = l.outStart[v + 1]! - l.outStart[v]!;
  if (nIn === 0 || nIn > params.maxInputs! || nOut < 2 || nOut > 4) return null;
  let received = 0;
  let last = 0;
  for (let p = l.inStart[v]!; p < l.inStart[v + 1]!; p++) {
    received += approxAmount(l, l.inRows[p]!);
    last = Math.max(last, l.time[l.inRows[p]!]!);
  }
  let rest = -1;
  let paid = 0;
  const peels: number[] = [];
  const s = params.maxPeelShare!;
  for (let p = l.outStart[v]!; p < l.outStart[v + 1]!; p++) {
    const r = l.outRows[p]!;
    const a = approxAmount(l, r);
    if (l.time[r]! < last || l.time[r]! > last + params.holdDays! * DAY) return null;
    paid += a;
    if (a >= (1 - s) * received && rest < 0) rest = r;
    else if (a <= s * received) peels.push(r);
    else return null;
  }
  return rest >= 0 && peels.length > 0 && paid >= 0.9 * received && paid <= received * 1.0001 ? { rest, peels } : null;
}

/** Where the remainder of `step` continues: its receiver, or through a one-in one-out pass node (a UTXO change address). */
function nextHop(l: Ledger, steps: Map<number, Step>, step: Step): { node: number; via: number[] } | null {
  const x = l.to[step.rest]!;
  if (steps.has(x)) return { node: x, via: [] };
  if (l.inStart[x + 1]! - l.inStart[x]! !== 1 || l.outStart[x + 1]! - l.outStart[x]! !== 1) return null;
  const r = l.outRows[l.outStart[x]!]!;
  const y = l.to[r]!;
  return steps.has(y) && approxAmount(l, r) >= 0.99 * approxAmount(l, step.rest) ? { node: y, via: [x, r] } : null;
}

/**
 * Chains of ≥ minLength peel hops, each hop's remainder reaching the next. Null: a hop's remainder lands on another
 * peel hop with the chance that a random active node is one (π = hops / active nodes); E = hops × π^(L − 1).
 * @example peelChains(ledger).findings[0]?.accounts // the hops in order
 */
export function peelChains(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(PEEL_PARAMS, options);
  const ctx = ledgerContext(l);
  const steps = new Map<number, Step>();
  for (let v = 0; v < l.nodeCount; v++) {
    const s = ctx.hub[v] ? null : stepAt(l, v, params);
    if (s) steps.set(v, s);
  }
  const pi = steps.size / Math.max(1, ctx.active);
  const reached = new Set<number>();
  for (const s of steps.values()) {
    const n = nextHop(l, steps, s);
    if (n) reached.add(n.node);
  }
  const findings: Finding[] = [];
  for (const [head] of steps) {
    if (reached.has(head)) continue;
    const nodes: number[] = [];
    const rows: number[] = [...Array.from({ length: l.inStart[head + 1]! - l.inStart[head]! }, (_, k) => l.inRows[l.inStart[head]! + k]!)];
    const peels: number[] = [];
    let hops = 0;
    const seen = new Set<number>();
    for (let v: number | undefined = head; v !== undefined && !seen.has(v);) {
      seen.add(v);
      const s = steps.get(v)!;
      hops++;
      nodes.push(v);
      rows.push(s.rest, ...s.peels);
      peels.push(...s.peels);
      const n = nextHop(l, steps, s);
      if (n && n.via.length) {
        nodes.push(n.via[0]!);
        rows.push(n.via[1]!);
      }
      v = n?.node;
    }
    if (hops < params.minLength!) continue;
    const score = surpriseScore(steps.size * pi ** (hops - 1), 1);
    if (score < params.minScore!) continue;
    const w = windowOf(l, rows);
    const first = rows[0]!;
    const explanation =
      `a chain of ${hops} hops from account ${l.nodeIds[head]} to ${l.nodeIds[nodes[nodes.length - 1]!]} within ${duration(w.end - w.start)} ` +
      `(${day(w.start)} to ${day(w.end)}): starting from ${money(l, amountOf(l, first), l.currency[first]!)}, each hop peeled off a small payment ` +
      `(${peels.length} peels totalling ${total(l, peels)}) and passed the remainder on; ${(100 * pi).toFixed(3)}% of the ledger's accounts ` +
      `look like a peel hop; ${chance(expectedFromScore(score))}.`;
    findings.push({
      typology: 'peel-chain',
      detector: 'peel-chain',
      score,
      explanation,
      accounts: nodes.map((n) => l.nodeIds[n]!),
      transfers: rows.sort((a, b) => a - b),
      window: w,
    });
  }
  return { detector: 'peel-chain', typology: 'peel-chain', citation: PEEL_CITATION, params, findings };
}
