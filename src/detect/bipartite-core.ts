/** Dense one-off sender × receiver groups (the core of the bipartite and stack detectors), scored against a Chung–Lu null. */
import type { Ledger } from '../money/ledger.ts';
import type { LedgerContext } from './context.ts';
import { logChoose, poissonTail } from './stats.ts';

export interface Group {
  senders: number[];
  receivers: number[];
  /** Distinct sender → receiver pairs with rows. */
  edges: number;
  rows: number[];
  /** Expected pairs under Chung–Lu: Σ out-rows(s) × in-rows(r) / rows. */
  mu: number;
  p: number;
  /**
   * ln of the groups of this shape the search could have picked: C(senders in the ledger, S) × C(receivers, R). The
   * senders and receivers are chosen after the fact for paying each other, so p alone is no evidence (Bonferroni).
   */
  logTests: number;
}

const MAX_GROUP = 60;

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
  return x;
}

/** Joins receivers that share ≥ minShared non-hub senders; returns the joined receivers and the pairs examined. */
function linkReceivers(l: Ledger, ctx: LedgerContext, minShared: number, parent: Int32Array): { linked: number[]; examined: number } {
  const shared = new Int32Array(l.nodeCount);
  const lastSender = new Int32Array(l.nodeCount).fill(-1);
  const seenSender = new Int32Array(l.nodeCount).fill(-1);
  const linked: number[] = [];
  let examined = 0;
  for (let r = 0; r < l.nodeCount; r++) {
    if (ctx.hub[r] || l.inStart[r + 1]! - l.inStart[r]! < minShared) continue;
    const touched: number[] = [];
    for (let p = l.inStart[r]!; p < l.inStart[r + 1]!; p++) {
      const s = l.from[l.inRows[p]!]!;
      if (s === r || ctx.hub[s] || seenSender[s] === r) continue;
      seenSender[s] = r;
      for (let q = l.outStart[s]!; q < l.outStart[s + 1]!; q++) {
        const r2 = l.to[l.outRows[q]!]!;
        if (r2 <= r || r2 === s || ctx.hub[r2] || lastSender[r2] === s) continue;
        lastSender[r2] = s;
        if (shared[r2]!++ === 0) touched.push(r2);
      }
    }
    examined += touched.length;
    for (const r2 of touched) {
      if (shared[r2]! >= minShared) {
        parent[find(parent, r2)] = find(parent, r);
        linked.push(r, r2);
      }
      shared[r2] = 0;
      lastSender[r2] = -1;
    }
  }
  return { linked, examined };
}

/** The group around a set of receivers: senders paying at least half of them (and ≥ minShared), their rows and null. */
function materialise(l: Ledger, ctx: LedgerContext, receivers: number[], minShared: number, pool: [number, number]): Group | null {
  const inR = new Set(receivers);
  const pays = new Map<number, Set<number>>();
  for (const r of receivers) {
    for (let p = l.inStart[r]!; p < l.inStart[r + 1]!; p++) {
      const s = l.from[l.inRows[p]!]!;
      if (ctx.hub[s] || inR.has(s)) continue;
      let set = pays.get(s);
      if (!set) pays.set(s, (set = new Set()));
      set.add(r);
    }
  }
  const need = Math.max(minShared, Math.ceil(receivers.length / 2));
  const senders = [...pays].filter(([, set]) => set.size >= need).map(([s]) => s);
  if (senders.length < 2) return null;
  const sendersSet = new Set(senders);
  const rows: number[] = [];
  for (const r of receivers) for (let p = l.inStart[r]!; p < l.inStart[r + 1]!; p++) if (sendersSet.has(l.from[l.inRows[p]!]!)) rows.push(l.inRows[p]!);
  let edges = 0;
  let mu = 0;
  for (const s of senders) {
    edges += pays.get(s)!.size;
    for (const r of receivers) mu += ((l.outStart[s + 1]! - l.outStart[s]!) * (l.inStart[r + 1]! - l.inStart[r]!)) / l.size;
  }
  const logTests = logChoose(pool[0], senders.length) + logChoose(pool[1], receivers.length);
  return { senders, receivers, edges, rows: rows.sort((a, b) => a - b), mu, p: poissonTail(edges, mu), logTests };
}

/**
 * Groups of ≥ 2 senders and ≥ 2 receivers where each sender pays at least half of the receivers, found by joining
 * receivers that share ≥ minShared non-hub senders. Returns every group (unscored) and the number of receiver pairs
 * examined, the multiple-testing count.
 */
export function bipartiteGroups(l: Ledger, ctx: LedgerContext, minShared: number): { groups: Group[]; examined: number } {
  const parent = new Int32Array(l.nodeCount);
  for (let i = 0; i < l.nodeCount; i++) parent[i] = i;
  const { linked, examined } = linkReceivers(l, ctx, minShared, parent);
  const members = new Map<number, Set<number>>();
  for (const r of linked) {
    const root = find(parent, r);
    let set = members.get(root);
    if (!set) members.set(root, (set = new Set()));
    set.add(r);
  }
  const pool: [number, number] = [0, 0];
  for (let v = 0; v < l.nodeCount; v++) {
    if (ctx.hub[v]) continue;
    if (l.outStart[v + 1]! > l.outStart[v]!) pool[0]++;
    if (l.inStart[v + 1]! > l.inStart[v]!) pool[1]++;
  }
  const groups: Group[] = [];
  for (const set of members.values()) {
    if (set.size < 2 || set.size > MAX_GROUP) continue;
    const g = materialise(
      l,
      ctx,
      [...set].sort((a, b) => a - b),
      minShared,
      pool,
    );
    if (g) groups.push(g);
  }
  return { groups, examined: Math.max(1, examined) };
}
