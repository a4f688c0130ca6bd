/**
 * The trace engine: one sweep over the ledger's rows in time order (backward: reverse time order), touching only
 * rows at traced nodes. Rows at the same time are taken so that a node's arrivals come before its departures
 * (a UTXO transaction's inputs before its outputs, a chain within one block in order), cycles broken by row order.
 */
import { amountOf, numberUnits, type Ledger } from './ledger.ts';
import { numberSweep } from './trace-sweep-number.ts';
import { DoneRows, replayBalance, safeVolume } from './trace-replay.ts';
import { eventSweep } from './trace-sweep-events.ts';
import type { TaintModel } from './taint/model.ts';
import type { Plan } from './trace-source.ts';

/** What the sweep found, in ledger numbers; `trace-result.ts` turns it into the report. */
export interface SweepOutcome {
  /** Node → slot of the model (−1: never reached with followable money). */
  slot: Int32Array;
  slotNode: number[];
  /** Traced money each slot passed on. */
  sent: bigint[];
  /** Traced money that stopped at a node (service, stop category) or reached it at the hop limit. */
  stopped: Map<number, bigint>;
  frozen: Map<number, bigint>;
  /** Rows that carried traced money, in the order taken, with the amounts and what stopped at their far end. */
  rows: number[];
  tainted: bigint[];
  stoppedOf: bigint[];
  left: bigint;
  belowMinimum: bigint;
  /** Rows in other currencies that left a traced node, by currency index. */
  notFollowed: Map<number, number>;
  /** Traced money still at a slot's node at the end (the model's `held`, from whichever arithmetic ran). */
  held: (slot: number) => bigint;
}

/** One row step of the sweep, in bigint (`Sweep`) or in doubles (`NumberSweep`); the scan and groups are shared. */
export interface Taker {
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly slot: Int32Array;
  /** The node of each slot, in the order the slots were opened. */
  readonly slotNode: readonly number[];
  readonly injecting: Uint8Array;
  /** Rows already taken at the current time, so a node reached mid-group counts them in its balance. */
  readonly doneNow: DoneRows;
  relevant(r: number): boolean;
  inScope(r: number): boolean;
  take(r: number): void;
  /** Whether no followable traced money is held anywhere (conserving models only). */
  idle(): boolean;
  outcome(): SweepOutcome;
}

/** Rows in (time, row) order; the builder keeps them, older ledgers get them sorted here. */
function timeOrder(l: Ledger): Uint32Array {
  if (l.byTime) return l.byTime;
  const order = new Uint32Array(l.size);
  for (let i = 0; i < l.size; i++) order[i] = i;
  return order.sort((a, b) => l.time[a]! - l.time[b]! || a - b);
}

/** First position in `order` whose time is ≥ t. */
function lowerBound(l: Ledger, order: Uint32Array, t: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (l.time[order[mid]!]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class Sweep implements Taker {
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly out: SweepOutcome;
  private readonly carry: bigint[];
  private readonly arrive: bigint[];
  private readonly zeros: bigint[];
  readonly doneNow: DoneRows;
  live = 0n;
  /** 1 for nodes that send source money (a typed-array test before the map look-up, on every row). */
  readonly injecting: Uint8Array;
  /** Amounts as doubles (exact below 2^53, else NaN): replays run on them and fall back to bigint past 2^53. */
  readonly num: Float64Array;

  constructor(
    readonly l: Ledger,
    readonly p: Plan,
    readonly model: TaintModel,
  ) {
    this.src = p.forward ? l.from : l.to;
    this.doneNow = new DoneRows(l.size);
    this.dst = p.forward ? l.to : l.from;
    const width = p.maxHops + 1;
    this.carry = new Array<bigint>(width).fill(0n);
    this.arrive = new Array<bigint>(width).fill(0n);
    this.zeros = new Array<bigint>(width).fill(0n);
    const slot = new Int32Array(l.nodeCount).fill(-1);
    this.injecting = new Uint8Array(l.nodeCount);
    this.num = numberUnits(l);
    for (const r of p.inject.keys()) this.injecting[this.src[r]!] = 1;
    this.out = { slot, slotNode: [], sent: [], stopped: new Map(), frozen: new Map(), rows: [], tainted: [], stoppedOf: [], left: 0n, belowMinimum: 0n, notFollowed: new Map(), held: (s) => model.held(s) };
  }

  get slot(): Int32Array {
    return this.out.slot;
  }

  get slotNode(): readonly number[] {
    return this.out.slotNode;
  }

  idle(): boolean {
    return this.model.conserves && this.live === 0n;
  }

  outcome(): SweepOutcome {
    return this.out;
  }

  /** Whether the row is in the traced currency and window; counts it as not followed when it leaves traced money. */
  inScope(r: number): boolean {
    const t = this.l.time[r]!;
    if (t < this.p.since || t > this.p.until) return false;
    if (this.l.currency[r] === this.p.currency) return true;
    const s = this.src[r]!;
    if (this.out.slot[s]! >= 0 || s === this.p.sourceNode) {
      const c = this.l.currency[r]!;
      this.out.notFollowed.set(c, (this.out.notFollowed.get(c) ?? 0) + 1);
    }
    return false;
  }

  relevant(r: number): boolean {
    const s = this.src[r]!;
    return this.out.slot[s]! >= 0 || this.out.slot[this.dst[r]!]! >= 0 || (this.injecting[s] === 1 && this.p.inject.has(r));
  }

  /** The node's known balance before row `now`: its rows earlier in the sweep (forward only), never below zero. */
  private balanceBefore(n: number, now: number): bigint {
    const b = replayBalance(this, n, now, this.num);
    return Number.isNaN(b) ? replayBalance(this, n, now, null) : BigInt(b);
  }

  private open(n: number, now: number): number {
    const s = this.out.slotNode.length;
    this.out.slot[n] = s;
    this.out.slotNode.push(n);
    this.out.sent.push(0n);
    this.model.open(s, this.model.conserves && this.p.forward ? this.balanceBefore(n, now) : 0n, n, now);
    return s;
  }

  /** Takes one row: what it carries out of its sender, and where that arrives. */
  take(r: number): void {
    const { l, p, out, carry, model } = this;
    const s = this.src[r]!;
    const d = this.dst[r]!;
    const amount = amountOf(l, r);
    carry.fill(0n);
    const inj = p.inject.get(r) ?? 0n;
    carry[0] = inj;
    out.left += inj;
    let total = inj;
    const ss = out.slot[s]!;
    if (ss >= 0) {
      const moved = model.outflow(ss, amount - inj, carry, r);
      out.sent[ss] = out.sent[ss]! + moved;
      total += moved;
      if (model.conserves) this.live -= moved;
    }
    if (total > 0n && total < p.minUnits) {
      out.belowMinimum += total;
      total = 0n;
    }
    if (total === 0n) {
      if (out.slot[d]! >= 0) model.inflow(out.slot[d]!, amount, this.zeros, r);
      return;
    }
    this.arriveAt(r, d, amount, total);
  }

  private arriveAt(r: number, d: number, amount: bigint, total: bigint): void {
    const { p, out, carry, arrive } = this;
    out.rows.push(r);
    out.tainted.push(total);
    if (p.stop[d]! > 0) {
      out.stopped.set(d, (out.stopped.get(d) ?? 0n) + total);
      out.stoppedOf.push(total);
      if (out.slot[d]! >= 0) this.model.inflow(out.slot[d]!, amount, this.zeros, r);
      return;
    }
    arrive.fill(0n);
    let frozen = 0n;
    let followable = 0n;
    for (let h = 0; h < p.maxHops; h++) {
      const c = carry[h]!;
      if (c === 0n) continue;
      if (h + 1 >= p.maxHops) frozen += c;
      else {
        arrive[h + 1] = c;
        followable += c;
      }
    }
    out.stoppedOf.push(frozen);
    if (frozen > 0n) out.frozen.set(d, (out.frozen.get(d) ?? 0n) + frozen);
    let ds = out.slot[d]!;
    if (ds < 0 && followable === 0n) return;
    if (ds < 0) ds = this.open(d, r);
    this.model.inflow(ds, amount, arrive, r);
    if (this.model.conserves) this.live += followable;
  }
}

/** Takes one row at its turn: rows at untraced nodes only mark themselves as done (a node reached later counts them). */
function turn(sw: Taker, r: number): void {
  if (sw.relevant(r) && sw.inScope(r)) sw.take(r);
  sw.doneNow.add(r);
}

/** Takes a group of same-time rows so that each node's arrivals in the group come before its departures. */
function takeGroup(sw: Taker, group: number[]): void {
  // Only rows at traced nodes (or carrying source money) can start anything at this time.
  let relevant = 0;
  for (const r of group) if (sw.relevant(r)) relevant++;
  if (relevant === 0) return;
  sw.doneNow.clear();
  if (group.length === 1) return turn(sw, group[0]!);
  if (group.length <= SMALL) return takeSmall(sw, group);
  const pending = new Map<number, number>();
  for (const r of group) pending.set(sw.dst[r]!, (pending.get(sw.dst[r]!) ?? 0) + 1);
  const done = new Uint8Array(group.length);
  let left = group.length;
  while (left > 0) {
    let progressed = false;
    for (let i = 0; i < group.length; i++) {
      if (done[i] || (pending.get(sw.src[group[i]!]!) ?? 0) > 0) continue;
      progressed = true;
      takeAt(sw, group, i, done, pending);
      left--;
    }
    if (!progressed) {
      takeAt(sw, group, done.indexOf(0), done, pending); // a same-time cycle: break it at the first row
      left--;
    }
  }
}

const SMALL = 16;
const smallDone = new Uint8Array(SMALL);

/** takeGroup for a few rows: a row's sender has pending arrivals while an untaken row of the group pays it (no Map). */
function takeSmall(sw: Taker, group: number[]): void {
  const g = group.length;
  const done = smallDone.fill(0, 0, g);
  for (let left = g; left > 0; ) {
    let progressed = false;
    for (let i = 0; i < g; i++) {
      if (done[i] === 1 || pendingAt(sw, group, done, sw.src[group[i]!]!)) continue;
      progressed = true;
      done[i] = 1;
      turn(sw, group[i]!);
      left--;
    }
    if (!progressed) {
      const i = done.indexOf(0); // a same-time cycle: break it at the first row
      done[i] = 1;
      turn(sw, group[i]!);
      left--;
    }
  }
}

/** Whether an untaken row of the group pays `node`. */
function pendingAt(sw: Taker, group: number[], done: Uint8Array, node: number): boolean {
  for (let j = 0; j < group.length; j++) if (done[j] === 0 && sw.dst[group[j]!] === node) return true;
  return false;
}

/** Takes the group's i-th row and counts it off its receiver's pending arrivals. */
function takeAt(sw: Taker, group: number[], i: number, done: Uint8Array, pending: Map<number, number>): void {
  const r = group[i]!;
  done[i] = 1;
  turn(sw, r);
  pending.set(sw.dst[r]!, pending.get(sw.dst[r]!)! - 1);
}

/** First position in `order` whose time is > t. */
function upperBound(l: Ledger, order: Uint32Array, t: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (l.time[order[mid]!]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The group of same-time rows around position k of `order`: [lo, hi) in positions. */
function groupAround(l: Ledger, order: Uint32Array, k: number): [number, number] {
  const t = l.time[order[k]!]!;
  let lo = k;
  let hi = k + 1;
  while (lo > 0 && l.time[order[lo - 1]!]! === t) lo--;
  while (hi < order.length && l.time[order[hi]!]! === t) hi++;
  return [lo, hi];
}

/**
 * How the groups to take are found: by a scan of every row after the start, or by events (a heap of the traced
 * nodes' next row times, `trace-sweep-events.ts`); both take the same groups in the same order. `auto`: events for
 * forward FIFO (few traced nodes), the scan otherwise (haircut and poison reach the busy nodes).
 */
export type SweepDrive = 'auto' | 'scan' | 'events';

/**
 * Runs the sweep for a plan under a model. Rows are scanned in time order, but only a group of same-time rows that
 * holds a row at a traced node (or carrying source money) is taken: the others cannot change anything.
 * @example const outcome = sweep(ledger, planTrace(ledger, { from: { row: 0 } }), fifo(6));
 */
export function sweep(l: Ledger, p: Plan, model: TaintModel, drive: SweepDrive = 'auto'): SweepOutcome {
  const num = numberUnits(l);
  const sw: Taker = (safeVolume(l, p.currency, num) ? numberSweep(l, p, model, num) : null) ?? new Sweep(l, p, model);
  if (p.inject.size === 0) return sw.outcome();
  const order = timeOrder(l);
  if (drive === 'events' || (drive === 'auto' && model.name === 'fifo' && p.forward)) {
    eventSweep(l, p, sw, order, takeGroup);
    return sw.outcome();
  }
  let first = Infinity;
  let last = -Infinity;
  for (const r of p.inject.keys()) {
    first = Math.min(first, l.time[r]!);
    last = Math.max(last, l.time[r]!);
  }
  const forward = p.forward;
  const { src, dst, injecting, slot } = sw;
  const time = l.time;
  const group: number[] = [];
  let k = forward ? lowerBound(l, order, first) : upperBound(l, order, last) - 1;
  while (k >= 0 && k < order.length) {
    const r = order[k]!;
    if (slot[src[r]!]! < 0 && slot[dst[r]!]! < 0 && injecting[src[r]!] === 0) {
      k += forward ? 1 : -1;
      continue;
    }
    // Nothing followable left and no source money still to come: the rest of the ledger changes nothing.
    if (sw.idle() && (forward ? time[r]! > last : time[r]! < first)) break;
    // The scan starts at a group boundary, so the group around k is whole; it is taken in scan order.
    const [lo, hi] = groupAround(l, order, k);
    group.length = 0;
    if (forward) for (let i = lo; i < hi; i++) group.push(order[i]!);
    else for (let i = hi - 1; i >= lo; i--) group.push(order[i]!);
    takeGroup(sw, group);
    k = forward ? hi : lo - 1;
  }
  return sw.outcome();
}
