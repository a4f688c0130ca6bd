/**
 * Follow the money: a time-respecting trace over the ledger from a node or a transfer, forward (where did it go)
 * or backward (where did it come from), under one taint model (poison, haircut, FIFO: Möser, Böhme & Breuker 2014),
 * stopping at services (the cash-out points). Pure: a Ledger in, a plain JSON-able report out. See docs/money.md.
 */
import type { Ledger } from './ledger.ts';
import { fifo } from './taint/fifo.ts';
import { haircut } from './taint/haircut.ts';
import type { TaintModelFactory } from './taint/model.ts';
import { poison } from './taint/poison.ts';
import { arrivalsByNode, cashOutOf, endpointsOf, moneyOf, nodeFigures, pathsOf, totalsOf } from './trace-result.ts';
import { flowsOf } from './trace-flows.ts';
import { planTrace } from './trace-source.ts';
import { sweep, type SweepDrive } from './trace-sweep.ts';
import type { TraceModelName, TraceOptions, TraceResult } from './trace-types.ts';

export type * from './trace-types.ts';

/** The taint models, registered here and nowhere else. */
export const TAINT_MODELS: Record<TraceModelName, TaintModelFactory> = { poison, haircut, fifo };

export const TRACE_CITATION =
  'Möser, Böhme & Breuker (2014), Towards risk scoring of Bitcoin transactions, FC 2014 Workshops (poison, haircut, FIFO); time-respecting paths as in GraphSense and Chainalysis Reactor';

/**
 * Traces the source's money through the ledger.
 * @example
 * const r = trace(ledger, { from: { node: 'bank.victim', time: Date.parse('2024-03-01') / 1000, amount: '5000' }, model: 'fifo' });
 * r.cashOut // [{ node: 'chain.w-exchange', tag: 'exchange', recoverable: { units: '49000000', amount: '4900' } }]
 */
export function trace(l: Ledger, options: TraceOptions): TraceResult {
  return traceBy(l, options, 'auto');
}

/** `trace` with the sweep's drive chosen (scan or events: the same report; for tests and the bench). */
export function traceBy(l: Ledger, options: TraceOptions, drive: SweepDrive): TraceResult {
  const plan = planTrace(l, options);
  const name = options.model ?? 'fifo';
  const model = TAINT_MODELS[name]({ ledger: l, maxHops: plan.maxHops, forward: plan.forward, currency: plan.currency, since: plan.since, until: plan.until });
  const o = sweep(l, plan, model, drive);
  const money = moneyOf(l, plan.currency);
  const arrivals = arrivalsByNode(l, plan, o);
  const figures = nodeFigures(l, plan, o, model, arrivals);
  const endpoints = endpointsOf(l, o, figures, arrivals, money, options.maxEndpoints ?? 1000);
  const totals = totalsOf(plan, o, figures, model, money);
  const f = options.from;
  const rate = options.rates?.values[l.currencies[plan.currency]!.code];
  return {
    algorithm: 'trace',
    model: name,
    citation: TRACE_CITATION,
    direction: plan.forward ? 'forward' : 'backward',
    source: {
      node: plan.sourceNode >= 0 ? l.nodeIds[plan.sourceNode]! : null,
      transfer: 'transfer' in f ? f.transfer : 'row' in f ? l.transferIds[f.row]! : null,
      row: 'row' in f ? f.row : null,
      time: plan.sourceTime,
      amount: plan.requested === null ? null : money(plan.requested),
    },
    params: {
      maxHops: plan.maxHops,
      minAmount: money(plan.minUnits),
      stopAtServices: options.stopAtServices ?? true,
      stopCategories: [...(options.stopCategories ?? [])],
      since: options.since ?? null,
      until: options.until ?? null,
    },
    currency: l.currencies[plan.currency]!.code,
    totals,
    endpoints,
    endpointCount: figures.filter((x) => x.endpoint > 0n).length,
    cashOut: cashOutOf(l, o, money),
    intermediate: figures.filter((x) => x.intermediate > 0n).map((x) => ({ node: l.nodeIds[x.node]!, held: money(x.intermediate) })),
    paths: pathsOf(l, plan, o, endpoints, arrivals, money, options.topPaths ?? 10),
    notFollowed: [...o.notFollowed].map(([c, rows]) => ({ currency: l.currencies[c]!.code, rows })),
    ...flowsOf(l, o, money, options.maxFlows ?? 2000),
    rowsTraced: o.rows.length,
    nodesReached: arrivals.size,
    summary:
      rate !== undefined && options.rates
        ? { reference: options.rates.reference, value: (Number(o.left) / 10 ** l.currencies[plan.currency]!.scale) * rate, approximate: true }
        : null,
  };
}
