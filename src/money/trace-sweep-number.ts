/**
 * The sweep's row step on doubles: the same steps as the bigint `Sweep` of trace-sweep.ts, used when the traced
 * currency's whole volume stays below 2^53 (`safeVolume`), so every amount is a safe integer and the arithmetic
 * exact without a bigint a row. The outcome is handed back in bigint, as the report expects.
 */
import type { Ledger } from './ledger.ts';
import type { NumberTaintModel, TaintModel } from './taint/model.ts';
import { balanceFromPrefix, prefixWhenWorth, type PrefixBalances } from './trace-prefix.ts';
import { DoneRows, replayBalance } from './trace-replay.ts';
import type { Plan } from './trace-source.ts';
import type { SweepOutcome, Taker } from './trace-sweep.ts';

/** Sums per node in a Float64Array, and the nodes in the order they first got some. */
class NodeSums {
  private readonly sum: Float64Array;
  private readonly nodes: number[] = [];

  constructor(nodeCount: number) {
    this.sum = new Float64Array(nodeCount);
  }

  add(n: number, units: number): void {
    if (this.sum[n] === 0) this.nodes.push(n);
    this.sum[n]! += units;
  }

  toMap(): Map<number, bigint> {
    return new Map(this.nodes.map((n) => [n, BigInt(this.sum[n]!)]));
  }
}

export class NumberSweep implements Taker {
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly doneNow: DoneRows;
  readonly injecting: Uint8Array;
  readonly slot: Int32Array;
  readonly slotNode: number[] = [];
  private readonly sent: number[] = [];
  /** Per node (in typed arrays, no Map look-up a row), with the nodes in the order they first got some. */
  private readonly stopped: NodeSums;
  private readonly frozen: NodeSums;
  private readonly rows: number[] = [];
  private readonly tainted: number[] = [];
  private readonly stoppedOf: number[] = [];
  private readonly notFollowed = new Map<number, number>();
  private readonly inject = new Map<number, number>();
  private readonly carry: Float64Array;
  private readonly arrive: Float64Array;
  private readonly zeros: Float64Array;
  private readonly minUnits: number;
  private left = 0;
  private belowMinimum = 0;
  private live = 0;
  private prefix: PrefixBalances | undefined;

  constructor(
    readonly l: Ledger,
    readonly p: Plan,
    private readonly model: NumberTaintModel,
    private readonly conserves: boolean,
    readonly num: Float64Array,
  ) {
    this.src = l.from;
    this.doneNow = new DoneRows(l.size);
    this.dst = l.to;
    const width = p.maxHops + 1;
    this.carry = new Float64Array(width);
    this.arrive = new Float64Array(width);
    this.zeros = new Float64Array(width);
    this.slot = new Int32Array(l.nodeCount).fill(-1);
    this.stopped = new NodeSums(l.nodeCount);
    this.frozen = new NodeSums(l.nodeCount);
    this.injecting = new Uint8Array(l.nodeCount);
    for (const [r, units] of p.inject) {
      this.injecting[this.src[r]!] = 1;
      this.inject.set(r, Number(units));
    }
    // Past 2^53 no traced total can reach it: Number() may round it, the comparisons stay right.
    this.minUnits = Number(p.minUnits);
  }

  idle(): boolean {
    return this.conserves && this.live === 0;
  }

  relevant(r: number): boolean {
    const s = this.src[r]!;
    return this.slot[s]! >= 0 || this.slot[this.dst[r]!]! >= 0 || (this.injecting[s] === 1 && this.inject.has(r));
  }

  inScope(r: number): boolean {
    const t = this.l.time[r]!;
    if (t < this.p.since || t > this.p.until) return false;
    if (this.l.currency[r] === this.p.currency) return true;
    const s = this.src[r]!;
    if (this.slot[s]! >= 0 || s === this.p.sourceNode) {
      const c = this.l.currency[r]!;
      this.notFollowed.set(c, (this.notFollowed.get(c) ?? 0) + 1);
    }
    return false;
  }

  private open(n: number, now: number): number {
    const s = this.slotNode.length;
    this.slot[n] = s;
    this.slotNode.push(n);
    this.sent.push(0);
    this.model.open(s, this.conserves ? this.balanceBefore(n, now) : 0);
    return s;
  }

  /** The node's known balance before row `now`: from the prefix balances once worth making (no window start), else replayed. */
  private balanceBefore(n: number, now: number): number {
    const l = this.l;
    if (this.p.since === -Infinity && l.byTime && !this.prefix) {
      const rows = l.inStart[n + 1]! - l.inStart[n]! + l.outStart[n + 1]! - l.outStart[n]!;
      this.prefix = prefixWhenWorth(l, this.p.currency, this.num, l.byTime, rows) ?? undefined;
    }
    return this.prefix ? balanceFromPrefix(this, this.prefix, n, now, this.num) : replayBalance(this, n, now, this.num);
  }

  take(r: number): void {
    const { carry, model } = this;
    const s = this.src[r]!;
    const d = this.dst[r]!;
    const amount = this.num[r]!;
    carry.fill(0);
    const inj = this.injecting[s] === 1 ? (this.inject.get(r) ?? 0) : 0;
    carry[0] = inj;
    this.left += inj;
    let total = inj;
    const ss = this.slot[s]!;
    if (ss >= 0) {
      const moved = model.outflow(ss, amount - inj, carry);
      this.sent[ss]! += moved;
      total += moved;
      if (this.conserves) this.live -= moved;
    }
    if (total > 0 && total < this.minUnits) {
      this.belowMinimum += total;
      total = 0;
    }
    if (total === 0) {
      if (this.slot[d]! >= 0) model.inflow(this.slot[d]!, amount, this.zeros);
      return;
    }
    this.arriveAt(r, d, amount, total);
  }

  private arriveAt(r: number, d: number, amount: number, total: number): void {
    const { p, carry, arrive } = this;
    this.rows.push(r);
    this.tainted.push(total);
    if (p.stop[d]! > 0) {
      this.stopped.add(d, total);
      this.stoppedOf.push(total);
      if (this.slot[d]! >= 0) this.model.inflow(this.slot[d]!, amount, this.zeros);
      return;
    }
    arrive.fill(0);
    let frozen = 0;
    let followable = 0;
    for (let h = 0; h < p.maxHops; h++) {
      const c = carry[h]!;
      if (c === 0) continue;
      if (h + 1 >= p.maxHops) frozen += c;
      else {
        arrive[h + 1] = c;
        followable += c;
      }
    }
    this.stoppedOf.push(frozen);
    if (frozen > 0) this.frozen.add(d, frozen);
    let ds = this.slot[d]!;
    if (ds < 0 && followable === 0) return;
    if (ds < 0) ds = this.open(d, r);
    this.model.inflow(ds, amount, arrive);
    if (this.conserves) this.live += followable;
  }

  /** Whether the model lets the event sweep leave a node alone while it holds no traced money (FIFO). */
  get skips(): boolean {
    return this.conserves && this.model.holds !== undefined && this.model.queued !== undefined && this.model.ahead !== undefined;
  }

  holds(slot: number): boolean {
    return this.model.holds!(slot);
  }

  queued(slot: number): number {
    return this.model.queued!(slot);
  }

  ahead(slot: number): number {
    return this.model.ahead!(slot);
  }

  /**
   * Rows the event sweep left out at a node while they took only untraced money ahead of its traced lots (`outs`,
   * at most `ahead`) or brought untraced money behind them (`ins`): in FIFO their order among themselves is moot.
   */
  untraced(slot: number, outs: number, ins: number): void {
    if (outs > 0 && this.model.outflow(slot, outs, this.carry.fill(0)) !== 0) throw new Error('a skipped row carried traced money');
    if (ins > 0) this.model.inflow(slot, ins, this.zeros);
  }

  /** Sets a node that held no traced money back to one untraced lot of its balance (its rows while left alone). */
  reopen(slot: number, balance: number): void {
    this.model.open(slot, balance);
  }

  /** Counts a row in another currency that left a traced node while the event sweep left the node alone. */
  notFollow(currency: number): void {
    this.notFollowed.set(currency, (this.notFollowed.get(currency) ?? 0) + 1);
  }

  /** The outcome in bigint, as the report reads it. */
  outcome(): SweepOutcome {
    return {
      slot: this.slot,
      slotNode: this.slotNode,
      sent: this.sent.map(BigInt),
      stopped: this.stopped.toMap(),
      frozen: this.frozen.toMap(),
      rows: this.rows,
      tainted: this.tainted.map(BigInt),
      stoppedOf: this.stoppedOf.map(BigInt),
      left: BigInt(this.left),
      belowMinimum: BigInt(this.belowMinimum),
      notFollowed: this.notFollowed,
      held: (slot) => BigInt(this.model.held(slot)),
    };
  }
}

/** The double-arithmetic sweep for a plan, when the model has a numeric form and the plan is forward. */
export function numberSweep(l: Ledger, p: Plan, model: TaintModel, num: Float64Array): NumberSweep | null {
  if (!p.forward || !model.numeric) return null;
  return new NumberSweep(l, p, model.numeric(), model.conserves, num);
}
