/** The contract every taint model implements: per traced node state, and how a row in or out changes it. */
import type { Ledger } from '../ledger.ts';

/**
 * One taint model over numbered node slots. Traced money is kept by hop: `taint[h]` is traced money that
 * reached the node after h rows from the source. Arrays passed in and out have length maxHops + 1.
 * "In" and "out" are in the trace's direction: backward, a node's money arrives by its ledger out-rows
 * (the outflow to explain) and leaves by its ledger in-rows (the funds that paid for it).
 */
export interface TaintModel {
  readonly name: 'poison' | 'haircut' | 'fifo';
  /** Whether traced money is conserved (haircut, FIFO) or every tainted row counts in full (poison: exposure). */
  readonly conserves: boolean;
  /** Starts tracking the next slot (slots are opened 0, 1, 2, …) for `node`, reached by `row`, with its known balance. */
  open(slot: number, balance: bigint, node: number, row: number): void;
  /** Row `row` of `amount` arrives; `taint[h]` of it is traced money at hop h (the rest is untraced). */
  inflow(slot: number, amount: bigint, taint: readonly bigint[], row: number): void;
  /** Row `row` of `amount` leaves: adds the traced money it carries at each hop into `out`, returns their sum. */
  outflow(slot: number, amount: bigint, out: bigint[], row: number): bigint;
  /** Traced money still at the node (poison: 0; it does not conserve). */
  held(slot: number): bigint;
  /**
   * The same model forward on doubles, for a currency whose whole volume in the ledger stays below 2^53 (then every
   * balance, lot and share is a safe integer and the arithmetic is exact); the sweep then keeps this one's state.
   */
  numeric?(): NumberTaintModel;
}

/** A TaintModel's forward arithmetic on doubles (safe integers): the same calls, numbers and Float64Arrays. */
export interface NumberTaintModel {
  open(slot: number, balance: number): void;
  inflow(slot: number, amount: number, taint: Float64Array): void;
  outflow(slot: number, amount: number, out: Float64Array): number;
  held(slot: number): number;
  /** Whether the node holds traced money (FIFO: a lot not untraced); with `queued`, lets the sweep skip it while not. */
  holds?(slot: number): boolean;
  /** Untraced money the node's next departures take before any traced money (FIFO: the oldest lot if untraced). */
  ahead?(slot: number): number;
  /** All the money the model keeps at the node, traced or not (FIFO: its lots). */
  queued?(slot: number): number;
}

/** What a model may know of the trace it serves. */
export interface ModelContext {
  ledger: Ledger;
  maxHops: number;
  forward: boolean;
  currency: number;
  since: number;
  until: number;
}

/** Makes a model for one trace. */
export type TaintModelFactory = (c: ModelContext) => TaintModel;
