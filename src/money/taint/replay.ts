/** A node's own rows replayed forward in time (arrivals before departures at equal times), for the backward models. */
import type { ModelContext } from './model.ts';

/**
 * Calls `visit(row, incoming)` for node n's rows in the traced currency and window up to time `until`, in
 * forward time order, an arrival before a departure at the same time.
 * @example replayForward(c, node, t, (row, incoming) => { balance += incoming ? 1n : -1n; });
 */
export function replayForward(c: ModelContext, n: number, until: number, visit: (row: number, incoming: boolean) => void): void {
  const l = c.ledger;
  const ins = l.inRows.subarray(l.inStart[n], l.inStart[n + 1]);
  const outs = l.outRows.subarray(l.outStart[n], l.outStart[n + 1]);
  const ok = (r: number): boolean => l.currency[r] === c.currency && l.time[r]! >= c.since && l.time[r]! <= c.until;
  let i = 0;
  let o = 0;
  while (i < ins.length || o < outs.length) {
    const takeIn = i < ins.length && (o >= outs.length || l.time[ins[i]!]! <= l.time[outs[o]!]!);
    const r = takeIn ? ins[i++]! : outs[o++]!;
    if (l.time[r]! > until) break;
    if (ok(r)) visit(r, takeIn);
  }
}
