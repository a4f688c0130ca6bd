/**
 * Clustering of links into entities: union–find over links taken strongest first, with cannot-link
 * constraints (negative judgements are never overridden) and a guard against chaining: two groups are
 * joined only when most pairs compared between them agree, so one weak bridge cannot fuse two
 * crowds into a giant cluster (a density check in the spirit of average-linkage clustering).
 */

/** A proposed link between records `a` and `b` (indices). Higher `strength` is considered first. */
export interface Link {
  a: number;
  b: number;
  strength: number;
  /** Links that bypass the guard: user judgements and identifier rules. */
  trusted: boolean;
}

export interface ClusterOptions {
  /** Largest cluster the automatic pass may build (trusted links may exceed it). Default 50. */
  maxSize?: number;
  /** Share of compared cross pairs that must agree before a group grows past two records. Default 0.5. */
  minSupport?: number;
  /** Probability at or above which a compared pair counts as agreeing (for the guard). */
  threshold?: number;
}

/** Scores of every compared pair, for the guard: adjacency of record → (other record, probability). */
export interface CompareGraph {
  neighbours(i: number): Iterable<[number, number]>;
}

export type LinkOutcome = 'merged' | 'already' | 'negative' | 'guard' | 'size';

export class Clusters {
  private parent: Int32Array;
  private size: Int32Array;
  private members = new Map<number, number[]>();
  private cannot = new Map<number, Set<number>>();

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[i] !== r) {
      const next = this.parent[i];
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  sizeOf(i: number): number {
    return this.size[this.find(i)];
  }

  membersOf(i: number): number[] {
    const r = this.find(i);
    return this.members.get(r) ?? [r];
  }

  /** Records that `a` and `b` must never end up in one cluster. */
  forbid(a: number, b: number): void {
    for (const [x, y] of [[a, b], [b, a]]) {
      const s = this.cannot.get(x) ?? new Set<number>();
      s.add(y);
      this.cannot.set(x, s);
    }
  }

  private forbidden(ra: number, rb: number): boolean {
    for (const m of this.membersOf(ra)) {
      const s = this.cannot.get(m);
      if (!s) continue;
      for (const x of s) if (this.find(x) === rb) return true;
    }
    return false;
  }

  /** Tries one link; says what happened. */
  link(l: Link, opts: ClusterOptions = {}, graph?: CompareGraph): LinkOutcome {
    let ra = this.find(l.a);
    let rb = this.find(l.b);
    if (ra === rb) return 'already';
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    if (this.forbidden(rb, ra)) return 'negative';
    const total = this.size[ra] + this.size[rb];
    if (!l.trusted) {
      if (total > (opts.maxSize ?? 50)) return 'size';
      if (total > 2 && graph && !this.supported(ra, rb, opts, graph)) return 'guard';
    }
    this.parent[rb] = ra;
    this.size[ra] = total;
    const ma = this.members.get(ra) ?? [ra];
    const mb = this.members.get(rb) ?? [rb];
    for (const m of mb) ma.push(m);
    this.members.set(ra, ma);
    this.members.delete(rb);
    return 'merged';
  }

  private supported(ra: number, rb: number, opts: ClusterOptions, graph: CompareGraph): boolean {
    const threshold = opts.threshold ?? 0.7;
    let compared = 0;
    let agree = 0;
    for (const m of this.membersOf(rb)) {
      for (const [other, p] of graph.neighbours(m)) {
        if (this.find(other) !== ra) continue;
        compared++;
        if (p >= threshold) agree++;
      }
    }
    return compared === 0 || agree / compared >= (opts.minSupport ?? 0.5);
  }

  /** The clusters of more than one record, each sorted, largest first. */
  groups(): number[][] {
    const out = [...this.members.values()].filter((m) => m.length > 1).map((m) => [...m].sort((x, y) => x - y));
    return out.sort((x, y) => y.length - x.length || x[0] - y[0]);
  }
}

/** Adjacency over compared pairs, built once from the flat pair arrays (compressed rows). */
export function compareGraph(n: number, left: Int32Array, right: Int32Array, prob: Float32Array): CompareGraph {
  const deg = new Int32Array(n + 1);
  for (let i = 0; i < left.length; i++) {
    deg[left[i] + 1]++;
    deg[right[i] + 1]++;
  }
  for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
  const fill = deg.slice(0, n);
  const nb = new Int32Array(left.length * 2);
  const pr = new Float32Array(left.length * 2);
  for (let i = 0; i < left.length; i++) {
    nb[fill[left[i]]] = right[i];
    pr[fill[left[i]]++] = prob[i];
    nb[fill[right[i]]] = left[i];
    pr[fill[right[i]]++] = prob[i];
  }
  return {
    *neighbours(i: number): Iterable<[number, number]> {
      for (let j = deg[i]; j < deg[i + 1]; j++) yield [nb[j], pr[j]];
    },
  };
}
