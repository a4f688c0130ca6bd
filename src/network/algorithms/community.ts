/** Shared by the community detectors: Newman–Girvan modularity with a resolution (Reichardt & Bornholdt 2006) and canonical community numbering. */
import type { Csr } from './csr.ts';

/** What louvain and leiden return. */
export interface CommunitiesResult {
  /** Node id → community number; 0 is the largest community. */
  communities: Record<string, number>;
  count: number;
  /** Modularity of the partition on the undirected simple view, at the run's resolution. */
  modularity: number;
}

/**
 * Q = Σ_c [ I_c / 2m − γ (K_c / 2m)² ], where I_c counts the weight of ties inside c twice, K_c is the
 * summed strength of c's members and 2m the total strength (Newman & Girvan 2004; γ as in Reichardt & Bornholdt 2006).
 * @example modularity(undirectedView(g, true), membership, 1)
 */
export function modularity(csr: Csr, membership: ArrayLike<number>, resolution: number): number {
  const { n, offsets, targets, weights } = csr;
  let count = 0;
  for (let i = 0; i < n; i++) count = Math.max(count, membership[i] + 1);
  const inside = new Float64Array(count);
  const strength = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = membership[i];
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const w = weights[p];
      total += w;
      strength[c] += w;
      if (membership[targets[p]] === c) inside[c] += w;
    }
  }
  if (total === 0) return 0;
  let q = 0;
  for (let c = 0; c < count; c++) q += inside[c] / total - resolution * (strength[c] / total) ** 2;
  return q;
}

/**
 * Renumbers community labels 0…count−1, largest community first (ties: the one whose first member comes first),
 * so results do not depend on an implementation's internal labels.
 */
export function renumber(labels: ArrayLike<number>): { membership: Int32Array; count: number } {
  const n = labels.length;
  const dense = new Map<number, number>();
  const sizes: number[] = [];
  const raw = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let d = dense.get(labels[i]);
    if (d === undefined) {
      d = sizes.length;
      dense.set(labels[i], d);
      sizes.push(0);
    }
    sizes[d]++;
    raw[i] = d;
  }
  const order = sizes.map((_, d) => d).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const rank = new Int32Array(order.length);
  order.forEach((d, r) => (rank[d] = r));
  const membership = new Int32Array(n);
  for (let i = 0; i < n; i++) membership[i] = rank[raw[i]];
  return { membership, count: sizes.length };
}
