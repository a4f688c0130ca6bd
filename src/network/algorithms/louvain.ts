/**
 * Louvain communities (Blondel, Guillaume, Lambiotte & Lefebvre 2008) with the fast local-moving queue of
 * Traag (2015), on the undirected simple view's CSR arrays; modularity with resolution γ.
 */
import type { Analysis } from '../types.ts';
import { modularity, renumber, type CommunitiesResult } from './community.ts';
import { undirectedView, type GraphInput } from './csr.ts';
import { checkBoolean, checkNumber } from './guard.ts';
import { aggregate, levelZero, moveNodesFast, newRun, type Level, type Run } from './local-moving.ts';

export const LOUVAIN_CITATION =
  'Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of communities in large networks. J. Stat. Mech. P10008; fast local moving: Traag, V. A. (2015). Faster unfolding of communities: speeding up the Louvain algorithm. Phys. Rev. E 92, 032801.';

export interface LouvainParams {
  /** γ: above 1 favours more, smaller communities; below 1 fewer, larger ones. */
  resolution: number;
  /** Seed of the PRNG that orders the node visits (same seed, same graph → same communities). */
  seed: number;
  /** Use edge weights (summed over parallel edges); otherwise every tie counts 1. */
  weighted: boolean;
}

/** Local moving until no node gains by moving, then aggregation of the communities into nodes, until nothing merges. */
function louvainRun(L0: Level, run: Run): Int32Array {
  let L = L0;
  const memb = Int32Array.from({ length: L0.n }, (_, i) => i);
  for (;;) {
    const comm = Int32Array.from({ length: L.n }, (_, i) => i);
    moveNodesFast(L, comm, run);
    const { membership, count } = renumber(comm);
    if (count === L.n) break;
    for (let j = 0; j < L0.n; j++) memb[j] = membership[memb[j]];
    L = aggregate(L, membership, count);
  }
  return memb;
}

/**
 * Communities maximising modularity by Louvain's local moves and aggregation. Direction is ignored,
 * parallel edges' weights summed, self-loops dropped. Communities are numbered from 0, largest first.
 * Unlike Leiden, a Louvain community may end up internally disconnected (Traag et al. 2019).
 * @example louvain(g, { resolution: 1 }).result.communities['N12'] // the community of N12
 */
export function louvain(g: GraphInput, options: Partial<LouvainParams> = {}): Analysis<LouvainParams, CommunitiesResult> {
  const params: LouvainParams = {
    resolution: checkNumber('resolution', options.resolution ?? 1, { min: 0, above: true }),
    seed: checkNumber('seed', options.seed ?? 42, { integer: true }),
    weighted: checkBoolean('weighted', options.weighted ?? true),
  };
  const csr = undirectedView(g, params.weighted);
  const { level, twoM } = levelZero(csr);
  const labels = twoM > 0 ? louvainRun(level, newRun(params.resolution, twoM, params.seed, csr.n)) : Int32Array.from({ length: csr.n }, (_, i) => i);
  const { membership, count } = renumber(labels);
  const communities: Record<string, number> = {};
  csr.ids.forEach((id, i) => (communities[id] = membership[i]));
  return { algorithm: 'louvain', citation: LOUVAIN_CITATION, params, result: { communities, count, modularity: modularity(csr, membership, params.resolution) } };
}
