/** The wallet clusters as they stand: canonical groups (src/resolve/canonical.ts) held together by `cio` or `change` judgements. */
import type { Context } from '../../model/context.ts';
import type { Judgement, Store } from '../../store/port.ts';
import { deriveCanonical } from '../../resolve/canonical.ts';
import type { Heuristic } from './types.ts';

export const CLUSTER_RULES: readonly Heuristic[] = ['cio', 'change'];

export interface WalletCluster {
  /** The canonical id the members share (`cvd-…`). */
  canonical: string;
  members: { id: string; address: string }[];
  /** The active clustering judgements inside the group: the reasons it holds together. */
  judgements: Pick<Judgement, 'id' | 'left' | 'right' | 'rule' | 'score' | 'reason' | 'run'>[];
}

/**
 * Whether a judgement was made by wallet clustering.
 * @example isClusterJudgement({ by: 'rule', rule: 'cio' }) // true
 */
export function isClusterJudgement(j: Pick<Judgement, 'by' | 'rule'>): boolean {
  return j.by === 'rule' && (CLUSTER_RULES as readonly string[]).includes(j.rule);
}

/** Addresses of the given wallets from their publicKey statements (ids the caller cannot see are absent). */
async function addressesOf(ctx: Context, store: Store, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const e of await store.getEntities(ctx, ids.slice(i, i + 500))) {
      const a = e.properties.publicKey?.[0];
      if (a) out.set(e.id, a);
    }
  }
  return out;
}

/**
 * Every canonical group the caller sees that a clustering judgement holds together, largest first (ties by id).
 * @example const [biggest] = await walletClusters(ctx, store); biggest?.judgements.map((j) => j.reason);
 */
export async function walletClusters(ctx: Context, store: Store, addresses?: ReadonlyMap<string, string>): Promise<WalletCluster[]> {
  const active: Judgement[] = [];
  for await (const batch of store.iterateJudgements(ctx, { active: true }, 10_000)) for (const j of batch) active.push(j);
  const view = deriveCanonical(active);
  const byGroup = new Map<string, WalletCluster['judgements']>();
  for (const j of active) {
    const g = view.canonicalOf.get(j.left);
    if (!isClusterJudgement(j) || g === undefined || g !== view.canonicalOf.get(j.right)) continue;
    const list = byGroup.get(g) ?? [];
    list.push({ id: j.id, left: j.left, right: j.right, rule: j.rule, score: j.score, reason: j.reason, run: j.run });
    byGroup.set(g, list);
  }
  const ids = [...byGroup.keys()].flatMap((g) => view.groups.get(g) ?? []);
  const known = addresses ?? (await addressesOf(ctx, store, ids));
  const clusters = [...byGroup].map(([canonical, judgements]) => ({
    canonical,
    members: (view.groups.get(canonical) ?? []).map((id) => ({ id, address: known.get(id) ?? '' })),
    judgements,
  }));
  return clusters.sort((a, b) => b.members.length - a.members.length || (a.canonical < b.canonical ? -1 : 1));
}
