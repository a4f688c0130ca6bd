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
  hop: number;
  amount: string;
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
  tag: string;
  amount: string;
  cashOut: boolean;
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
  amount: string;
  hops: TraceHop[];
}

export interface TraceView {
  source: { id: string; caption: string; amount: string; currency: string };
  params: Record<string, unknown>;
  currency: string;
  flows: TraceFlow[];
  endpoints: TraceEndpoint[];
  cashOut: CashOutPoint[];
  paths: TracePath[];
  notFollowed: { rows: number; reason: string }[];
}
