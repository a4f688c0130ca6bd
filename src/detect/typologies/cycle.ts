/**
 * Cycle (IBM AMLSim typology "cycle"; Altman et al. 2023): money leaving an account and coming back to it through
 * others, each hop at or after the one before, found by a bounded time-respecting depth-first search in the manner
 * of Johnson (1975) restricted to temporal paths as in 2SCENT (Kumar & Calders 2018).
 */
import { amountOf, approxAmount, type Ledger } from '../../money/ledger.ts';
import { amountDistribution, similarShare, type AmountDistribution } from '../amounts.ts';
import { ledgerContext, type LedgerContext } from '../context.ts';
import { chance, day, duration, money } from '../explain.ts';
import { DAY, MIN_SCORE, resolveParams } from '../params.ts';
import { expectedFromScore, surpriseScore } from '../stats.ts';
import { firstOutAt, temporalBranching } from '../temporal.ts';
import type { DetectorResult, Finding, ParamSpec, Params } from '../types.ts';

export const CYCLE_CITATION =
  'IBM AMLSim, typology cycle; Altman et al. (2023), NeurIPS Datasets & Benchmarks; Johnson, D. B. (1975). Finding all the elementary circuits of a directed graph. SIAM J. Comput. 4(1), 77–84; Kumar, R. & Calders, T. (2018). 2SCENT: an efficient algorithm for enumerating all simple temporal cycles. PVLDB 11(11), 1441–1453.';

export const CYCLE_PARAMS: readonly ParamSpec[] = [
  { name: 'minLength', description: 'fewest hops (2 would be every pair of friends paying each other back)', default: 3, min: 2, max: 12, integer: true },
  { name: 'maxLength', description: 'most hops searched', default: 6, min: 2, max: 12, integer: true },
  { name: 'windowDays', description: 'the whole cycle must close within this many days of its first hop', default: 30, min: 0.01, max: 3650 },
  {
    name: 'amountTolerance',
    description: 'each hop carries within ±this share of the previous hop (laundered money moves on almost whole)',
    default: 0.2,
    min: 0,
    max: 1,
  },
  { name: 'maxVisits', description: 'search steps per first hop, bounding the search on dense parts', default: 2000, min: 10, integer: true },
  MIN_SCORE,
];

interface Search {
  l: Ledger;
  ctx: LedgerContext;
  params: Params;
  onPath: Uint8Array;
  rows: number[];
  nodes: number[];
  visits: number;
  found: { nodes: number[]; rows: number[] }[];
}

function extend(s: Search, x: number, tPrev: number, aPrev: number, deadline: number): void {
  const { l, params } = s;
  const tol = params.amountTolerance!;
  for (let p = firstOutAt(l, x, tPrev); p < l.outStart[x + 1]!; p++) {
    if (++s.visits > params.maxVisits!) return;
    const r = l.outRows[p]!;
    if (l.time[r]! > deadline) return;
    const a = approxAmount(l, r);
    if (a < aPrev * (1 - tol) || a > aPrev * (1 + tol)) continue;
    const y = l.to[r]!;
    const hops = s.rows.length + 1;
    if (y === s.nodes[0]) {
      if (hops >= params.minLength!) s.found.push({ nodes: [...s.nodes], rows: [...s.rows, r] });
      continue;
    }
    if (s.onPath[y] || s.ctx.hub[y] || hops >= params.maxLength!) continue;
    s.onPath[y] = 1;
    s.nodes.push(y);
    s.rows.push(r);
    extend(s, y, l.time[r]!, a, deadline);
    s.rows.pop();
    s.nodes.pop();
    s.onPath[y] = 0;
  }
}

/** Rows from the payer of row r to its payee, r included. */
function pairRows(l: Ledger, r: number): number {
  const x = l.from[r]!;
  const y = l.to[r]!;
  let n = 0;
  for (let p = l.outStart[x]!; p < l.outStart[x + 1]!; p++) if (l.to[l.outRows[p]!] === y) n++;
  return n;
}

/**
 * E for one cycle: time-respecting paths of its length × chance each further hop carries a similar amount × chance of
 * closing. A hop along a standing relationship (the pair has ≥ 2 other rows: a merchant paying its supplier weekly)
 * repeats its usual amount by habit, so its similarity is no evidence (chance 1).
 */
function expected(l: Ledger, dist: AmountDistribution, c: { rows: number[] }, branching: number, active: number, tol: number): number {
  let pAmounts = 1;
  for (let i = 1; i < c.rows.length; i++) if (pairRows(l, c.rows[i]!) < 3) pAmounts *= similarShare(dist, approxAmount(l, c.rows[i - 1]!), tol);
  const hops = c.rows.length;
  return l.size * branching ** (hops - 1) * Math.min(1, branching / Math.max(1, active)) * pAmounts;
}

function explain(l: Ledger, c: { nodes: number[]; rows: number[] }, score: number): string {
  const path = [...c.nodes, c.nodes[0]!].map((v) => l.nodeIds[v]).join(' → ');
  const amounts = c.rows.map((r) => money(l, amountOf(l, r), l.currency[r]!)).join(', ');
  const t0 = l.time[c.rows[0]!]!;
  const t1 = l.time[c.rows[c.rows.length - 1]!]!;
  return `money went round a ${c.rows.length}-hop cycle ${path} within ${duration(t1 - t0)} (${day(t0)} to ${day(t1)}), each hop at or after the previous, carrying ${amounts}; ${chance(expectedFromScore(score))}.`;
}

/**
 * Time-respecting cycles of minLength..maxLength hops that close within `windowDays`, each hop carrying an amount
 * within ±amountTolerance of the hop before, not through hubs. Searched from every row as the cycle's earliest hop,
 * so each cycle is found once. Score 1 / (1 + E), E = rows × b^(L−1) × min(1, b / nodes) × Π P(similar amount),
 * b the ledger's temporal branching (rows leaving a receiver within the window), amounts from the ledger's distribution
 * (hops along standing relationships, pairs with ≥ 2 other rows, count as similar by habit).
 * @example cycles(ledger, { maxLength: 5 }).findings[0]?.accounts // the nodes in order of the money
 */
export function cycles(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(CYCLE_PARAMS, options);
  const ctx = ledgerContext(l);
  const dist = amountDistribution(l);
  const w = params.windowDays! * DAY;
  const branching = Math.max(1, temporalBranching(l, w, ctx.hub));
  const s: Search = { l, ctx, params, onPath: new Uint8Array(l.nodeCount), rows: [], nodes: [], visits: 0, found: [] };
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (let r0 = 0; r0 < l.size; r0++) {
    const u = l.from[r0]!;
    const v = l.to[r0]!;
    if (u === v || ctx.hub[u] || ctx.hub[v]) continue;
    s.nodes = [u, v];
    s.rows = [r0];
    s.visits = 0;
    s.found = [];
    s.onPath[u] = s.onPath[v] = 1;
    extend(s, v, l.time[r0]!, approxAmount(l, r0), l.time[r0]! + w);
    s.onPath[u] = s.onPath[v] = 0;
    for (const c of s.found) {
      const key = [...c.nodes].sort((a, b) => a - b).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      const score = surpriseScore(expected(l, dist, c, branching, ctx.active, params.amountTolerance!), 1);
      if (score < params.minScore!) continue;
      const window = { start: l.time[c.rows[0]!]!, end: l.time[c.rows[c.rows.length - 1]!]! };
      findings.push({
        typology: 'cycle',
        detector: 'cycle',
        score,
        explanation: explain(l, c, score),
        accounts: c.nodes.map((n) => l.nodeIds[n]!),
        transfers: c.rows,
        window,
      });
    }
  }
  return { detector: 'cycle', typology: 'cycle', citation: CYCLE_CITATION, params, findings };
}
