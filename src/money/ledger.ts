/**
 * The ledger: bank payments and crypto transfers as one columnar table of value movements between
 * nodes (accounts, wallets, and UTXO transactions as hubs), indexed by node and time. Tracing and the
 * typology detectors read only this; building it from the store is `load.ts`.
 *
 * A UTXO transaction becomes a node of kind `tx`: each input is a row wallet → tx, each output a row
 * tx → wallet, all at the transaction's time, so money is followed through it like through an account.
 * An account-based (or token) transfer and a bank payment are one row sender → receiver.
 */
import { currencyScale, parseUnits } from './amount.ts';

export type NodeKind = 'account' | 'wallet' | 'tx';
export const NODE_KINDS: readonly NodeKind[] = ['account', 'wallet', 'tx'];

/** Tag categories at which a trace stops by default: services that hold customers' money. */
export const SERVICE_CATEGORIES: readonly string[] = ['exchange', 'merchant', 'mixer', 'payment_processor', 'gambling', 'defi', 'market'];

export interface Currency {
  code: string;
  /** Decimal places of one ledger unit (`amount.ts`). */
  scale: number;
}

export interface Ledger {
  readonly nodeCount: number;
  /** Entity id per node (for `tx` nodes: the CryptoTransfer's id). */
  readonly nodeIds: readonly string[];
  /** Index into NODE_KINDS. */
  readonly nodeKind: Uint8Array;
  /** 0 = untagged, otherwise 1 + index into `categories`. */
  readonly nodeTag: Uint16Array;
  readonly categories: readonly string[];
  readonly size: number;
  readonly from: Uint32Array;
  readonly to: Uint32Array;
  /** Seconds since the epoch (or the source's step number × 86,400 when it gives no dates). */
  readonly time: Float64Array;
  /** Amount in ledger units; `BIG` marks a row whose exact amount is in `big`. */
  readonly units: BigInt64Array;
  readonly big: ReadonlyMap<number, bigint>;
  /**
   * The amount as a double, for arithmetic that allocates nothing: exact where it is a safe integer (below 2^53),
   * NaN where it is not (the caller then falls back to `amountOf`). Absent in ledgers not made by LedgerBuilder.
   */
  readonly num?: Float64Array;
  /** Index into `currencies`. */
  readonly currency: Uint16Array;
  readonly currencies: readonly Currency[];
  /** The entity id each row comes from (Payment, CryptoTransfer or CryptoTransferLeg). */
  readonly transferIds: readonly string[];
  /** Rows leaving node n, in time order: outRows[outStart[n] .. outStart[n+1]). */
  readonly outStart: Uint32Array;
  readonly outRows: Uint32Array;
  /** Rows entering node n, in time order. */
  readonly inStart: Uint32Array;
  readonly inRows: Uint32Array;
  /** Amounts that did not fit the ledger's scale and were rounded half to even on the way in. */
  readonly roundedAmounts: number;
  /** All rows in (time, row) order, when the builder kept it (tracing sweeps it; computed when absent). */
  readonly byTime?: Uint32Array;
}

export const BIG = -(2n ** 63n);

/** The exact amount of a row, in ledger units of its currency. */
export function amountOf(l: Ledger, row: number): bigint {
  const u = l.units[row]!;
  return u === BIG ? l.big.get(row)! : u;
}

/** The amount as a float, for scores and summaries only — never for reported money. */
export function approxAmount(l: Ledger, row: number): number {
  const c = l.currencies[l.currency[row]!]!;
  return Number(amountOf(l, row)) / 10 ** c.scale;
}

const numbers = new WeakMap<Ledger, Float64Array>();

/** The ledger's amounts as doubles (`Ledger.num`), computed once for a ledger made without them. */
export function numberUnits(l: Ledger): Float64Array {
  if (l.num) return l.num;
  let a = numbers.get(l);
  if (!a) {
    a = new Float64Array(l.size);
    for (let r = 0; r < l.size; r++) {
      const u = l.units[r]!;
      a[r] = u !== BIG && u <= MAX_SAFE && u >= -MAX_SAFE ? Number(u) : NaN;
    }
    numbers.set(l, a);
  }
  return a;
}

export function nodeIndex(l: Ledger): Map<string, number> {
  const m = new Map<string, number>();
  l.nodeIds.forEach((id, i) => m.set(id, i));
  return m;
}

export function isService(l: Ledger, node: number): boolean {
  const t = l.nodeTag[node]!;
  return t > 0 && SERVICE_CATEGORIES.includes(l.categories[t - 1]!);
}

export interface TransferInput {
  from: string;
  to: string;
  /** Seconds since the epoch. */
  time: number;
  /** Exact decimal text in the currency's unit ("12.50"), or ledger units as bigint. */
  amount: string | bigint;
  currency: string;
  transferId: string;
}

const MIN64 = -(2n ** 63n) + 1n;
const MAX64 = 2n ** 63n - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Accumulates nodes and rows into growing typed arrays, then indexes them. */
export class LedgerBuilder {
  private ids: string[] = [];
  private index = new Map<string, number>();
  private kinds: number[] = [];
  private tags = new Map<number, number>();
  private categories: string[] = [];
  private currencies: Currency[] = [];
  private currencyIndex = new Map<string, number>();
  private n = 0;
  private from = new Uint32Array(1024);
  private to = new Uint32Array(1024);
  private time = new Float64Array(1024);
  private units = new BigInt64Array(1024);
  private num = new Float64Array(1024);
  private cur = new Uint16Array(1024);
  private transferIds: string[] = [];
  private big = new Map<number, bigint>();
  private rounded = 0;

  /** The node number of an entity id, adding it with `kind` when new. */
  node(id: string, kind: NodeKind = 'account'): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.kinds.push(NODE_KINDS.indexOf(kind));
      this.index.set(id, i);
    }
    return i;
  }

  /** Tags a node with a category (exchange, mixer, scam, sanctioned, …); the first tag wins. */
  tag(id: string, category: string, kind: NodeKind = 'wallet'): void {
    const n = this.node(id, kind);
    if (this.tags.has(n)) return;
    const c = category.trim().toLowerCase();
    let k = this.categories.indexOf(c);
    if (k < 0) k = this.categories.push(c) - 1;
    this.tags.set(n, k + 1);
  }

  /** Whether an entity id is a node already. */
  has(id: string): boolean {
    return this.index.has(id);
  }

  currency(code: string): number {
    const c = code.trim().toUpperCase() || 'XXX';
    let i = this.currencyIndex.get(c);
    if (i === undefined) {
      i = this.currencies.push({ code: c, scale: currencyScale(c) }) - 1;
      this.currencyIndex.set(c, i);
    }
    return i;
  }

  /** Adds one row; returns false (and adds nothing) when the amount is not a number or not positive. */
  add(t: TransferInput, fromKind: NodeKind = 'account', toKind: NodeKind = 'account'): boolean {
    const ci = this.currency(t.currency);
    let u: bigint;
    if (typeof t.amount === 'bigint') u = t.amount;
    else {
      const p = parseUnits(t.amount, this.currencies[ci]!.scale);
      if (!p) return false;
      if (p.rounded) this.rounded++;
      u = p.units;
    }
    if (u <= 0n || !Number.isFinite(t.time)) return false;
    this.grow();
    const r = this.n++;
    this.from[r] = this.node(t.from, fromKind);
    this.to[r] = this.node(t.to, toKind);
    this.time[r] = t.time;
    this.cur[r] = ci;
    if (u < MIN64 || u > MAX64) {
      this.units[r] = BIG;
      this.big.set(r, u);
    } else this.units[r] = u;
    this.num[r] = u <= MAX_SAFE ? Number(u) : NaN;
    this.transferIds.push(t.transferId);
    return true;
  }

  /**
   * The bulk fast path: one row from node numbers (`node()`), a currency index (`currency()`) and exact
   * positive units (a bigint, or a safe integer as a number), without a TransferInput object. Returns false (adding
   * nothing) for units ≤ 0 or a bad time.
   * @example b.addUnits(b.node('a1'), b.node('a2'), 1700000000, 12500n, b.currency('EUR'), 'p1')
   */
  addUnits(from: number, to: number, time: number, amount: bigint | number, currency: number, transferId: string): boolean {
    if (amount <= 0 || !Number.isFinite(time) || (typeof amount === 'number' && !Number.isSafeInteger(amount))) return false;
    const units = typeof amount === 'bigint' ? amount : BigInt(amount);
    this.grow();
    const r = this.n++;
    this.from[r] = from;
    this.to[r] = to;
    this.time[r] = time;
    this.cur[r] = currency;
    if (units > MAX64) {
      this.units[r] = BIG;
      this.big.set(r, units);
    } else this.units[r] = units;
    this.num[r] = typeof amount === 'number' ? amount : units <= MAX_SAFE ? Number(units) : NaN;
    this.transferIds.push(transferId);
    return true;
  }

  get size(): number {
    return this.n;
  }

  private grow(): void {
    if (this.n < this.from.length) return;
    const cap = this.from.length * 2;
    const g = <T extends Uint32Array | Float64Array | BigInt64Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a as never);
      return b;
    };
    this.from = g(this.from, (k) => new Uint32Array(k));
    this.to = g(this.to, (k) => new Uint32Array(k));
    this.time = g(this.time, (k) => new Float64Array(k));
    this.units = g(this.units, (k) => new BigInt64Array(k));
    this.num = g(this.num, (k) => new Float64Array(k));
    this.cur = g(this.cur, (k) => new Uint16Array(k));
  }

  build(): Ledger {
    const n = this.n;
    const nodeCount = this.ids.length;
    const from = this.from.slice(0, n);
    const to = this.to.slice(0, n);
    const time = this.time.slice(0, n);
    const byTime = new Uint32Array(n);
    let sorted = true;
    for (let i = 0; i < n; i++) {
      byTime[i] = i;
      if (i > 0 && time[i]! < time[i - 1]!) sorted = false;
    }
    // Rows that arrive in time order (bulk files, the store's loader) need no comparison sort.
    if (!sorted) byTime.sort((a, b) => time[a]! - time[b]! || a - b);
    const index = (ends: Uint32Array): { start: Uint32Array; rows: Uint32Array } => {
      const start = new Uint32Array(nodeCount + 1);
      for (let i = 0; i < n; i++) start[ends[i]! + 1]!++;
      for (let v = 0; v < nodeCount; v++) start[v + 1]! += start[v]!;
      const fill = start.slice(0, nodeCount);
      const rows = new Uint32Array(n);
      for (let k = 0; k < n; k++) {
        const r = byTime[k]!;
        rows[fill[ends[r]!]!++] = r;
      }
      return { start, rows };
    };
    const out = index(from);
    const inn = index(to);
    const nodeTag = new Uint16Array(nodeCount);
    for (const [node, tag] of this.tags) nodeTag[node] = tag;
    return {
      nodeCount,
      nodeIds: this.ids,
      nodeKind: Uint8Array.from(this.kinds),
      nodeTag,
      categories: this.categories,
      size: n,
      from,
      to,
      time,
      units: this.units.slice(0, n),
      big: this.big,
      num: this.num.slice(0, n),
      currency: this.cur.slice(0, n),
      currencies: this.currencies,
      transferIds: this.transferIds,
      outStart: out.start,
      outRows: out.rows,
      inStart: inn.start,
      inRows: inn.rows,
      roundedAmounts: this.rounded,
      byTime,
    };
  }
}
