/**
 * Haircut taint (Möser, Böhme & Breuker 2014): a node's balance is a mix, and each row leaving it carries the
 * node's traced share of its balance at that moment. Balances come from the observed rows only; what a row
 * sends beyond the known balance comes from unknown, untraced funds. Shares are exact (bigint, half to even).
 */
import { mulDiv, mulDivNumber } from '../amount.ts';
import { amountOf } from '../ledger.ts';
import type { ModelContext, NumberTaintModel, TaintModel } from './model.ts';
import { replayForward } from './replay.ts';

/**
 * The haircut model: per node the known balance and the traced money in it, by hop.
 * @example const m = haircut(c); // c: a ModelContext with maxHops 6, forward; m.open(0, 50n); m.inflow(0, 50n, [0n, 50n]); m.outflow(0, 40n, out) // 20n
 */
export function haircut(c: ModelContext): TaintModel {
  if (!c.forward) return haircutBackward(c);
  const maxHops = c.maxHops;
  const width = maxHops + 1;
  const balance: bigint[] = [];
  const taint: bigint[] = [];
  return {
    name: 'haircut',
    conserves: true,
    open(slot, known) {
      balance[slot] = known;
      for (let h = 0; h < width; h++) taint[slot * width + h] = 0n;
    },
    inflow(slot, amount, add) {
      balance[slot] = balance[slot]! + amount;
      const base = slot * width;
      for (let h = 0; h < width; h++) if (add[h]! > 0n) taint[base + h] = taint[base + h]! + add[h]!;
    },
    outflow(slot, amount, out) {
      const b = balance[slot]!;
      const take = amount < b ? amount : b;
      if (take <= 0n) return 0n;
      balance[slot] = b - take;
      const base = slot * width;
      let total = 0n;
      for (let h = 0; h < width; h++) {
        const t = taint[base + h]!;
        if (t === 0n) continue;
        let c = take === b ? t : mulDiv(t, take, b);
        // Rounding each hop's share half to even may overshoot the row by a unit or two: take it back here.
        if (total + c > take) c = take - total;
        taint[base + h] = t - c;
        out[h]! += c;
        total += c;
      }
      return total;
    },
    held(slot) {
      const base = slot * width;
      let s = 0n;
      for (let h = 0; h < width; h++) s += taint[base + h]!;
      return s;
    },
    numeric: () => haircutNumber(width),
  };
}

/** Haircut on doubles (safe integers): the same shares, half to even, through mulDivNumber. */
function haircutNumber(width: number): NumberTaintModel {
  let balance = new Float64Array(64);
  let taint = new Float64Array(64 * width);
  return {
    open(slot, known) {
      if (slot >= balance.length) {
        const b = new Float64Array(Math.max(slot + 1, balance.length * 2));
        b.set(balance);
        balance = b;
        const t = new Float64Array(b.length * width);
        t.set(taint);
        taint = t;
      }
      balance[slot] = known;
      taint.fill(0, slot * width, (slot + 1) * width);
    },
    inflow(slot, amount, add) {
      balance[slot]! += amount;
      const base = slot * width;
      for (let h = 0; h < width; h++) if (add[h]! > 0) taint[base + h]! += add[h]!;
    },
    outflow(slot, amount, out) {
      const b = balance[slot]!;
      const take = amount < b ? amount : b;
      if (take <= 0) return 0;
      balance[slot] = b - take;
      const base = slot * width;
      let total = 0;
      for (let h = 0; h < width; h++) {
        const t = taint[base + h]!;
        if (t === 0) continue;
        let c = take === b ? t : mulDivNumber(t, take, b);
        if (total + c > take) c = take - total;
        taint[base + h] = t - c;
        out[h]! += c;
        total += c;
      }
      return total;
    },
    held(slot) {
      let s = 0;
      for (let h = 0; h < width; h++) s += taint[slot * width + h]!;
      return s;
    },
  };
}

/**
 * Backward haircut, the exact mirror: traced money Y at a node (the part of its outflow to explain) is, just before
 * each earlier arrival of `a` that left a balance B, funded by that arrival in the share a / B (the balance's
 * composition is proportional, and a departure does not change it). Departures beyond the known balance were
 * paid from unknown funds: that part of their traced money rests at the node (origin unknown).
 */
function haircutBackward(c: ModelContext): TaintModel {
  const width = c.maxHops + 1;
  const y: bigint[] = [];
  const unknown: bigint[] = [];
  /** Forward balance just after each arrival row, and just before each departure row, of opened nodes. */
  const after = new Map<number, bigint>();
  const before = new Map<number, bigint>();
  return {
    name: 'haircut',
    conserves: true,
    open(slot, _balance, node, row) {
      for (let h = 0; h < width; h++) y[slot * width + h] = 0n;
      unknown[slot] = 0n;
      let b = 0n;
      replayForward(c, node, c.ledger.time[row]!, (r, incoming) => {
        const a = amountOf(c.ledger, r);
        if (incoming) after.set(r, (b += a));
        else {
          before.set(r, b);
          b = a > b ? 0n : b - a;
        }
      });
    },
    inflow(slot, amount, taint, row) {
      const known = before.get(row) ?? 0n;
      const part = amount < known ? amount : known;
      const base = slot * width;
      for (let h = 0; h < width; h++) {
        const t = taint[h]!;
        if (t === 0n) continue;
        const k = part === amount ? t : mulDiv(t, part, amount);
        y[base + h] = y[base + h]! + k;
        unknown[slot] = unknown[slot]! + (t - k);
      }
    },
    outflow(slot, amount, out, row) {
      const b = after.get(row) ?? 0n;
      if (b <= 0n) return 0n;
      const base = slot * width;
      let total = 0n;
      for (let h = 0; h < width; h++) {
        const t = y[base + h]!;
        if (t === 0n) continue;
        const share = amount >= b ? t : mulDiv(t, amount, b);
        y[base + h] = t - share;
        out[h]! += share;
        total += share;
      }
      return total;
    },
    held(slot) {
      let s = unknown[slot]!;
      for (let h = 0; h < width; h++) s += y[slot * width + h]!;
      return s;
    },
  };
}
