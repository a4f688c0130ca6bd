/**
 * Scatter-gather (IBM AMLSim typology "scatter_gather"; Altman et al. 2023): one source splits money over several
 * intermediates that each pass it on, within a window, to the same destination.
 */
import { approxAmount, type Ledger } from '../../money/ledger.ts';
import { ledgerContext } from '../context.ts';
import { chance, day, duration, total, windowOf } from '../explain.ts';
import { DAY, MIN_SCORE, resolveParams } from '../params.ts';
import { expectedFromScore, poissonTail, surpriseScore } from '../stats.ts';
import { firstOutAt } from '../temporal.ts';
import type { DetectorResult, Finding, ParamSpec, Params } from '../types.ts';

export const SCATTER_GATHER_CITATION = 'IBM AMLSim, typology scatter_gather (github.com/IBM/AMLSim); Altman et al. (2023), NeurIPS Datasets & Benchmarks.';

export const SCATTER_GATHER_PARAMS: readonly ParamSpec[] = [
  { name: 'windowDays', description: 'an intermediate must pass the money on within this many days', default: 7, min: 0.01, max: 3650 },
  { name: 'minIntermediates', description: 'fewest distinct intermediates between source and destination', default: 3, min: 2, integer: true },
  { name: 'amountTolerance', description: 'an intermediate passes on between (1 − this) and (1 + this) × what it got', default: 0.5, min: 0, max: 10 },
  MIN_SCORE,
];

interface Pair {
  intermediates: Set<number>;
  rows: number[];
  /** Σ over intermediates of their onward rows in the window × P(a row goes to this destination). */
  mu: number;
}

/** For source s: destinations reached through distinct non-hub intermediates within the window. */
function pairsFrom(l: Ledger, s: number, hub: Uint8Array, params: Params): Map<number, Pair> {
  const w = params.windowDays! * DAY;
  const tol = params.amountTolerance!;
  const pairs = new Map<number, Pair>();
  for (let p = l.outStart[s]!; p < l.outStart[s + 1]!; p++) {
    const r1 = l.outRows[p]!;
    const m = l.to[r1]!;
    if (m === s || hub[m]) continue;
    const t1 = l.time[r1]!;
    const a1 = approxAmount(l, r1);
    const lo = firstOutAt(l, m, t1);
    const hi = firstOutAt(l, m, t1 + w + 1e-6);
    for (let q = lo; q < hi; q++) {
      const r2 = l.outRows[q]!;
      const t = l.to[r2]!;
      const a2 = approxAmount(l, r2);
      if (t === s || t === m || a2 < a1 * (1 - tol) || a2 > a1 * (1 + tol)) continue;
      let pair = pairs.get(t);
      if (!pair) pairs.set(t, (pair = { intermediates: new Set(), rows: [], mu: 0 }));
      if (!pair.intermediates.has(m)) pair.mu += (hi - lo) * ((l.inStart[t + 1]! - l.inStart[t]!) / l.size);
      pair.intermediates.add(m);
      pair.rows.push(r1, r2);
    }
  }
  return pairs;
}

function explain(l: Ledger, s: number, t: number, pair: Pair, score: number): string {
  const out = pair.rows.filter((_, i) => i % 2 === 0);
  const back = pair.rows.filter((_, i) => i % 2 === 1);
  const w = windowOf(l, pair.rows);
  return (
    `account ${l.nodeIds[s]} sent ${total(l, new Set(out))} to ${pair.intermediates.size} intermediates, which passed ${total(l, new Set(back))} ` +
    `on to account ${l.nodeIds[t]} within ${duration(w.end - w.start)} (${day(w.start)} to ${day(w.end)}); the destination's share of the ledger's ` +
    `rows predicts ${pair.mu.toFixed(3)} such intermediates; ${chance(expectedFromScore(score))}.`
  );
}

/**
 * Source → k intermediates → one destination, each intermediate forwarding a similar amount within `windowDays`.
 * Null: each intermediate's onward rows go to the destination with probability in-rows(destination) / rows, so the
 * number of intermediates is Poisson(Σ onward rows × that share); score 1 / (1 + pairs examined × P(X ≥ k)).
 * @example scatterGather(ledger).findings[0]?.accounts // [source, destination, ...intermediates]
 */
export function scatterGather(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(SCATTER_GATHER_PARAMS, options);
  const ctx = ledgerContext(l);
  const candidates: { s: number; t: number; pair: Pair; p: number }[] = [];
  let tests = 0;
  for (let s = 0; s < l.nodeCount; s++) {
    if (ctx.hub[s] || l.outStart[s + 1]! - l.outStart[s]! < params.minIntermediates!) continue;
    const pairs = pairsFrom(l, s, ctx.hub, params);
    tests += pairs.size;
    for (const [t, pair] of pairs) {
      if (pair.intermediates.size >= params.minIntermediates!) candidates.push({ s, t, pair, p: poissonTail(pair.intermediates.size, pair.mu) });
    }
  }
  const findings: Finding[] = [];
  for (const { s, t, pair, p } of candidates) {
    const score = surpriseScore(p, tests);
    if (score < params.minScore!) continue;
    const accounts = [s, t, ...pair.intermediates].map((n) => l.nodeIds[n]!);
    const rows = [...new Set(pair.rows)].sort((a, b) => a - b);
    findings.push({
      typology: 'scatter-gather',
      detector: 'scatter-gather',
      score,
      explanation: explain(l, s, t, pair, score),
      accounts,
      transfers: rows,
      window: windowOf(l, rows),
    });
  }
  return { detector: 'scatter-gather', typology: 'scatter-gather', citation: SCATTER_GATHER_CITATION, params, findings };
}
