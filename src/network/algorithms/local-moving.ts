/**
 * Modularity local moving shared by Louvain and Leiden, on CSR arrays: the level graph, the fast local-moving
 * queue (Traag 2015; Leiden's MoveNodesFast) and aggregation of a partition into a smaller level.
 */
import { packArcs, type Csr } from './csr.ts';
import { seeded, shuffle } from './random.ts';

/** One level of the (aggregated) graph: CSR without self-loops, and each node's strength k (incl. its internal weight). */
export interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  k: Float64Array;
}

export interface Run {
  gamma: number;
  twoM: number;
  next: () => number;
  /** Per-community scratch: weight from the current node, valid where stamp === current stamp. */
  neighW: Float64Array;
  stamp: Int32Array;
  tick: number;
}

/** Collects node v's tie weight to each community of `label` (restricted to nodes where `within` holds) into run.neighW; returns the communities touched. */
export function weightsTo(L: Level, v: number, label: Int32Array, run: Run, touched: Int32Array, within: (u: number) => boolean): number {
  run.tick++;
  let nt = 0;
  for (let p = L.offsets[v]; p < L.offsets[v + 1]; p++) {
    const u = L.targets[p];
    if (!within(u)) continue;
    const c = label[u];
    if (run.stamp[c] !== run.tick) {
      run.stamp[c] = run.tick;
      run.neighW[c] = 0;
      touched[nt++] = c;
    }
    run.neighW[c] += L.weights[p];
  }
  return nt;
}

/** MoveNodesFast: visit nodes from a queue; move each to its best community; re-queue neighbours it left behind. */
export function moveNodesFast(L: Level, comm: Int32Array, run: Run): void {
  const { n, k } = L;
  const commK = new Float64Array(n);
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    commK[comm[i]] += k[i];
    size[comm[i]]++;
  }
  const empty: number[] = [];
  for (let c = n - 1; c >= 0; c--) if (size[c] === 0) empty.push(c);
  const queue = shuffle(Int32Array.from({ length: n }, (_, i) => i), run.next);
  const queued = new Uint8Array(n).fill(1);
  const touched = new Int32Array(n);
  const eps = 1e-12 * run.twoM;
  let head = 0;
  let length = n;
  const all = (): boolean => true;
  while (length > 0) {
    const v = queue[head];
    head = (head + 1) % n;
    length--;
    queued[v] = 0;
    const old = comm[v];
    const kv = k[v];
    const nt = weightsTo(L, v, comm, run, touched, all);
    commK[old] -= kv;
    size[old]--;
    const scale = (run.gamma * kv) / run.twoM;
    const stay = (run.stamp[old] === run.tick ? run.neighW[old] : 0) - scale * commK[old];
    let best = old;
    let bestGain = stay;
    for (let t = 0; t < nt; t++) {
      const c = touched[t];
      const gain = run.neighW[c] - scale * commK[c];
      if (c !== old && gain > bestGain + eps) {
        best = c;
        bestGain = gain;
      }
    }
    if (size[old] > 0 && bestGain < -eps) best = empty.pop() as number;
    comm[v] = best;
    commK[best] += kv;
    size[best]++;
    if (best === old) continue;
    if (size[old] === 0) empty.push(old);
    for (let p = L.offsets[v]; p < L.offsets[v + 1]; p++) {
      const u = L.targets[p];
      if (queued[u] || comm[u] === best) continue;
      queued[u] = 1;
      queue[(head + length) % n] = u;
      length++;
    }
  }
}

/** The aggregate graph whose nodes are the groups `map` (0…count−1) of L's nodes. */
export function aggregate(L: Level, map: Int32Array, count: number): Level {
  const nnz = L.targets.length;
  const from = new Int32Array(nnz);
  const to = new Int32Array(nnz);
  const w = new Float64Array(nnz);
  let a = 0;
  for (let i = 0; i < L.n; i++) {
    for (let p = L.offsets[i]; p < L.offsets[i + 1]; p++) {
      if (map[i] === map[L.targets[p]]) continue;
      from[a] = map[i];
      to[a] = map[L.targets[p]];
      w[a++] = L.weights[p];
    }
  }
  const k = new Float64Array(count);
  for (let i = 0; i < L.n; i++) k[map[i]] += L.k[i];
  return { ...packArcs(count, from, to, w, a, true), k };
}

/** Level 0 from the simple view: strengths k and 2m (0 when there are no ties). */
export function levelZero(csr: Csr): { level: Level; twoM: number } {
  const k = new Float64Array(csr.n);
  let twoM = 0;
  for (let i = 0; i < csr.n; i++) for (let p = csr.offsets[i]; p < csr.offsets[i + 1]; p++) k[i] += csr.weights[p];
  for (let i = 0; i < csr.n; i++) twoM += k[i];
  return { level: { n: csr.n, offsets: csr.offsets, targets: csr.targets, weights: csr.weights, k }, twoM };
}

/** Fresh scratch state for one optimisation over graphs of at most n nodes. */
export function newRun(gamma: number, twoM: number, seed: number, n: number): Run {
  return { gamma, twoM, next: seeded(seed), neighW: new Float64Array(n), stamp: new Int32Array(n), tick: 0 };
}
