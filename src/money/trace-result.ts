/** Turns a sweep's ledger numbers into the trace report: endpoints with the rows behind them, cash-out points, paths. */
import { formatUnits } from './amount.ts';
import { amountOf, SERVICE_CATEGORIES, type Ledger, NODE_KINDS } from './ledger.ts';
import type { TaintModel } from './taint/model.ts';
import type { Plan } from './trace-source.ts';
import type { SweepOutcome } from './trace-sweep.ts';
import type { CashOut, Endpoint, EndpointReason, Money, TracedRow, TracePath, TraceTotals } from './trace-types.ts';

/** Exact money of the traced currency, as JSON-able text. */
export type MoneyOf = (units: bigint) => Money;

export function moneyOf(l: Ledger, currency: number): MoneyOf {
  const scale = l.currencies[currency]!.scale;
  return (units) => ({ units: units.toString(), amount: formatUnits(units, scale) });
}

/** Per node, in the order they were first reached: the indexes (into outcome.rows) of the traced rows that reached it. */
export function arrivalsByNode(l: Ledger, p: Plan, o: SweepOutcome): Map<number, number[]> {
  const dst = p.forward ? l.to : l.from;
  const lists: (number[] | undefined)[] = [];
  const reached: number[] = [];
  for (let i = 0; i < o.rows.length; i++) {
    const n = dst[o.rows[i]!]!;
    const list = lists[n];
    if (list) list.push(i);
    else {
      lists[n] = [i];
      reached.push(n);
    }
  }
  return new Map(reached.map((n) => [n, lists[n]!]));
}

export function tracedRow(l: Ledger, o: SweepOutcome, i: number, money: MoneyOf): TracedRow {
  const r = o.rows[i]!;
  const scale = l.currencies[l.currency[r]!]!.scale;
  const units = amountOf(l, r);
  return {
    row: r,
    transfer: l.transferIds[r]!,
    from: l.nodeIds[l.from[r]!]!,
    to: l.nodeIds[l.to[r]!]!,
    time: l.time[r]!,
    amount: { units: units.toString(), amount: formatUnits(units, scale) },
    tainted: money(o.tainted[i]!),
    stopped: money(o.stoppedOf[i]!),
  };
}

/** What the given traced rows brought and did not stop at their far end (poison: the exposure resting there). */
function unstopped(o: SweepOutcome, idx: number[]): bigint {
  let s = 0n;
  for (const i of idx) s += o.tainted[i]! - o.stoppedOf[i]!;
  return s;
}

interface NodeFigures {
  node: number;
  endpoint: bigint;
  intermediate: bigint;
  reasons: EndpointReason[];
}

/** Classifies every reached node: what rests or stopped there (endpoint) and what it still holds after passing some on. */
export function nodeFigures(l: Ledger, p: Plan, o: SweepOutcome, model: TaintModel, arrivals: Map<number, number[]>): NodeFigures[] {
  const out: NodeFigures[] = [];
  for (const [n, idx] of arrivals) {
    const s = o.slot[n]!;
    const sent = s >= 0 ? o.sent[s]! : 0n;
    const held = s >= 0 ? (model.conserves ? o.held(s) : unstopped(o, idx)) : 0n;
    const stopped = o.stopped.get(n) ?? 0n;
    const frozen = o.frozen.get(n) ?? 0n;
    const reasons: EndpointReason[] = [];
    if (stopped > 0n) reasons.push(p.stop[n] === 2 ? 'service' : 'category');
    if (frozen > 0n) reasons.push('hop-limit');
    const rests = sent === 0n && held > 0n;
    if (rests) reasons.push('rest');
    out.push({ node: n, endpoint: stopped + frozen + (rests ? held : 0n), intermediate: rests || !model.conserves ? 0n : held, reasons });
  }
  return out;
}

const tagOf = (l: Ledger, n: number): string | null => (l.nodeTag[n]! > 0 ? l.categories[l.nodeTag[n]! - 1]! : null);

export function endpointsOf(l: Ledger, o: SweepOutcome, figures: NodeFigures[], arrivals: Map<number, number[]>, money: MoneyOf, limit: number): Endpoint[] {
  return figures
    .filter((f) => f.endpoint > 0n)
    .sort((a, b) => (a.endpoint > b.endpoint ? -1 : a.endpoint < b.endpoint ? 1 : a.node - b.node))
    .slice(0, limit)
    .map((f) => ({
      node: l.nodeIds[f.node]!,
      kind: NODE_KINDS[l.nodeKind[f.node]!]!,
      tag: tagOf(l, f.node),
      amount: money(f.endpoint),
      reasons: f.reasons,
      incoming: (arrivals.get(f.node) ?? []).map((i) => tracedRow(l, o, i, money)),
    }));
}

export function cashOutOf(l: Ledger, o: SweepOutcome, money: MoneyOf): CashOut[] {
  return [...o.stopped]
    .filter(([n]) => SERVICE_CATEGORIES.includes(tagOf(l, n) ?? ''))
    .sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : a[0] - b[0]))
    .map(([n, units]) => ({ node: l.nodeIds[n]!, tag: tagOf(l, n)!, recoverable: money(units) }));
}

export function totalsOf(p: Plan, o: SweepOutcome, figures: NodeFigures[], model: TaintModel, money: MoneyOf): TraceTotals {
  const at = figures.reduce((s, f) => s + f.endpoint, 0n);
  const mid = figures.reduce((s, f) => s + f.intermediate, 0n);
  const unspent = p.requested !== null && p.requested > o.left ? p.requested - o.left : 0n;
  return {
    left: money(o.left),
    atEndpoints: money(at),
    inIntermediate: money(mid),
    belowMinimum: money(o.belowMinimum),
    unspentAtSource: money(unspent),
    conserved: model.conserves && o.left === at + mid + o.belowMinimum,
  };
}

/**
 * The heaviest way to each of the top endpoints: from the endpoint back along the traced row that brought most,
 * taken no later (backward: no earlier) than the row after it, until a row that carried source money.
 */
export function pathsOf(l: Ledger, p: Plan, o: SweepOutcome, ends: Endpoint[], arrivals: Map<number, number[]>, money: MoneyOf, k: number): TracePath[] {
  const index = new Map([...arrivals.keys()].map((n) => [l.nodeIds[n]!, n] as const));
  const src = p.forward ? l.from : l.to;
  return ends.slice(0, k).map((e) => {
    const hops: number[] = [];
    let n = index.get(e.node)!;
    let bound = p.forward ? Infinity : -Infinity;
    for (let step = 0; step < p.maxHops; step++) {
      let best = -1;
      for (const i of arrivals.get(n) ?? []) {
        const t = l.time[o.rows[i]!]!;
        if ((p.forward ? t > bound : t < bound) || hops.includes(i)) continue;
        if (best < 0 || o.tainted[i]! > o.tainted[best]!) best = i;
      }
      if (best < 0) break;
      hops.push(best);
      if (p.inject.has(o.rows[best]!)) break;
      bound = l.time[o.rows[best]!]!;
      n = src[o.rows[best]!]!;
    }
    hops.reverse();
    return { endpoint: e.node, amount: e.incoming.length ? money(o.tainted[hops[hops.length - 1] ?? 0] ?? 0n) : money(0n), hops: hops.map((i) => tracedRow(l, o, i, money)) };
  });
}
