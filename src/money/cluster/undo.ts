/**
 * `corvid wallets undo`: retracts what a clustering run decided, or one cluster of it, with a reason, exactly like
 * resolution's undo; the canonical view is derived from active judgements, so it splits exactly what the run joined.
 */
import type { Context } from '../../model/context.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { Judgement, Store } from '../../store/port.ts';
import { loadCanonical } from '../../resolve/canonical.ts';
import { RUN_UNDO_PREFIX } from '../../resolve/run.ts';
import { WALLET_RUN_PREFIX } from './run.ts';
import { WalletUnion } from './union.ts';

export interface WalletUndoTarget {
  run: string;
  /** Only the judgements of this run inside one cluster: a wallet id, or the cluster's canonical id (`cvd-…`). */
  cluster?: string;
}

export interface WalletUndoResult {
  run: string;
  cluster: string | null;
  retracted: Judgement[];
}

async function runJudgements(ctx: Context, store: Store, run: string): Promise<Judgement[]> {
  const out: Judgement[] = [];
  for await (const batch of store.iterateJudgements(ctx, { run, active: true })) out.push(...batch);
  return out;
}

/** The wallets of `cluster`: its canonical group, or the wallet's component among the run's judgements. */
async function membersOf(ctx: Context, store: Store, cluster: string, judgements: readonly Judgement[]): Promise<Set<string>> {
  if (cluster.startsWith('cvd-')) return new Set((await loadCanonical(ctx, store)).groups.get(cluster) ?? []);
  const u = new WalletUnion();
  for (const j of judgements) u.union(j.left, j.right, false);
  return new Set(judgements.flatMap((j) => [j.left, j.right]).filter((id) => u.same(id, cluster)));
}

/**
 * Undoes a clustering run, or one cluster of it. A whole run undone may be clustered again by the next run; a
 * cluster undone on its own stays undone (its pairs are not linked again automatically), as in resolution.
 * @example await undoWallets(ctx, store, { run: 'wallets-20250101T120000-abc123' }, 'wrong CoinJoin threshold');
 */
export async function undoWallets(ctx: Context, store: Store, target: WalletUndoTarget, reason: string): Promise<WalletUndoResult> {
  const { run, cluster } = target;
  if (!run.startsWith(WALLET_RUN_PREFIX)) throw new ValidationError('CORVID_ERR_VALIDATION', `not a wallet clustering run: ${run} (use corvid resolve undo)`);
  const known = (await store.listJudgements(ctx, { run, limit: 1 })).length > 0 || (await store.listAudit(ctx, { action: 'wallets.cluster', target: run, limit: 1 })).length > 0;
  if (!known) throw new NotFoundError('wallet clustering run', run);
  const why = reason ? `: ${reason}` : '';
  if (cluster === undefined) {
    const retracted = await store.retractJudgements(ctx, { run }, `${RUN_UNDO_PREFIX}${run}${why}`);
    return { run, cluster: null, retracted };
  }
  const judgements = await runJudgements(ctx, store, run);
  const members = await membersOf(ctx, store, cluster, judgements);
  const ids = judgements.filter((j) => members.has(j.left) && members.has(j.right)).map((j) => j.id);
  if (ids.length === 0) throw new NotFoundError('wallet cluster of this run', cluster);
  const retracted = await store.retractJudgements(ctx, { ids, run }, `undo of wallet cluster ${cluster} from ${run}${why}`);
  return { run, cluster, retracted };
}
