/**
 * Union–find over wallet ids (Tarjan 1975, path halving and union by size) with two guards: cannot-link pairs
 * (negative judgements are never overridden) and a size cap, so one wrong link cannot fuse the data into a single
 * giant cluster (the "super-cluster" collapse that Kappos et al. 2022 observe with the change heuristic).
 */

export type UnionOutcome = 'merged' | 'already' | 'negative' | 'cap';

/**
 * Groups of wallet ids that only grow, within a size cap and never across a forbidden pair.
 * @example
 * const u = new WalletUnion(1_000);
 * u.forbid('a', 'c');
 * u.union('a', 'b'); // 'merged'
 * u.union('b', 'c'); // 'negative'
 */
export class WalletUnion {
  private index = new Map<string, number>();
  private ids: string[] = [];
  private parent: number[] = [];
  private size: number[] = [];
  /** root → pairs [member of this group, wallet it must never join] (by index). */
  private cannot = new Map<number, [number, number][]>();

  constructor(private readonly maxSize: number = Number.POSITIVE_INFINITY) {}

  /** The number of a wallet id, added as its own group when new. */
  no(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.push(id) - 1;
      this.index.set(id, i);
      this.parent.push(i);
      this.size.push(1);
    }
    return i;
  }

  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }

  same(a: string, b: string): boolean {
    return this.find(this.no(a)) === this.find(this.no(b));
  }

  sizeOf(id: string): number {
    return this.size[this.find(this.no(id))];
  }

  /** Records that `a` and `b` must stay apart. */
  forbid(a: string, b: string): void {
    const [i, j] = [this.no(a), this.no(b)];
    this.cannotOf(this.find(i)).push([i, j]);
    this.cannotOf(this.find(j)).push([j, i]);
  }

  /** Two wallets, one in each group, that must stay apart (the pair a join would violate), or null. */
  conflict(a: string, b: string): [string, string] | null {
    const [x, y] = [this.find(this.no(a)), this.find(this.no(b))];
    const [small, other] = (this.cannot.get(x)?.length ?? 0) <= (this.cannot.get(y)?.length ?? 0) ? [x, y] : [y, x];
    for (const [own, m] of this.cannot.get(small) ?? []) if (this.find(m) === other) return [this.ids[own], this.ids[m]];
    return null;
  }

  /** Joins the groups of `a` and `b` unless a cannot-link or the size cap forbids it. */
  union(a: string, b: string, enforceCap = true): UnionOutcome {
    const [x, y] = [this.find(this.no(a)), this.find(this.no(b))];
    if (x === y) return 'already';
    if (this.conflict(a, b) !== null) return 'negative';
    if (enforceCap && this.size[x] + this.size[y] > this.maxSize) return 'cap';
    const [big, small] = this.size[x] >= this.size[y] ? [x, y] : [y, x];
    this.parent[small] = big;
    this.size[big] += this.size[small];
    const moved = this.cannot.get(small);
    if (moved) {
      const into = this.cannotOf(big);
      for (const p of moved) into.push(p);
      this.cannot.delete(small);
    }
    return 'merged';
  }

  /** Groups of two or more, each sorted, largest first (ties by first member). */
  groups(): string[][] {
    const by = new Map<number, string[]>();
    this.ids.forEach((id, i) => {
      const r = this.find(i);
      const g = by.get(r);
      if (g) g.push(id);
      else by.set(r, [id]);
    });
    const out = [...by.values()].filter((g) => g.length > 1).map((g) => g.sort());
    return out.sort((p, q) => q.length - p.length || (p[0] < q[0] ? -1 : 1));
  }

  private cannotOf(root: number): [number, number][] {
    let s = this.cannot.get(root);
    if (!s) this.cannot.set(root, (s = []));
    return s;
  }
}
