/**
 * Poison taint (Möser, Böhme & Breuker 2014, "Towards risk scoring of Bitcoin transactions"): once traced money
 * has reached a node, every row leaving it afterwards is tainted in full. Amounts measure exposure, not money:
 * they are not conserved (a node that received 1 and sent 10 passes on 10). Backward, the mirror: every row that
 * funded a traced node at or before its traced outflow counts in full.
 */
import type { ModelContext, NumberTaintModel, TaintModel } from './model.ts';

const NONE = 255;

/**
 * The poison model: per node only the lowest hop at which traced money has arrived.
 * @example const m = poison({ ledger, maxHops: 6, forward: true, currency: 0, since: -Infinity, until: Infinity }); m.open(0, 0n); m.inflow(0, 5n, [0n, 5n]); m.outflow(0, 9n, out) // 9n, out[1] = 9n
 */
export function poison(c: ModelContext): TaintModel {
  const maxHops = c.maxHops;
  let hop = new Uint8Array(64);
  return {
    name: 'poison',
    conserves: false,
    open(slot) {
      if (slot >= hop.length) {
        const next = new Uint8Array(hop.length * 2);
        next.set(hop);
        hop = next;
      }
      hop[slot] = NONE;
    },
    inflow(slot, _amount, taint) {
      for (let h = 0; h < hop[slot]! && h <= maxHops; h++) {
        if (taint[h]! > 0n) {
          hop[slot] = h;
          return;
        }
      }
    },
    outflow(slot, amount, out) {
      const h = hop[slot]!;
      if (h === NONE) return 0n;
      out[h]! += amount;
      return amount;
    },
    held() {
      return 0n;
    },
    numeric: () => poisonNumber(maxHops),
  };
}

/** Poison on doubles: only the lowest hop per node, and every row out counted in full. */
function poisonNumber(maxHops: number): NumberTaintModel {
  let hop = new Uint8Array(64);
  return {
    open(slot) {
      if (slot >= hop.length) {
        const next = new Uint8Array(Math.max(slot + 1, hop.length * 2));
        next.set(hop);
        hop = next;
      }
      hop[slot] = NONE;
    },
    inflow(slot, _amount, taint) {
      for (let h = 0; h < hop[slot]! && h <= maxHops; h++) {
        if (taint[h]! > 0) {
          hop[slot] = h;
          return;
        }
      }
    },
    outflow(slot, amount, out) {
      const h = hop[slot]!;
      if (h === NONE) return 0;
      out[h]! += amount;
      return amount;
    },
    held: () => 0,
  };
}
