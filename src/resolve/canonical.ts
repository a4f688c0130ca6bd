/**
 * Canonical entities derived from judgements, never stored: user decisions first, then rule links by
 * score, each joining two groups unless a negative judgement separates them. Retracting a judgement
 * and deriving again splits exactly what it joined.
 */
import { hash } from 'node:crypto';
import type { Context } from '../model/context.ts';
import type { Judgement, Store } from '../store/port.ts';
import { Clusters } from './engine/cluster.ts';

/** The canonical id of a group: stable while its smallest member id stays (`cvd-` + 20 hex of SHA-1). */
export function canonicalId(members: readonly string[]): string {
  let min = members[0];
  for (const m of members) if (m < min) min = m;
  return `cvd-${hash('sha1', min, 'hex').slice(0, 20)}`;
}

export interface CanonicalView {
  /** Entity id → canonical id, for entities in a group of two or more. */
  canonicalOf: Map<string, string>;
  /** Canonical id → member entity ids (sorted). */
  groups: Map<string, string[]>;
}

/** Derives the groups from judgements (active ones; the rest are ignored). */
export function deriveCanonical(judgements: Iterable<Judgement>): CanonicalView {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const no = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
    }
    return i;
  };
  const positives: Judgement[] = [];
  const negatives: Judgement[] = [];
  for (const j of judgements) {
    if (j.retractedAt) continue;
    if (j.verdict === 'positive') positives.push(j);
    else if (j.verdict === 'negative') negatives.push(j);
    no(j.left);
    no(j.right);
  }
  const strength = (j: Judgement): number => (j.by === 'user' ? 2 : (j.score ?? 1));
  positives.sort((a, b) => strength(b) - strength(a) || a.id - b.id);
  const clusters = new Clusters(ids.length);
  for (const j of negatives) clusters.forbid(no(j.left), no(j.right));
  for (const j of positives) clusters.link({ a: no(j.left), b: no(j.right), strength: strength(j), trusted: true });
  const canonicalOf = new Map<string, string>();
  const groups = new Map<string, string[]>();
  for (const g of clusters.groups()) {
    const members = g.map((i) => ids[i]).sort();
    const cid = canonicalId(members);
    groups.set(cid, members);
    for (const m of members) canonicalOf.set(m, cid);
  }
  return { canonicalOf, groups };
}

/** Loads every active judgement the caller may see and derives the canonical view. */
export async function loadCanonical(ctx: Context, store: Store): Promise<CanonicalView> {
  const all: Judgement[] = [];
  for await (const batch of store.iterateJudgements(ctx, { active: true }, 10_000)) for (const j of batch) all.push(j);
  return deriveCanonical(all);
}
