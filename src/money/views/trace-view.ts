/**
 * A trace over the store, as the API, the CLI and the money-flow view show it: the caller's ledger, the source
 * named by an entity id (account, wallet, payment, crypto transfer or UTXO transaction), the trace, and every
 * node named by its caption, with flows layered by hop so that a Sankey diagram stays acyclic.
 */
import { ValidationError } from '../../errors.ts';
import type { Context } from '../../model/context.ts';
import type { Store } from '../../store/port.ts';
import { nodeIndex } from '../ledger.ts';
import { loadLedger } from '../load.ts';
import { trace } from '../trace.ts';
import type { Money, TraceDirection, TraceModelName, TraceOptions, TraceResult, TraceSource } from '../trace-types.ts';

export interface TraceRequest {
  /** Entity id of an account, wallet, payment, crypto transfer (leg) or UTXO transaction. */
  from: string;
  direction?: TraceDirection;
  model?: TraceModelName;
  maxHops?: number;
  /** Decimal text in the traced currency. */
  minAmount?: string;
  /** For an account or wallet: the money of interest leaves it at or after this ISO time… */
  at?: string;
  /** …up to this amount (decimal text). */
  amount?: string;
  stopAtServices?: boolean;
  stopCategories?: string[];
  /** Only transfers on or after / before these ISO dates. */
  since?: string;
  until?: string;
  currency?: string;
  datasets?: string[];
  /** A rate table for the summary only: the value of one unit of each currency in `reference`. */
  rates?: { reference: string; values: Record<string, number> };
}

export interface TraceView {
  source: { id: string; caption: string; amount: string | null; currency: string };
  model: TraceModelName;
  direction: TraceDirection;
  citation: string;
  params: TraceResult['params'];
  currency: string;
  totals: TraceResult['totals'];
  /** Node-to-node traced money; `hop` is the layer of `to` (the source is layer 0), so a node reached at several hops appears once per hop. */
  flows: { from: string; to: string; hop: number; amount: string; rows: number }[];
  flowCount: number;
  endpoints: {
    id: string;
    caption: string;
    tag: string | null;
    amount: string;
    cashOut: boolean;
    reasons: string[];
    transfers: { id: string; time: string; amount: string; tainted: string }[];
  }[];
  endpointCount: number;
  cashOut: { id: string; caption: string; tag: string; recoverable: string }[];
  paths: { endpoint: string; amount: string; hops: { transfer: string; from: string; to: string; time: string; amount: string; tainted: string }[] }[];
  notFollowed: { rows: number; reason: string }[];
  captions: Record<string, string>;
  /** What left the source valued in the rate table's reference currency: approximate, for summaries only. */
  summary: TraceResult['summary'];
  rowsTraced: number;
  nodesReached: number;
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 19);

function seconds(field: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (!Number.isFinite(t)) throw new ValidationError('CORVID_ERR_VALIDATION', `${field} must be an ISO date or time, not ${text}`, { field });
  return t / 1000;
}

/** The trace options for a request against a ledger: a node id becomes a node source, anything else a transfer. */
export function traceOptions(req: TraceRequest, isNode: boolean): TraceOptions {
  if (!isNode && (req.at !== undefined || req.amount !== undefined))
    throw new ValidationError('CORVID_ERR_VALIDATION', 'at and amount apply to an account or wallet, not to a transfer', {
      field: req.at !== undefined ? 'at' : 'amount',
    });
  const at = seconds('at', req.at);
  const from: TraceSource = isNode
    ? { node: req.from, ...(at !== undefined ? { time: at } : {}), ...(req.amount !== undefined ? { amount: req.amount } : {}) }
    : { transfer: req.from };
  const since = seconds('since', req.since);
  const until = seconds('until', req.until);
  return {
    from,
    ...(req.direction ? { direction: req.direction } : {}),
    ...(req.model ? { model: req.model } : {}),
    ...(req.maxHops !== undefined ? { maxHops: req.maxHops } : {}),
    ...(req.minAmount !== undefined ? { minAmount: req.minAmount } : {}),
    ...(req.stopAtServices !== undefined ? { stopAtServices: req.stopAtServices } : {}),
    ...(req.stopCategories ? { stopCategories: req.stopCategories } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(req.currency ? { currency: req.currency } : {}),
    ...(req.rates ? { rates: req.rates } : {}),
  };
}

/**
 * Layers the flows by hop from the source: a breadth-first walk along the money's direction gives each node its
 * first layer; a flow into a node at or before its sender's layer (a cycle, or a later re-entry) goes to the next layer.
 */
export function layerFlows(
  r: Pick<TraceResult, 'flows' | 'direction'>,
  root: string | null,
): { from: string; to: string; hop: number; amount: Money; rows: number }[] {
  const forward = r.direction === 'forward';
  const next = new Map<string, string[]>();
  const indeg = new Map<string, number>();
  for (const f of r.flows) {
    const [a, b] = forward ? [f.from, f.to] : [f.to, f.from];
    const out = next.get(a);
    if (out) out.push(b);
    else next.set(a, [b]);
    indeg.set(b, (indeg.get(b) ?? 0) + 1);
  }
  const depth = new Map<string, number>();
  const walk = (start: string): void => {
    depth.set(start, 0);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i]!;
      for (const w of next.get(v) ?? []) {
        if (depth.has(w)) continue;
        depth.set(w, depth.get(v)! + 1);
        queue.push(w);
      }
    }
  };
  const roots = root !== null && next.has(root) ? [root] : [...next.keys()].filter((k) => !indeg.has(k));
  for (const k of roots) if (!depth.has(k)) walk(k);
  for (const k of next.keys()) if (!depth.has(k)) walk(k);
  return r.flows.map((f) => {
    const [a, b] = forward ? [f.from, f.to] : [f.to, f.from];
    const da = depth.get(a) ?? 0;
    const db = depth.get(b) ?? da + 1;
    return { ...f, hop: db > da ? db : da + 1 };
  });
}

async function captionsOf(ctx: Context, store: Store, ids: Iterable<string>): Promise<Record<string, string>> {
  const unique = [...new Set(ids)];
  const out: Record<string, string> = {};
  for (let i = 0; i < unique.length; i += 1000) for (const e of await store.getEntities(ctx, unique.slice(i, i + 1000))) out[e.id] = e.caption;
  for (const id of unique) out[id] ??= id;
  return out;
}

/** The trace as views show it (exact amounts as decimal text). */
export function viewOf(r: TraceResult, from: string, captions: Record<string, string>): TraceView {
  const cap = (id: string): string => captions[id] ?? id;
  const cashOut = new Set(r.cashOut.map((c) => c.node));
  return {
    source: { id: from, caption: cap(from), amount: r.source.amount?.amount ?? null, currency: r.currency },
    model: r.model,
    direction: r.direction,
    citation: r.citation,
    params: r.params,
    currency: r.currency,
    totals: r.totals,
    flows: layerFlows(r, r.source.node).map((f) => ({ from: f.from, to: f.to, hop: f.hop, amount: f.amount.amount, rows: f.rows })),
    flowCount: r.flowCount,
    endpoints: r.endpoints.map((e) => ({
      id: e.node,
      caption: cap(e.node),
      tag: e.tag,
      amount: e.amount.amount,
      cashOut: cashOut.has(e.node),
      reasons: e.reasons,
      transfers: e.incoming.map((t) => ({ id: t.transfer, time: iso(t.time), amount: t.amount.amount, tainted: t.tainted.amount })),
    })),
    endpointCount: r.endpointCount,
    cashOut: r.cashOut.map((c) => ({ id: c.node, caption: cap(c.node), tag: c.tag, recoverable: c.recoverable.amount })),
    paths: r.paths.map((p) => ({
      endpoint: p.endpoint,
      amount: p.amount.amount,
      hops: p.hops.map((h) => ({ transfer: h.transfer, from: h.from, to: h.to, time: iso(h.time), amount: h.amount.amount, tainted: h.tainted.amount })),
    })),
    notFollowed: r.notFollowed.map((n) => ({ rows: n.rows, reason: `in ${n.currency}, not the traced ${r.currency}` })),
    captions,
    summary: r.summary,
    rowsTraced: r.rowsTraced,
    nodesReached: r.nodesReached,
  };
}

/**
 * Loads the caller's ledger and traces from an entity.
 * @example const v = await traceInStore(ctx, store, { from: 'fiu-nl.acc-victim', model: 'fifo' }); v.cashOut[0].recoverable // '4870.5'
 */
export async function traceInStore(ctx: Context, store: Store, req: TraceRequest): Promise<{ view: TraceView; result: TraceResult }> {
  const { ledger } = await loadLedger(ctx, store, req.datasets ? { datasets: req.datasets } : {});
  const isNode = nodeIndex(ledger).has(req.from);
  const result = trace(ledger, traceOptions(req, isNode));
  const ids = [req.from, ...result.flows.flatMap((f) => [f.from, f.to]), ...result.endpoints.map((e) => e.node), ...result.cashOut.map((c) => c.node)];
  return { view: viewOf(result, req.from, await captionsOf(ctx, store, ids)), result };
}
