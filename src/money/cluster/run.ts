/**
 * `corvid wallets cluster`: clusters the wallets the caller may see and records each new link as a rule judgement
 * (rule `cio` or `change`, score = confidence, the heuristic and transaction in the reason, a run id), so canonical
 * ids merge through src/resolve/canonical.ts and an undo splits them again, exactly like resolution.
 */
import { randomBytes } from 'node:crypto';
import { formatUnits } from '../amount.ts';
import type { Context } from '../../model/context.ts';
import type { Judgement, JudgementInit, Store } from '../../store/port.ts';
import { RUN_UNDO_PREFIX } from '../../resolve/run.ts';
import { clusterWallets, type ClusterOptions, type ClusterResult } from './cluster.ts';
import { loadUtxo } from './load.ts';
import { txLabel, type WalletLink } from './types.ts';
import { walletClusters, type WalletCluster } from './view.ts';

/** What a caller may set; the rest (known pairs, negatives, visibility) comes from the store. */
export type WalletClusterOptions = Pick<ClusterOptions, 'change' | 'changeRules' | 'coinjoin' | 'maxClusterSize' | 'roundDecimals'>;

export interface RefusalReport {
  a: string;
  b: string;
  heuristic: WalletLink['heuristic'];
  txHash: string;
  why: 'negative' | 'cap' | 'blocked';
  /** For a negative: the judgement that said the two wallets differ. */
  judgement?: number;
  against?: [string, string];
}

export interface WalletClusterRunResult {
  run: string;
  transactions: number;
  wallets: number;
  /** Judgements written by this run (0 when an earlier run already holds every link). */
  judgements: number;
  stats: ClusterResult['stats'];
  coinjoins: { tx: string; txHash: string; rule: string; equalOutputs: number; value: string }[];
  refused: RefusalReport[];
  skippedLegs: number;
  /** Every current wallet cluster the caller sees (earlier runs included), largest first. */
  clusters: WalletCluster[];
}

/** Run ids of wallet clustering: `wallets-` + UTC time + 6 hex, like resolution's `run-…`. */
export const WALLET_RUN_PREFIX = 'wallets-';

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * The plain sentence a judgement carries: which heuristic, which transaction.
 * @example reasonOf(link) // 'Common-input-ownership: both wallets spent inputs of transaction ab12… (Nakamoto 2008 §10; …).'
 */
export function reasonOf(l: WalletLink): string {
  if (l.heuristic === 'cio') {
    return `Common-input-ownership: both wallets spent inputs of transaction ${txLabel(l)} (Nakamoto 2008 §10; Meiklejohn et al. 2013).`;
  }
  const rules = l.rules.map((r) => r.replace(/^change:/, '')).join(', ');
  return `Change address (weaker heuristic; rules: ${rules}): ${l.b} received the change of transaction ${txLabel(l)} paid from ${l.a} (Meiklejohn et al. 2013).`;
}

/** Judgements to build on: pairs already the same, pairs judged different, pairs not to link again. */
function priorOf(judgements: readonly Judgement[], wallets: ReadonlySet<string>): Pick<ClusterOptions, 'known' | 'negatives' | 'blocked'> & { negativeIds: Map<string, number> } {
  const known: [string, string][] = [];
  const negatives: [string, string][] = [];
  const negativeIds = new Map<string, number>();
  const blocked = new Set<string>();
  for (const j of judgements) {
    if (!wallets.has(j.left) || !wallets.has(j.right)) continue;
    if (j.retractedAt) {
      // As in resolution: what a whole-run undo took back may be linked again; a judgement undone on its own may not.
      if (!j.retractReason?.startsWith(RUN_UNDO_PREFIX)) blocked.add(pairKey(j.left, j.right));
    } else if (j.verdict === 'positive') known.push([j.left, j.right]);
    else if (j.verdict === 'negative') {
      negatives.push([j.left, j.right]);
      negativeIds.set(pairKey(j.left, j.right), j.id);
    } else blocked.add(pairKey(j.left, j.right));
  }
  return { known, negatives, negativeIds, blocked: (a, b) => blocked.has(pairKey(a, b)) };
}

function judgementOf(l: WalletLink, run: string): JudgementInit {
  return {
    left: l.a, right: l.b, verdict: 'positive', by: 'rule', rule: l.heuristic, score: l.confidence, reason: reasonOf(l),
    explanation: { heuristic: l.heuristic, rules: l.rules, tx: l.tx, txHash: l.txHash, confidence: l.confidence }, run,
  };
}

function newRunId(): string {
  return `${WALLET_RUN_PREFIX}${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
}

/**
 * Clusters the caller's wallets and records the new links as judgements, audited as `wallets.cluster`.
 * @example const r = await clusterStore(ctx, store, { change: false }); console.log(r.run, r.judgements, r.clusters[0]?.members.length);
 */
export async function clusterStore(ctx: Context, store: Store, options: WalletClusterOptions = {}): Promise<WalletClusterRunResult> {
  const data = await loadUtxo(ctx, store);
  const judgements: Judgement[] = [];
  for await (const batch of store.iterateJudgements(ctx, {}, 10_000)) for (const j of batch) judgements.push(j);
  const prior = priorOf(judgements, data.wallets);
  const result = clusterWallets(data.txs, { ...options, ...prior, addresses: data.addresses, linkable: (w) => data.wallets.has(w) });
  const run = newRunId();
  const rows = result.links.map((l) => judgementOf(l, run));
  const refused: RefusalReport[] = result.refused.map((r) => {
    const judgement = r.against ? prior.negativeIds.get(pairKey(...r.against)) : undefined;
    return { a: r.link.a, b: r.link.b, heuristic: r.link.heuristic, txHash: txLabel(r.link), why: r.why, ...(r.against ? { against: r.against } : {}), ...(judgement !== undefined ? { judgement } : {}) };
  });
  const count = (why: RefusalReport['why']): number => refused.filter((r) => r.why === why).length;
  const detail = {
    transactions: data.txs.length, judgements: rows.length, cio: result.stats.cio, change: result.stats.change, coinjoins: result.stats.coinjoins,
    refusedNegative: count('negative'), refusedCap: count('cap'), refusedBlocked: count('blocked'), changeConflicts: result.stats.changeConflicts,
    changeHeuristic: options.change !== false,
  };
  await store.addJudgements(ctx, rows, { action: 'wallets.cluster', target: run, detail });
  const coinjoins = result.coinjoins.map((c) => ({ tx: c.tx, txHash: c.txHash, rule: c.rule, equalOutputs: c.equalOutputs, value: formatUnits(c.value, data.scales.get(c.tx) ?? 8) }));
  return {
    run, transactions: data.txs.length, wallets: data.wallets.size, judgements: rows.length, stats: result.stats, coinjoins, refused,
    skippedLegs: data.skippedLegs, clusters: await walletClusters(ctx, store, data.addresses),
  };
}
