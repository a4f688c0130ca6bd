/**
 * FIFO taint (Möser, Böhme & Breuker 2014; Anderson et al. 2019 on Clayton's case): each node keeps its incoming
 * lots in arrival order and each row leaving it consumes the oldest lots first. Untraced money is lots too, so
 * order matters; what a row sends beyond the known lots comes from unknown, untraced funds.
 */
import { amountOf } from '../ledger.ts';
import type { ModelContext, TaintModel } from './model.ts';
import { fifoNumber } from './fifo-number.ts';
import { replayForward } from './replay.ts';

const UNTRACED = 255;

/**
 * The FIFO model: per node a queue of lots (linked in typed arrays: next lot, hop; amounts exact).
 * @example const m = fifo(c); // c: a ModelContext with maxHops 6, forward; m.open(0, 30n); m.inflow(0, 50n, [0n, 50n]); m.outflow(0, 40n, out) // 10n
 */
export function fifo(c: ModelContext): TaintModel {
  if (!c.forward) return fifoBackward(c);
  const maxHops = c.maxHops;
  const width = maxHops + 1;
  let head = new Int32Array(64);
  let tail = new Int32Array(64);
  let next = new Int32Array(1024);
  let hop = new Uint8Array(1024);
  const amount: bigint[] = [];
  let lots = 0;
  let free = -1;
  const grow = <T extends Int32Array | Uint8Array>(a: T, size: number): T => {
    if (size < a.length) return a;
    const b = new (a.constructor as new (n: number) => T)(Math.max(size + 1, a.length * 2));
    b.set(a);
    return b;
  };
  const push = (slot: number, h: number, units: bigint): void => {
    const t = tail[slot]!;
    if (t >= 0 && hop[t] === h) {
      amount[t] = amount[t]! + units; // the same kind as the newest lot: one lot
      return;
    }
    let lot = free;
    if (lot >= 0) free = next[lot]!;
    else {
      lot = lots++;
      next = grow(next, lot);
      hop = grow(hop, lot);
    }
    next[lot] = -1;
    hop[lot] = h;
    amount[lot] = units;
    if (t >= 0) next[t] = lot;
    else head[slot] = lot;
    tail[slot] = lot;
  };
  return {
    name: 'fifo',
    conserves: true,
    open(slot, known) {
      head = grow(head, slot);
      tail = grow(tail, slot);
      head[slot] = -1;
      tail[slot] = -1;
      if (known > 0n) push(slot, UNTRACED, known);
    },
    inflow(slot, units, taint) {
      // Within one row: its traced parts (by hop), then its untraced rest.
      let rest = units;
      for (let h = 0; h < width; h++) {
        if (taint[h]! > 0n) {
          push(slot, h, taint[h]!);
          rest -= taint[h]!;
        }
      }
      if (rest > 0n) push(slot, UNTRACED, rest);
    },
    outflow(slot, units, out) {
      let need = units;
      let total = 0n;
      while (need > 0n && head[slot]! >= 0) {
        const lot = head[slot]!;
        const have = amount[lot]!;
        const take = have < need ? have : need;
        need -= take;
        if (hop[lot] !== UNTRACED) {
          out[hop[lot]!]! += take;
          total += take;
        }
        if (take < have) amount[lot] = have - take;
        else {
          head[slot] = next[lot]!;
          if (head[slot]! < 0) tail[slot] = -1;
          next[lot] = free;
          free = lot;
        }
      }
      return total;
    },
    held(slot) {
      let s = 0n;
      for (let lot = head[slot]!; lot >= 0; lot = next[lot]!) if (hop[lot] !== UNTRACED) s += amount[lot]!;
      return s;
    },
    numeric: () => fifoNumber(width),
  };
}

/**
 * Backward FIFO, the exact mirror: a node's own rows are replayed forward with FIFO, which says which arrivals
 * (and how much of each) paid for each departure. Traced money of a departure is assigned to those arrivals in
 * the order the departure consumed them (its first units first); the part FIFO paid from unknown funds rests at
 * the node (origin unknown). Each arrival row then carries back what was assigned to it.
 */
function fifoBackward(c: ModelContext): TaintModel {
  const width = c.maxHops + 1;
  /** Per departure row: the arrival rows that paid for it and how much, in consumption order. */
  const paidBy = new Map<number, { rows: number[]; units: bigint[] }>();
  /** Traced money assigned to an arrival row, by hop, until the sweep reaches it. */
  const pending = new Map<number, bigint[]>();
  const held: bigint[] = [];
  return {
    name: 'fifo',
    conserves: true,
    open(slot, _balance, node, row) {
      held[slot] = 0n;
      const lots: { row: number; units: bigint }[] = [];
      replayForward(c, node, c.ledger.time[row]!, (r, incoming) => {
        let a = amountOf(c.ledger, r);
        if (incoming) return void lots.push({ row: r, units: a });
        const paid = { rows: [] as number[], units: [] as bigint[] };
        while (a > 0n && lots.length > 0) {
          const lot = lots[0]!;
          const take = lot.units < a ? lot.units : a;
          paid.rows.push(lot.row);
          paid.units.push(take);
          a -= take;
          if ((lot.units -= take) === 0n) lots.shift();
        }
        paidBy.set(r, paid);
      });
    },
    inflow(slot, _amount, taint, row) {
      const paid = paidBy.get(row) ?? { rows: [], units: [] };
      let k = 0;
      let room = paid.units[0] ?? 0n;
      for (let h = 0; h < width; h++) {
        let t = taint[h]!;
        while (t > 0n && k < paid.rows.length) {
          const part = t < room ? t : room;
          const p = pending.get(paid.rows[k]!) ?? new Array<bigint>(width).fill(0n);
          p[h]! += part;
          pending.set(paid.rows[k]!, p);
          t -= part;
          room -= part;
          if (room === 0n) room = paid.units[++k] ?? 0n;
        }
        // What is left of t was paid from unknown funds: it rests here. Assigned parts are held until they leave.
        held[slot] = held[slot]! + taint[h]!;
      }
    },
    outflow(slot, _amount, out, row) {
      const p = pending.get(row);
      if (!p) return 0n;
      pending.delete(row);
      let total = 0n;
      for (let h = 0; h < width; h++) {
        out[h]! += p[h]!;
        total += p[h]!;
      }
      held[slot] = held[slot]! - total;
      return total;
    },
    held(slot) {
      return held[slot]!;
    },
  };
}
