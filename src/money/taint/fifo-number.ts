/** FIFO forward on doubles (safe integers): the lots of `fifo.ts` with their amounts in a Float64Array. */
import type { NumberTaintModel } from './model.ts';

const UNTRACED = 255;

function grow<T extends Int32Array | Uint8Array | Float64Array>(a: T, size: number): T {
  if (size < a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(size + 1, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Per node a queue of lots (next lot, hop, amount in typed arrays); each row out consumes the oldest lots first.
 * @example const m = fifoNumber(7); m.open(0, 30); m.inflow(0, 50, taint); m.outflow(0, 40, out) // 10 when taint[1] = 50
 */
export function fifoNumber(width: number): NumberTaintModel {
  let head = new Int32Array(64);
  let tail = new Int32Array(64);
  let next = new Int32Array(1024);
  let hop = new Uint8Array(1024);
  let amount = new Float64Array(1024);
  let lots = 0;
  let free = -1;
  const push = (slot: number, h: number, units: number): void => {
    const t = tail[slot]!;
    if (t >= 0 && hop[t] === h) {
      amount[t]! += units; // the same kind as the newest lot: one lot
      return;
    }
    let lot = free;
    if (lot >= 0) free = next[lot]!;
    else {
      lot = lots++;
      next = grow(next, lot);
      hop = grow(hop, lot);
      amount = grow(amount, lot);
    }
    next[lot] = -1;
    hop[lot] = h;
    amount[lot] = units;
    if (t >= 0) next[t] = lot;
    else head[slot] = lot;
    tail[slot] = lot;
  };
  return {
    open(slot, known) {
      head = grow(head, slot);
      tail = grow(tail, slot);
      head[slot] = -1;
      tail[slot] = -1;
      if (known > 0) push(slot, UNTRACED, known);
    },
    inflow(slot, units, taint) {
      // Within one row: its traced parts (by hop), then its untraced rest.
      let rest = units;
      for (let h = 0; h < width; h++) {
        if (taint[h]! > 0) {
          push(slot, h, taint[h]!);
          rest -= taint[h]!;
        }
      }
      if (rest > 0) push(slot, UNTRACED, rest);
    },
    outflow(slot, units, out) {
      let need = units;
      let total = 0;
      while (need > 0 && head[slot]! >= 0) {
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
      let s = 0;
      for (let lot = head[slot]!; lot >= 0; lot = next[lot]!) if (hop[lot] !== UNTRACED) s += amount[lot]!;
      return s;
    },
    // Untraced lots in a row are one lot (push merges them), so a queue without traced lots has at most one.
    holds: (slot) => head[slot]! >= 0 && (hop[head[slot]!] !== UNTRACED || next[head[slot]!]! >= 0),
    ahead: (slot) => (head[slot]! >= 0 && hop[head[slot]!] === UNTRACED ? amount[head[slot]!]! : 0),
    queued(slot) {
      let s = 0;
      for (let lot = head[slot]!; lot >= 0; lot = next[lot]!) s += amount[lot]!;
      return s;
    },
  };
}
