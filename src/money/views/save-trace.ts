/**
 * Saving a trace to a case: the traced sub-network becomes a link chart of that case (accounts, wallets and the
 * transfers that carried traced money), with the trace's request and figures kept in the chart's state, so the
 * case's members reopen it on the chart and can run it again. Audited as `money.trace.save` (and `chart.save`).
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../../model/context.ts';
import type { Chart, JsonValue, Store } from '../../store/port.ts';
import type { TraceResult } from '../trace-types.ts';
import type { TraceRequest, TraceView } from './trace-view.ts';

export interface SaveTraceInput {
  name: string;
  /** The case (a compartment; '' = personal). */
  case: string;
}

/** The transfers behind a trace's numbers: the source transfer, every endpoint's incoming rows and every path's hops. */
function transfersOf(r: TraceResult): string[] {
  const ids = new Set<string>(r.source.transfer ? [r.source.transfer] : []);
  for (const e of r.endpoints) for (const t of e.incoming) ids.add(t.transfer);
  for (const p of r.paths) for (const h of p.hops) ids.add(h.transfer);
  return [...ids].sort();
}

/**
 * Writes the chart and audits the save.
 * @example const chart = await saveTrace(ctx, store, req, view, result, { name: 'Victim 17 → Kryptex', case: 'op-trident' });
 */
export async function saveTrace(ctx: Context, store: Store, req: TraceRequest, view: TraceView, result: TraceResult, input: SaveTraceInput): Promise<Chart> {
  const root = result.source.node;
  const nodes = new Set<string>(root ? [root] : []);
  for (const f of view.flows) nodes.add(f.from).add(f.to);
  const state = {
    version: 1,
    nodes: [...nodes].sort(),
    edges: transfersOf(result),
    positions: {},
    pinned: root ? [root] : [],
    hidden: [],
    groups: [],
    layout: 'hierarchical',
    colourBy: null,
    sizeBy: null,
    window: null,
    trace: {
      request: JSON.parse(JSON.stringify(req)) as JsonValue,
      model: view.model,
      direction: view.direction,
      currency: view.currency,
      left: view.totals.left.amount,
      cashOut: view.cashOut.map((c) => ({ id: c.id, tag: c.tag, recoverable: c.recoverable })),
      endpoints: view.endpoints.slice(0, 100).map((e) => ({ id: e.id, amount: e.amount })),
      savedAt: new Date().toISOString(),
    },
  };
  const chart = await store.putChart(ctx, { id: `trace-${randomUUID()}`, name: input.name, case: input.case, state: state as JsonValue });
  await store.appendAudit(ctx, {
    action: 'money.trace.save',
    target: chart.id,
    detail: { from: req.from, model: view.model, direction: view.direction, case: input.case, cashOut: view.cashOut.length, endpoints: view.endpointCount },
  });
  return chart;
}
