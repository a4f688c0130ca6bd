/** The options and the (JSON-able) result of a money trace. */
import type { NodeKind } from './ledger.ts';

export type TraceModelName = 'poison' | 'haircut' | 'fifo';
export type TraceDirection = 'forward' | 'backward';

/**
 * Where a trace starts: a node (account, wallet) — optionally with the time and amount of the money of
 * interest ("the victim's 5,000 EUR paid at T") — or one transfer (a ledger row, or a transfer entity id).
 */
export type TraceSource = { node: string; time?: number; amount?: string | bigint } | { transfer: string } | { row: number };

export interface TraceOptions {
  from: TraceSource;
  /** Default 'forward' (where did the money go); 'backward': where did it come from. */
  direction?: TraceDirection;
  /** Default 'fifo'. */
  model?: TraceModelName;
  /** Rows followed from the source at most (default 6). */
  maxHops?: number;
  /** Traced amounts below this (decimal text in the currency, or ledger units) are not followed (default: none). */
  minAmount?: string | bigint;
  /** Stop at nodes tagged with a service category (SERVICE_CATEGORIES; default true). */
  stopAtServices?: boolean;
  /** Further tag categories to stop at (e.g. 'sanctioned'). */
  stopCategories?: readonly string[];
  /** Only rows in [since, until] (seconds) are seen at all. */
  since?: number;
  until?: number;
  /** The currency traced (default: the source's). Rows in other currencies are not followed. */
  currency?: string;
  /** Value of one unit of each currency in `rates.reference`, for the approximate summary only. */
  rates?: { reference: string; values: Record<string, number> };
  /** How many paths to report (default 10) and endpoints to list in full (default 1,000). */
  topPaths?: number;
  maxEndpoints?: number;
  /** How many node-to-node flows to report, largest first (default 2,000). */
  maxFlows?: number;
}

/** An exact amount: ledger units (as text, bigint is not JSON) and the decimal value. */
export interface Money {
  units: string;
  amount: string;
}

export interface TracedRow {
  row: number;
  transfer: string;
  from: string;
  to: string;
  time: number;
  /** The row's full amount. */
  amount: Money;
  /** The traced money it carries under the model. */
  tainted: Money;
  /** Of that, what stopped at the row's far end (a service, a stop category, or the hop limit). */
  stopped: Money;
}

export type EndpointReason = 'service' | 'category' | 'hop-limit' | 'rest';

export interface Endpoint {
  node: string;
  kind: NodeKind;
  tag: string | null;
  /** Traced money at this node at the end: stopped here, or resting here (it passed none on). */
  amount: Money;
  reasons: EndpointReason[];
  /** The rows that brought traced money here; for a node that passed none on they sum to `amount` exactly. */
  incoming: TracedRow[];
}

export interface CashOut {
  node: string;
  tag: string;
  /** Traced money that reached the service: what a freezing request could ask it about. */
  recoverable: Money;
}

export interface TracePath {
  endpoint: string;
  /** Traced money of the path's last row. */
  amount: Money;
  /** Rows in the order the trace took them, from the source. */
  hops: TracedRow[];
}

export interface Flow {
  from: string;
  to: string;
  /** Traced money the rows from → to carried under the model. */
  amount: Money;
  rows: number;
}

export interface TraceTotals {
  /** Traced money that left the source (forward; backward: that was traced back from it). */
  left: Money;
  atEndpoints: Money;
  /** Still held at nodes that passed part of their traced money on. */
  inIntermediate: Money;
  /** Not followed because a row carried less than minAmount. */
  belowMinimum: Money;
  /** Of the amount asked for, what the source's rows never carried (its outflow after the time was smaller). */
  unspentAtSource: Money;
  /** left = atEndpoints + inIntermediate + belowMinimum, exactly (haircut and FIFO; poison measures exposure). */
  conserved: boolean;
}

export interface TraceResult {
  algorithm: 'trace';
  model: TraceModelName;
  citation: string;
  direction: TraceDirection;
  source: { node: string | null; transfer: string | null; row: number | null; time: number | null; amount: Money | null };
  params: { maxHops: number; minAmount: Money; stopAtServices: boolean; stopCategories: string[]; since: number | null; until: number | null };
  currency: string;
  totals: TraceTotals;
  endpoints: Endpoint[];
  /** Endpoints found (the list above holds the largest `maxEndpoints`). */
  endpointCount: number;
  cashOut: CashOut[];
  intermediate: { node: string; held: Money }[];
  paths: TracePath[];
  /** Rows in other currencies that left traced nodes: not followed (no exchange rates in exact money). */
  notFollowed: { currency: string; rows: number }[];
  /** Traced money per node pair (a money-flow diagram's links), largest first; `flowCount` counts them all. */
  flows: Flow[];
  flowCount: number;
  rowsTraced: number;
  nodesReached: number;
  /** Approximate value of what left the source in the reference currency, when rates were given. */
  summary: { reference: string; value: number; approximate: true } | null;
}
