/** A node's known balance at a moment of the sweep, replayed from its own rows: what a model opens it with. */
import { amountOf, type Ledger } from './ledger.ts';
import type { Plan } from './trace-source.ts';

/**
 * The rows taken so far in the current group of same-time rows: a stamp per row (the group's number), so clearing
 * it for the next group is one increment, not a Set emptied.
 */
export class DoneRows {
  private readonly stamp: Int32Array;
  private group = 1;

  constructor(rows: number) {
    this.stamp = new Int32Array(rows);
  }

  add(r: number): void {
    this.stamp[r] = this.group;
  }

  has(r: number): boolean {
    return this.stamp[r] === this.group;
  }

  clear(): void {
    this.group++;
  }
}

/** What a replay needs of the sweep: the ledger, the plan, and the rows already taken at the current time. */
export interface ReplayScope {
  readonly l: Ledger;
  readonly p: Plan;
  readonly doneNow: DoneRows;
}

/**
 * Node n's known balance before row `now`: its rows in the traced currency and window in time order (arrivals
 * before departures at one time; at the current time only rows already taken), never below zero. With `num`
 * (`Ledger.num`) in doubles, NaN when an amount or the balance reaches 2^53; without, exactly in bigint.
 * @example const b = replayBalance(sweep, node, row, ledger.num!); // NaN → replayBalance(sweep, node, row, null)
 */
export function replayBalance(sw: ReplayScope, n: number, now: number, num: Float64Array): number;
export function replayBalance(sw: ReplayScope, n: number, now: number, num: null): bigint;
export function replayBalance(sw: ReplayScope, n: number, now: number, num: Float64Array | null): number | bigint {
  const { l, p } = sw;
  const t = l.time[now]!;
  const time = l.time;
  const inEnd = l.inStart[n + 1]!;
  const outEnd = l.outStart[n + 1]!;
  let i = l.inStart[n]!;
  let o = l.outStart[n]!;
  let bal = 0;
  let big = 0n;
  while (i < inEnd || o < outEnd) {
    const takeIn = i < inEnd && (o >= outEnd || time[l.inRows[i]!]! <= time[l.outRows[o]!]!);
    const r = takeIn ? l.inRows[i++]! : l.outRows[o++]!;
    const tr = time[r]!;
    if (tr > t) break;
    if (tr < p.since || tr > p.until || l.currency[r] !== p.currency || (tr === t && !sw.doneNow.has(r))) continue;
    if (num) {
      const a = num[r]!;
      bal = takeIn ? bal + a : a > bal ? 0 : bal - a;
      if (!(bal <= Number.MAX_SAFE_INTEGER)) return NaN; // NaN (an amount past 2^53) or a sum past it
    } else {
      const a = amountOf(l, r);
      big = takeIn ? big + a : a > big ? 0n : big - a;
    }
  }
  return num ? bal : big;
}

const volumes = new WeakMap<Ledger, Map<number, boolean>>();

/**
 * Whether the ledger's whole volume in a currency stays below 2^53 units: then every balance, lot, share and sum a
 * trace in it makes is a safe integer, and doubles are exact. Computed once per ledger and currency.
 */
export function safeVolume(l: Ledger, currency: number, num: Float64Array): boolean {
  let m = volumes.get(l);
  if (!m) volumes.set(l, (m = new Map()));
  let ok = m.get(currency);
  if (ok === undefined) {
    let sum = 0;
    for (let r = 0; r < l.size; r++) if (l.currency[r] === currency) sum += num[r]!;
    // A double sum of non-negative terms errs by far less than 2^52 here: below 2^52, the exact sum is below 2^53.
    ok = sum < 2 ** 52;
    m.set(currency, ok);
  }
  return ok;
}
