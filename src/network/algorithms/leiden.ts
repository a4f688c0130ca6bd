/**
 * Leiden communities (Traag, Waltman & van Eck 2019, "From Louvain to Leiden: guaranteeing well-connected
 * communities", Sci. Rep. 9:5233): fast local moving with a queue, refinement, aggregation on the refined
 * partition; quality = modularity with resolution γ. Runs on the undirected simple view's CSR arrays.
 */
import type { Analysis } from '../types.ts';
import { modularity, renumber, type CommunitiesResult } from './community.ts';
import { undirectedView, type GraphInput } from './csr.ts';
import { checkBoolean, checkNumber } from './guard.ts';
import { aggregate, levelZero, moveNodesFast, newRun, weightsTo, type Level, type Run } from './local-moving.ts';
import { shuffle } from './random.ts';

export const LEIDEN_CITATION =
  'Traag, V. A., Waltman, L. & van Eck, N. J. (2019). From Louvain to Leiden: guaranteeing well-connected communities. Scientific Reports 9, 5233.';

export interface LeidenParams {
  /** γ in Q = Σ_c [I_c/2m − γ (K_c/2m)²]. */
  resolution: number;
  seed: number;
  weighted: boolean;
  /** Runs of the whole algorithm, each starting from the previous partition (as leidenalg's n_iterations). */
  iterations: number;
}

/** Randomness of the refinement's merge choice (θ in the paper; 0.01 as in the paper and leidenalg). */
const THETA = 0.01;

/** RefinePartition / MergeNodesSubset: inside each community S, merge well-connected singletons into well-connected sub-communities, randomly (∝ exp(ΔH/θ)). */
function refine(L: Level, comm: Int32Array, run: Run): Int32Array {
  const { n, k } = L;
  const ref = Int32Array.from({ length: n }, (_, i) => i);
  const refK = Float64Array.from(k);
  const size = new Int32Array(n).fill(1);
  const commK = new Float64Array(n);
  for (let i = 0; i < n; i++) commK[comm[i]] += k[i];
  // ext[r]: weight from refined community r to the rest of its S.
  const ext = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let p = L.offsets[i]; p < L.offsets[i + 1]; p++) if (comm[L.targets[p]] === comm[i]) ext[i] += L.weights[p];
  const touched = new Int32Array(n);
  const order = shuffle(Int32Array.from({ length: n }, (_, i) => i), run.next);
  const gains = new Float64Array(n);
  for (const v of order) {
    if (ref[v] !== v || size[v] !== 1) continue;
    const s = comm[v];
    const ks = commK[s];
    const wellConnected = (kc: number, e: number): boolean => e >= (run.gamma * kc * (ks - kc)) / run.twoM;
    if (!wellConnected(k[v], ext[v])) continue;
    const nt = weightsTo(L, v, ref, run, touched, (u) => comm[u] === s);
    const scale = (run.gamma * k[v]) / run.twoM;
    let max = 0;
    let m = 0;
    for (let t = 0; t < nt; t++) {
      const r = touched[t];
      const gain = run.neighW[r] - scale * refK[r];
      if (r === v || gain < 0 || !wellConnected(refK[r], ext[r])) continue;
      touched[m] = r;
      gains[m++] = gain;
      if (gain > max) max = gain;
    }
    if (m === 0) continue;
    // Staying alone (ΔH = 0) is one of the choices, as v's singleton is itself a well-connected community of S.
    let total = Math.exp(-max / THETA);
    for (let t = 0; t < m; t++) total += Math.exp((gains[t] - max) / THETA);
    let pick = run.next() * total - Math.exp(-max / THETA);
    if (pick < 0) continue;
    let r = touched[m - 1];
    for (let t = 0; t < m; t++) {
      pick -= Math.exp((gains[t] - max) / THETA);
      if (pick < 0) {
        r = touched[t];
        break;
      }
    }
    ext[r] += ext[v] - 2 * run.neighW[r];
    refK[r] += k[v];
    size[r]++;
    size[v] = 0;
    ref[v] = r;
  }
  return ref;
}

/** One run of the Leiden loop from `start` (labels < n); returns each level-0 node's community. */
function leidenRun(L0: Level, start: Int32Array, run: Run): Int32Array {
  let L = L0;
  let comm = start.slice();
  const memb = Int32Array.from({ length: L0.n }, (_, i) => i);
  for (;;) {
    moveNodesFast(L, comm, run);
    const communities = renumber(comm);
    if (communities.count === L.n) break;
    const refined = renumber(refine(L, comm, run));
    // Nothing merged in refinement: aggregating would give the same graph again, so this is a fixed point.
    if (refined.count === L.n) break;
    const next = new Int32Array(refined.count);
    for (let i = 0; i < L.n; i++) next[refined.membership[i]] = communities.membership[i];
    for (let j = 0; j < L0.n; j++) memb[j] = refined.membership[memb[j]];
    L = aggregate(L, refined.membership, refined.count);
    comm = next;
  }
  return Int32Array.from(memb, (x) => comm[x]);
}

/** Splits every community into its connected parts: a guarantee the paper proves, enforced here too (splitting never lowers modularity). */
function splitDisconnected(L: Level, comm: Int32Array): Int32Array {
  const out = new Int32Array(L.n).fill(-1);
  const stack = new Int32Array(L.n);
  let label = 0;
  for (let s = 0; s < L.n; s++) {
    if (out[s] >= 0) continue;
    out[s] = label;
    let top = 0;
    stack[top++] = s;
    while (top > 0) {
      const v = stack[--top];
      for (let p = L.offsets[v]; p < L.offsets[v + 1]; p++) {
        const u = L.targets[p];
        if (out[u] < 0 && comm[u] === comm[s]) {
          out[u] = label;
          stack[top++] = u;
        }
      }
    }
    label++;
  }
  return out;
}

/**
 * Communities by the Leiden algorithm: like Louvain, but every community is guaranteed connected (and,
 * at convergence, γ-connected). Direction ignored, parallel edges' weights summed, self-loops dropped;
 * communities numbered from 0, largest first.
 * @example leiden(g, { seed: 7 }).result.count
 */
export function leiden(g: GraphInput, options: Partial<LeidenParams> = {}): Analysis<LeidenParams, CommunitiesResult> {
  const params: LeidenParams = {
    resolution: checkNumber('resolution', options.resolution ?? 1, { min: 0, above: true }),
    seed: checkNumber('seed', options.seed ?? 42, { integer: true }),
    weighted: checkBoolean('weighted', options.weighted ?? true),
    iterations: checkNumber('iterations', options.iterations ?? 2, { min: 1, max: 100, integer: true }),
  };
  const csr = undirectedView(g, params.weighted);
  const { level: L0, twoM } = levelZero(csr);
  let comm: Int32Array = Int32Array.from({ length: csr.n }, (_, i) => i);
  if (twoM > 0) {
    const run = newRun(params.resolution, twoM, params.seed, csr.n);
    for (let it = 0; it < params.iterations; it++) comm = renumber(leidenRun(L0, comm, run)).membership;
    comm = splitDisconnected(L0, comm);
  }
  const { membership, count } = renumber(comm);
  const communities: Record<string, number> = {};
  csr.ids.forEach((id, i) => (communities[id] = membership[i]));
  return { algorithm: 'leiden', citation: LEIDEN_CITATION, params, result: { communities, count, modularity: modularity(csr, membership, params.resolution) } };
}
