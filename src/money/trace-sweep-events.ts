/**
 * The sweep driven by events instead of a scan: a binary min-heap (typed arrays) of the next times at which a traced
 * node's rows can change anything, and the source rows' times. The earliest time's whole group of same-time rows is
 * then taken exactly as the scan takes it (`takeGroup`), so the outcome is the scan's. Under FIFO on doubles the
 * events are only the rows that can move traced money (a node's first departure past the untraced money ahead of its
 * traced lots, the rows of its senders' events); the rest of a traced node's rows are applied in bulk when a group
 * next holds one of its rows. It costs the rows of the traced nodes, not every row after the start.
 */
import type { Ledger } from './ledger.ts';
import type { Plan } from './trace-source.ts';
import type { Taker } from './trace-sweep.ts';

/** A binary min-heap of list ids (node × 2 + 0 for in-rows, 1 for out-rows) keyed by the time of the list's next row. */
class TimeHeap {
  private key = new Float64Array(64);
  private id = new Int32Array(64);
  size = 0;

  push(k: number, v: number): void {
    if (this.size === this.key.length) {
      const key = new Float64Array(this.size * 2);
      const id = new Int32Array(this.size * 2);
      key.set(this.key);
      id.set(this.id);
      this.key = key;
      this.id = id;
    }
    const { key, id } = this;
    let i = this.size++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (key[up]! <= k) break;
      key[i] = key[up]!;
      id[i] = id[up]!;
      i = up;
    }
    key[i] = k;
    id[i] = v;
  }

  topKey(): number {
    return this.size > 0 ? this.key[0]! : Infinity;
  }

  topId(): number {
    return this.id[0]!;
  }

  pop(): void {
    const { key, id } = this;
    const n = --this.size;
    if (n === 0) return;
    const k = key[n]!;
    const v = id[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && key[c + 1]! < key[c]!) c++;
      if (key[c]! >= k) break;
      key[i] = key[c]!;
      id[i] = id[c]!;
      i = c;
    }
    key[i] = k;
    id[i] = v;
  }
}

/** First position in rows[lo, hi) whose row's time is > t (hi when none). */
function firstAfter(time: Float64Array, rows: Uint32Array, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[rows[mid]!]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position in `order` whose time is ≥ t. */
function firstAtOrAfter(time: Float64Array, order: Uint32Array, t: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[order[mid]!]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What the event sweep needs to leave traced nodes alone between the rows that move traced money (`NumberSweep` under FIFO). */
export interface Skipping {
  readonly skips: boolean;
  readonly num: Float64Array;
  holds(slot: number): boolean;
  queued(slot: number): number;
  ahead(slot: number): number;
  reopen(slot: number, balance: number): void;
  untraced(slot: number, outs: number, ins: number): void;
  notFollow(currency: number): void;
}

/**
 * The order in which `takeGroup` takes a group's rows: a row once no untaken row of the group pays its sender, a
 * same-time cycle broken at the first untaken row. It depends on the group's rows only, not on what they carry.
 */
export function groupOrder(src: Uint32Array, dst: Uint32Array, group: readonly number[]): number[] {
  const g = group.length;
  const done = new Uint8Array(g);
  const pending = new Map<number, number>();
  for (const r of group) pending.set(dst[r]!, (pending.get(dst[r]!) ?? 0) + 1);
  const order: number[] = [];
  const takeAt = (i: number): void => {
    done[i] = 1;
    order.push(group[i]!);
    pending.set(dst[group[i]!]!, pending.get(dst[group[i]!]!)! - 1);
  };
  while (order.length < g) {
    let progressed = false;
    for (let i = 0; i < g; i++) {
      if (done[i] || (pending.get(src[group[i]!]!) ?? 0) > 0) continue;
      progressed = true;
      takeAt(i);
    }
    if (!progressed) takeAt(done.indexOf(0));
  }
  return order;
}

/** The rows of same-time `t`, in `order`'s order. */
function groupAt(time: Float64Array, order: Uint32Array, t: number, group: number[]): number[] {
  group.length = 0;
  for (let k = firstAtOrAfter(time, order, t); k < order.length && time[order[k]!] === t; k++) group.push(order[k]!);
  return group;
}

/**
 * Takes, forward, every group of same-time rows that the scan would change anything in, in time order, with
 * `takeGroup` (the scan's own step), and stops where the scan stops (nothing followable left, no source money to
 * come). The taker's outcome is then the scan's. Plain: every row of a traced node after it was reached is an event.
 * With a model that allows it (`Skipping`), only the rows that can move traced money are (`skippingSweep`).
 * @example eventSweep(ledger, plan, taker, ledger.byTime!, takeGroup);
 */
export function eventSweep(l: Ledger, p: Plan, sw: Taker & Partial<Skipping>, order: Uint32Array, takeGroup: (sw: Taker, group: number[]) => void): void {
  if (sw.skips === true) return skippingSweep(l, p, sw as Taker & Skipping, order, takeGroup);
  const time = l.time;
  const injectTimes = [...new Set([...p.inject.keys()].map((r) => time[r]!))].sort((a, b) => a - b);
  const last = injectTimes[injectTimes.length - 1]!;
  const heap = new TimeHeap();
  const cursor = new Uint32Array(2 * l.nodeCount);
  const starts = [l.inStart, l.outStart];
  const lists = [l.inRows, l.outRows];
  const enter = (n: number, which: number, t: number): void => {
    const start = starts[which]!;
    const rows = lists[which]!;
    const end = start[n + 1]!;
    const c = firstAfter(time, rows, start[n]!, end, t);
    cursor[2 * n + which] = c;
    if (c < end) heap.push(time[rows[c]!]!, 2 * n + which);
  };
  const group: number[] = [];
  let opened = sw.slotNode.length;
  let next = 0;
  for (;;) {
    const t = Math.min(heap.topKey(), next < injectTimes.length ? injectTimes[next]! : Infinity);
    if (t === Infinity || (sw.idle() && t > last)) break;
    takeGroup(sw, groupAt(time, order, t, group));
    if (next < injectTimes.length && injectTimes[next] === t) next++;
    // The lists that stood at t move past it; the nodes reached at t enter at their first rows after it.
    while (heap.size > 0 && heap.topKey() === t) {
      const v = heap.topId();
      heap.pop();
      const rows = lists[v & 1]!;
      const end = starts[v & 1]![(v >> 1) + 1]!;
      let c = cursor[v]!;
      while (c < end && time[rows[c]!]! <= t) c++;
      cursor[v] = c;
      if (c < end) heap.push(time[rows[c]!]!, v);
    }
    for (; opened < sw.slotNode.length; opened++) {
      enter(sw.slotNode[opened]!, 0, t);
      enter(sw.slotNode[opened]!, 1, t);
    }
  }
}

/**
 * The event sweep under FIFO on doubles. After each group, every traced node in it is left alone until a row of it
 * can move traced money: while it holds traced money, its first departure past the untraced money ahead of its
 * traced lots (`ahead`: what departures before it take is all untraced, whatever their order, and arrivals only add
 * untraced money behind); while it holds none, never (its queue is its balance, one untraced lot). Traced money
 * reaching it comes by a row that is an event of its sender (or a source row). When a group holds a row of a node
 * left alone, the node is first brought up to the group's time from its own rows: the untraced departures and
 * arrivals, or its balance replayed (arrivals and departures at one time in the order the scan takes the group, a
 * row out of its sender before into its receiver); its rows in other currencies are counted as not followed, as the
 * scan counts them. The source node's rows in other currencies stay events (the scan counts them too).
 */
function skippingSweep(l: Ledger, p: Plan, sw: Taker & Skipping, order: Uint32Array, takeGroup: (sw: Taker, group: number[]) => void): void {
  const time = l.time;
  const num = sw.num;
  const injectTimes = [...new Set([...p.inject.keys()].map((r) => time[r]!))].sort((a, b) => a - b);
  const first = injectTimes[0]!;
  const last = injectTimes[injectTimes.length - 1]!;
  const heap = new TimeHeap();
  const N = l.nodeCount;
  /** Per node: the time it was last brought up to (after a group there), the time of its next event (NaN: none). */
  const since = new Float64Array(N);
  const due = new Float64Array(N).fill(NaN);
  /** Per node: 1 while it holds no traced money (its balance in `balance`); the last group time it was brought up at. */
  const idleNode = new Uint8Array(N);
  const balance = new Float64Array(N);
  const upAt = new Float64Array(N).fill(NaN);
  const inWindow = (r: number): boolean => time[r]! >= p.since && time[r]! <= p.until;
  const counts = (r: number): boolean => l.currency[r] === p.currency && inWindow(r);
  // The source's rows in other currencies: the scan counts them as not followed while they reach a traced node.
  const other: number[] = [];
  const s0 = p.sourceNode;
  if (s0 >= 0) for (let k = l.outStart[s0]!; k < l.outStart[s0 + 1]!; k++) if (l.currency[l.outRows[k]!] !== p.currency && time[l.outRows[k]!]! >= first) other.push(l.outRows[k]!);
  for (const r of other) heap.push(time[r]!, -1);
  /** Counts node n's rows in other currencies out of it in (from, to) as not followed. */
  const countOther = (n: number, from: number, to: number): void => {
    const end = l.outStart[n + 1]!;
    for (let k = firstAfter(time, l.outRows, l.outStart[n]!, end, from); k < end && time[l.outRows[k]!]! < to; k++) {
      const r = l.outRows[k]!;
      if (l.currency[r] !== p.currency && inWindow(r)) sw.notFollow(l.currency[r]!);
    }
  };
  /** Brings node n, left alone since since[n], up to just before time t. */
  const bringUp = (n: number, t: number): void => {
    const d = since[n]!;
    countOther(n, d, t);
    const iEnd = l.inStart[n + 1]!;
    const oEnd = l.outStart[n + 1]!;
    let i = firstAfter(time, l.inRows, l.inStart[n]!, iEnd, d);
    let o = firstAfter(time, l.outRows, l.outStart[n]!, oEnd, d);
    if (idleNode[n] === 0) {
      // Holding traced money: what left took only the untraced money ahead, what came is untraced money behind.
      let ins = 0;
      let outs = 0;
      for (; i < iEnd && time[l.inRows[i]!]! < t; i++) if (counts(l.inRows[i]!)) ins += num[l.inRows[i]!]!;
      for (; o < oEnd && time[l.outRows[o]!]! < t; o++) if (counts(l.outRows[o]!)) outs += num[l.outRows[o]!]!;
      sw.untraced(sw.slot[n]!, outs, ins);
      return;
    }
    let b = balance[n]!;
    const group: number[] = [];
    for (;;) {
      const ti = i < iEnd ? time[l.inRows[i]!]! : Infinity;
      const to = o < oEnd ? time[l.outRows[o]!]! : Infinity;
      const tt = ti < to ? ti : to;
      if (tt >= t) break;
      let ins = false;
      let outs = false;
      const i0 = i;
      const o0 = o;
      for (; i < iEnd && time[l.inRows[i]!] === tt; i++) if (counts(l.inRows[i]!)) ins = true;
      for (; o < oEnd && time[l.outRows[o]!] === tt; o++) if (counts(l.outRows[o]!)) outs = true;
      if (ins && outs) {
        // Arrivals and departures at one time: in the order the scan takes the group (a cycle may put one first).
        for (const r of groupOrder(sw.src, sw.dst, groupAt(time, order, tt, group))) {
          if (!counts(r)) continue;
          // A row takes out of its sender, then pays its receiver (a row from the node to itself too).
          if (sw.src[r] === n) b = num[r]! > b ? 0 : b - num[r]!;
          if (sw.dst[r] === n) b += num[r]!;
        }
        continue;
      }
      for (let k = i0; k < i; k++) if (counts(l.inRows[k]!)) b += num[l.inRows[k]!]!;
      for (let k = o0; k < o; k++) if (counts(l.outRows[k]!)) b = num[l.outRows[k]!]! > b ? 0 : b - num[l.outRows[k]!]!;
    }
    sw.reopen(sw.slot[n]!, b);
  };
  /** After a group at t: node n is left alone from t, until its first departure past the untraced money ahead. */
  const leave = (n: number, t: number, reached: boolean): void => {
    since[n] = t;
    const s = sw.slot[n]!;
    if (!sw.holds(s)) {
      idleNode[n] = 1;
      balance[n] = sw.queued(s);
      due[n] = NaN;
      return;
    }
    // Still holding, its departure due later: those before took only untraced money ahead, so it stays due.
    if (!reached && idleNode[n] === 0 && !(due[n]! <= t)) return;
    idleNode[n] = 0;
    let room = sw.ahead(s);
    const end = l.outStart[n + 1]!;
    for (let k = firstAfter(time, l.outRows, l.outStart[n]!, end, t); k < end; k++) {
      const r = l.outRows[k]!;
      if (!counts(r)) continue;
      room -= num[r]!;
      if (room < 0) {
        due[n] = time[r]!;
        heap.push(time[r]!, n);
        return;
      }
    }
    due[n] = NaN;
  };
  const group: number[] = [];
  const nodes: number[] = [];
  let next = 0;
  let lastTaken = -Infinity;
  for (;;) {
    // Entries of nodes brought up since they were pushed are stale.
    while (heap.size > 0 && heap.topId() >= 0 && due[heap.topId()] !== heap.topKey()) heap.pop();
    const t = Math.min(heap.topKey(), next < injectTimes.length ? injectTimes[next]! : Infinity);
    if (t === Infinity || (sw.idle() && t > last)) break;
    groupAt(time, order, t, group);
    nodes.length = 0;
    for (const r of group) {
      for (const n of [sw.src[r]!, sw.dst[r]!]) {
        if (sw.slot[n]! < 0 || upAt[n] === t) continue;
        upAt[n] = t;
        nodes.push(n);
        bringUp(n, t);
      }
    }
    takeGroup(sw, group);
    lastTaken = t;
    if (next < injectTimes.length && injectTimes[next] === t) next++;
    while (heap.size > 0 && heap.topKey() === t) heap.pop();
    // The nodes brought up, and those reached, at t.
    const known = nodes.length;
    for (const r of group) {
      const n = sw.dst[r]!;
      if (sw.slot[n]! >= 0 && upAt[n] !== t) {
        upAt[n] = t;
        nodes.push(n);
      }
    }
    for (let k = 0; k < nodes.length; k++) leave(nodes[k]!, t, k >= known);
  }
  // The scan counts rows in other currencies out of traced nodes until it stops: at its last group when nothing is
  // followable any more, else at the ledger's end.
  const end = sw.idle() ? lastTaken : Infinity;
  for (const n of sw.slotNode) countOther(n, since[n]!, end);
}
