/** A trace's start: options checked, the currency chosen, and the rows that carry the source's money. */
import { NotFoundError, ValidationError } from '../errors.ts';
import { parseUnits } from './amount.ts';
import { amountOf, SERVICE_CATEGORIES, type Ledger } from './ledger.ts';
import type { TraceOptions } from './trace-types.ts';

/** The options with defaults applied and the source resolved to ledger numbers. */
export interface Plan {
  forward: boolean;
  maxHops: number;
  minUnits: bigint;
  currency: number;
  since: number;
  until: number;
  /** Node the source money starts at (the sender of a start row), or -1. */
  sourceNode: number;
  sourceTime: number | null;
  requested: bigint | null;
  /** Rows that carry source money, with how much (arriving at hop 1 at the row's far end). */
  inject: Map<number, bigint>;
  /** 1 for nodes where traced money stops (services, stop categories); 2 for services. */
  stop: Uint8Array;
}

const fail = (message: string, details?: Record<string, unknown>): never => {
  throw new ValidationError('CORVID_ERR_VALIDATION', message, details);
};

/** The rows by which money leaves node n in the trace's direction (forward: out-rows; backward: in-rows). */
export function leaving(l: Ledger, n: number, forward: boolean): Uint32Array {
  return forward ? l.outRows.subarray(l.outStart[n], l.outStart[n + 1]) : l.inRows.subarray(l.inStart[n], l.inStart[n + 1]);
}

function currencyIndex(l: Ledger, code: string): number {
  const i = l.currencies.findIndex((c) => c.code === code.trim().toUpperCase());
  if (i < 0) fail(`no rows in currency ${code}`, { currency: code });
  return i;
}

function parseAmount(l: Ledger, cur: number, v: string | bigint | undefined, what: string): bigint | null {
  if (v === undefined) return null;
  if (typeof v === 'bigint') return v;
  const p = parseUnits(v, l.currencies[cur]!.scale);
  if (!p || p.units < 0n) fail(`${what} is not an amount: ${v}`, { [what]: v });
  return p!.units;
}

/** The currency of most of a node's leaving rows (ties: the first currency). */
function usualCurrency(l: Ledger, rows: Uint32Array): number {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(l.currency[r]!, (counts.get(l.currency[r]!) ?? 0) + 1);
  let best = 0;
  let n = -1;
  for (const [c, k] of counts) if (k > n || (k === n && c < best)) [best, n] = [c, k];
  return best;
}

function stopNodes(l: Ledger, o: TraceOptions): Uint8Array {
  const stop = new Uint8Array(l.nodeCount);
  const extra = new Set((o.stopCategories ?? []).map((c) => c.trim().toLowerCase()));
  const services = o.stopAtServices ?? true;
  const kind = l.categories.map((c) => (services && SERVICE_CATEGORIES.includes(c) ? 2 : extra.has(c) ? 1 : 0));
  for (let n = 0; n < l.nodeCount; n++) if (l.nodeTag[n]! > 0) stop[n] = kind[l.nodeTag[n]! - 1]!;
  return stop;
}

function checkOptions(o: TraceOptions): void {
  if (o.direction !== undefined && o.direction !== 'forward' && o.direction !== 'backward') fail(`unknown direction ${String(o.direction)}`);
  if (o.model !== undefined && !['poison', 'haircut', 'fifo'].includes(o.model)) fail(`unknown model ${String(o.model)}`);
  const h = o.maxHops ?? 6;
  if (!Number.isInteger(h) || h < 1 || h > 64) fail('maxHops must be an integer from 1 to 64', { maxHops: h });
  if (o.since !== undefined && o.until !== undefined && o.since > o.until) fail('since is after until');
}

/**
 * Checks the options and resolves the source: which rows carry how much of the source's money.
 * @example const plan = planTrace(ledger, { from: { node: 'bank.acc-victim', time: t, amount: '5000' } });
 */
export function planTrace(l: Ledger, o: TraceOptions): Plan {
  checkOptions(o);
  const forward = (o.direction ?? 'forward') === 'forward';
  const since = o.since ?? -Infinity;
  const until = o.until ?? Infinity;
  const inject = new Map<number, bigint>();
  const base = { forward, maxHops: o.maxHops ?? 6, since, until, inject, stop: stopNodes(l, o) };
  const f = o.from;
  let startRows: number[] = [];
  if ('row' in f) {
    if (!Number.isInteger(f.row) || f.row < 0 || f.row >= l.size) throw new NotFoundError('ledger row', String(f.row));
    startRows = [f.row];
  } else if ('transfer' in f) {
    for (let r = 0; r < l.size; r++) if (l.transferIds[r] === f.transfer) startRows.push(r);
    if (startRows.length === 0) {
      const n = l.nodeIds.indexOf(f.transfer); // a UTXO transaction is a node: start with all its outputs (inputs)
      if (n < 0) throw new NotFoundError('transfer', f.transfer);
      return fromNode(l, o, { ...base }, n, null, null);
    }
  } else return fromNode(l, o, base, nodeOf(l, f.node), f.time ?? null, f.amount);
  const currency = o.currency !== undefined ? currencyIndex(l, o.currency) : l.currency[startRows[0]!]!;
  for (const r of startRows) if (l.currency[r] === currency) inject.set(r, amountOf(l, r));
  const first = startRows[0]!;
  return {
    ...base,
    currency,
    minUnits: parseAmount(l, currency, o.minAmount, 'minAmount') ?? 0n,
    sourceNode: forward ? l.from[first]! : l.to[first]!,
    sourceTime: l.time[first]!,
    requested: null,
  };
}

function nodeOf(l: Ledger, id: string): number {
  const n = l.nodeIds.indexOf(id);
  if (n < 0) throw new NotFoundError('node', id);
  return n;
}

/** Source money at a node: the first `amount` (or all) that leaves it at or after (backward: at or before) `time`. */
function fromNode(l: Ledger, o: TraceOptions, base: Omit<Plan, 'currency' | 'minUnits' | 'sourceNode' | 'sourceTime' | 'requested'>, n: number, time: number | null, amount: string | bigint | undefined | null): Plan {
  const rows = leaving(l, n, base.forward);
  const currency = o.currency !== undefined ? currencyIndex(l, o.currency) : usualCurrency(l, rows);
  const requested = parseAmount(l, currency, amount ?? undefined, 'amount');
  let rest = requested;
  const order = base.forward ? [...rows] : [...rows].reverse();
  for (const r of order) {
    if (rest !== null && rest <= 0n) break;
    const t = l.time[r]!;
    if (l.currency[r] !== currency || t < base.since || t > base.until) continue;
    if (time !== null && (base.forward ? t < time : t > time)) continue;
    const a = amountOf(l, r);
    const carry = rest === null || a < rest ? a : rest;
    base.inject.set(r, carry);
    if (rest !== null) rest -= carry;
  }
  return { ...base, currency, minUnits: parseAmount(l, currency, o.minAmount, 'minAmount') ?? 0n, sourceNode: n, sourceTime: time, requested };
}
