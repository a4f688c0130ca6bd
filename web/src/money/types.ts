// The shapes of POST /api/v1/money/trace (a TraceView): amounts are exact decimal strings in the trace's currency.

export type TraceDirection = 'forward' | 'backward';
export type TraceModel = 'fifo' | 'haircut' | 'poison';

/** What the analyst asks for; the body of POST /money/trace. */
export interface TraceRequest {
  from: string;
  direction: TraceDirection;
  model: TraceModel;
  maxHops?: number;
  minAmount?: string;
}

/** Money moved along one transfer at one hop of the trace. */
export interface TraceFlow {
  from: string;
  to: string;
  /** The layer of the far end (the source is layer 0): a node reached at several hops appears once per hop. */
  hop: number;
  amount: string;
  /** How many transfers the flow adds up. */
  rows?: number;
}

export interface EndpointTransfer {
  id: string;
  time: string;
  /** The whole transfer. */
  amount: string;
  /** The part of it that is traced money. */
  tainted: string;
}

/** Where traced money stopped: its total there, and the transfers that brought it. */
export interface TraceEndpoint {
  id: string;
  caption: string;
  tag: string | null;
  amount: string;
  cashOut: boolean;
  /** Why the trace stopped here: service, category, hop-limit, rest. */
  reasons?: string[];
  transfers: EndpointTransfer[];
}

/** A service that holds customers' money (an exchange, say): what could be asked back from it. */
export interface CashOutPoint {
  id: string;
  caption: string;
  tag: string;
  recoverable: string;
}

export interface TraceHop {
  transfer: string;
  from: string;
  to: string;
  time: string;
  amount: string;
  tainted: string;
}

export interface TracePath {
  endpoint?: string;
  amount: string;
  hops: TraceHop[];
}

/** Exact books of the trace: what left the source, and where all of it is (decimal text in `amount`). */
export interface TraceTotals {
  left: { amount: string };
  atEndpoints: { amount: string };
  inIntermediate: { amount: string };
  belowMinimum: { amount: string };
  unspentAtSource: { amount: string };
  conserved: boolean;
}

export interface TraceView {
  /** `amount` is null when the trace was asked for all the money of an account. */
  source: { id: string; caption: string; amount: string | null; currency: string };
  direction?: TraceDirection;
  model?: TraceModel;
  params: Record<string, unknown>;
  currency: string;
  totals?: TraceTotals;
  /** Captions of every entity the trace names. */
  captions?: Record<string, string>;
  flowCount?: number;
  endpointCount?: number;
  flows: TraceFlow[];
  endpoints: TraceEndpoint[];
  cashOut: CashOutPoint[];
  paths: TracePath[];
  notFollowed: { rows: number; reason: string }[];
}
