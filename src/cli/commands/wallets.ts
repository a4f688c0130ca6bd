/** `corvid wallets cluster|undo`: crypto address clustering (common-input-ownership, change) recorded as reversible judgements. */
import type { Command } from 'commander';
import { ValidationError } from '../../errors.ts';
import { clusterStore, type WalletClusterOptions, type WalletClusterRunResult } from '../../money/cluster/run.ts';
import { undoWallets, type WalletUndoResult } from '../../money/cluster/undo.ts';
import type { WalletCluster } from '../../money/cluster/view.ts';
import { output, withRuntime, type GlobalOptions } from '../runtime.ts';

interface ClusterFlags extends GlobalOptions {
  change?: boolean;
  maxCluster?: string;
  top?: string;
}

interface UndoFlags extends GlobalOptions {
  cluster?: string;
  reason?: string;
}

/** Members shown per cluster before "… and N more". */
const MEMBERS_SHOWN = 10;

/** A whole number option, or a clear CORVID_ERR_VALIDATION. */
function whole(name: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min) throw new ValidationError('CORVID_ERR_VALIDATION', `${name} must be a whole number of at least ${min}, not ${raw}`);
  return n;
}

function formatCluster(c: WalletCluster): string[] {
  const lines = [`  ${c.canonical}  ${c.members.length} wallets`];
  for (const m of c.members.slice(0, MEMBERS_SHOWN)) lines.push(`    ${m.id}${m.address ? `  ${m.address}` : ''}`);
  if (c.members.length > MEMBERS_SHOWN) lines.push(`    … and ${c.members.length - MEMBERS_SHOWN} more`);
  for (const j of c.judgements) lines.push(`    ${j.left} ~ ${j.right}  [${j.rule} ${(j.score ?? 0).toFixed(2)}, judgement ${j.id}, ${j.run ?? ''}] ${j.reason}`);
  return lines;
}

/**
 * The run for people: what was written, what was refused and why, then the clusters largest first.
 * @example process.stdout.write(formatClusterRun(await clusterStore(ctx, store), 20));
 */
export function formatClusterRun(r: WalletClusterRunResult, top: number): string {
  const by = (why: string): number => r.refused.filter((x) => x.why === why).length;
  const lines = [
    `run ${r.run}: ${r.transactions} transactions, ${r.wallets} wallets`,
    `  judgements written ${r.judgements} (cio ${r.stats.cio}, change ${r.stats.change}); links already held ${r.stats.redundant}`,
    `  CoinJoins not clustered ${r.coinjoins.length}; change rules disagreed on ${r.stats.changeConflicts} transactions`,
    `  refused: ${by('negative')} by a "different" judgement, ${by('cap')} by the cluster size cap, ${by('blocked')} undone before`,
  ];
  for (const c of r.coinjoins.slice(0, top)) lines.push(`    CoinJoin ${c.txHash || c.tx} (${c.rule}: ${c.equalOutputs} outputs of ${c.value})`);
  for (const x of r.refused.filter((y) => y.why === 'negative').slice(0, top)) {
    lines.push(`    conflict: ${x.a} ~ ${x.b} (${x.heuristic}, ${x.txHash}) would join ${x.against?.join(' and ')}, judged different (judgement ${x.judgement ?? '?'})`);
  }
  if (r.skippedLegs) lines.push(`  legs not read (no transfer or input/output direction): ${r.skippedLegs}`);
  lines.push(r.clusters.length ? `clusters ${r.clusters.length}, largest first:` : 'no wallet clusters');
  for (const c of r.clusters.slice(0, top)) lines.push(...formatCluster(c));
  if (r.clusters.length > top) lines.push(`  … and ${r.clusters.length - top} more clusters (--top N, or --json)`);
  return lines.join('\n');
}

/**
 * An undo for people: what was retracted.
 * @example formatWalletUndo(await undoWallets(ctx, store, { run }, '')) // 'undid run wallets-…: 3 judgements retracted …'
 */
export function formatWalletUndo(u: WalletUndoResult): string {
  const what = u.cluster ? `cluster ${u.cluster} of run ${u.run}` : `run ${u.run}`;
  const lines = [`undid ${what}: ${u.retracted.length} judgements retracted`];
  for (const j of u.retracted) lines.push(`  ${j.id}  ${j.left} ~ ${j.right}  (${j.rule})`);
  return lines.join('\n');
}

/**
 * Registers `corvid wallets`.
 * @example registerWallets(program); // corvid wallets cluster --no-change --json
 */
export function registerWallets(program: Command): void {
  const wallets = program.command('wallets').description('crypto wallets: address clustering by common-input-ownership and change, reversible like resolution');

  wallets
    .command('cluster')
    .description('cluster the wallets you may see; each link is a judgement with its heuristic and transaction')
    .option('--no-change', 'only common-input-ownership, not the weaker change heuristic')
    .option('--max-cluster <n>', 'largest cluster the heuristics may build; bigger joins are refused and reported', '1000')
    .option('--top <n>', 'how many clusters to print', '20')
    .action(async (_o: ClusterFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<ClusterFlags>();
      await withRuntime(o, async (rt) => {
        const opts: WalletClusterOptions = { change: o.change !== false, maxClusterSize: whole('--max-cluster', o.maxCluster ?? '1000', 2) };
        const top = whole('--top', o.top ?? '20', 1);
        process.stderr.write('wallets: clustering…\n');
        const r = await clusterStore(rt.ctx, rt.store, opts);
        output(rt, r, () => formatClusterRun(r, top));
      });
    });

  wallets
    .command('undo <run>')
    .description('retract what a clustering run decided (or, with --cluster, one cluster of it)')
    .option('--cluster <id>', 'only the cluster holding this wallet id, or with this canonical id (cvd-…)')
    .option('--reason <text>', 'why (recorded with the retraction)')
    .action(async (run: string, _o: UndoFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<UndoFlags>();
      await withRuntime(o, async (rt) => {
        const u = await undoWallets(rt.ctx, rt.store, { run, ...(o.cluster ? { cluster: o.cluster } : {}) }, o.reason ?? '');
        output(rt, u, () => formatWalletUndo(u));
      });
    });
}
