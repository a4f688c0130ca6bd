/**
 * Wallet clustering, the pure core: the CoinJoin guard, common-input-ownership, then the weaker change heuristic,
 * joined strongest first in a capped union–find that never crosses a negative judgement. Each accepted link merged
 * two groups, so the accepted links are a spanning forest of the clusters: what `run.ts` records as judgements.
 */
import { changeLink, addressHistory } from './change.ts';
import { cioLinks } from './cio.ts';
import { isCoinJoin, type CoinJoinOptions } from './coinjoin.ts';
import { CHANGE_RULES, type ChangeRule, type ClusterTx, type WalletLink } from './types.ts';
import { WalletUnion } from './union.ts';

export interface ClusterOptions {
  /** Apply the change heuristic (default true). */
  change?: boolean;
  /** Which change rules vote (default all: fresh, round, type, optimal). */
  changeRules?: readonly ChangeRule[];
  coinjoin?: CoinJoinOptions;
  /** Largest cluster the heuristics may build (default 1,000); bigger joins are refused and reported. */
  maxClusterSize?: number;
  /** Decimal places at most of a round amount (default 3). */
  roundDecimals?: number;
  /** Wallet id → address text, for the address-type rule. */
  addresses?: ReadonlyMap<string, string>;
  /** Wallets that may be linked (e.g. those the caller can see); default all. */
  linkable?: (wallet: string) => boolean;
  /** Pairs already judged the same: joined first, with no new link. */
  known?: readonly (readonly [string, string])[];
  /** Pairs judged different: never joined, directly or through others. */
  negatives?: readonly (readonly [string, string])[];
  /** Pairs not to link again automatically (a judgement undone on its own, an "unsure"). */
  blocked?: (a: string, b: string) => boolean;
}

export interface RefusedLink {
  link: WalletLink;
  why: 'negative' | 'cap' | 'blocked';
  /** For `negative`: the pair judged different that the link would have joined. */
  against?: [string, string];
}

export interface CoinJoinFlag {
  tx: string;
  txHash: string;
  rule: string;
  equalOutputs: number;
  value: bigint;
}

export interface ClusterResult {
  /** New links that joined two groups, strongest first: a spanning set of each cluster. */
  links: WalletLink[];
  refused: RefusedLink[];
  coinjoins: CoinJoinFlag[];
  /** All groups of two or more after the run (known pairs included), largest first. */
  groups: string[][];
  stats: { transactions: number; coinjoins: number; cio: number; change: number; changeConflicts: number; redundant: number };
}

export const CLUSTER_DEFAULTS = { maxClusterSize: 1_000 } as const;

/**
 * Transactions in time order (then hash, then id; undated last): the order in which addresses are "seen before".
 * @example inTimeOrder([later, earlier])[0] === earlier
 */
export function inTimeOrder(txs: readonly ClusterTx[]): ClusterTx[] {
  const t = (x: ClusterTx): number => (Number.isNaN(x.time) ? Number.POSITIVE_INFINITY : x.time);
  return [...txs].sort((p, q) => (t(p) === t(q) ? 0 : t(p) < t(q) ? -1 : 1) || (p.hash < q.hash ? -1 : p.hash > q.hash ? 1 : p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
}

/** The candidate links of every transaction: CIO first, then change links by confidence (stable in time order). */
function candidates(txs: readonly ClusterTx[], o: ClusterOptions): { links: WalletLink[]; coinjoins: CoinJoinFlag[]; changeConflicts: number } {
  const history = addressHistory(txs);
  const cio: WalletLink[] = [];
  const change: WalletLink[] = [];
  const coinjoins: CoinJoinFlag[] = [];
  let changeConflicts = 0;
  const rules = o.change === false ? [] : (o.changeRules ?? CHANGE_RULES);
  txs.forEach((tx, index) => {
    const cj = isCoinJoin(tx, o.coinjoin);
    if (cj.coinjoin) {
      coinjoins.push({ tx: tx.id, txHash: tx.hash, rule: cj.rule, equalOutputs: cj.equalOutputs, value: cj.value });
      return;
    }
    for (const l of cioLinks(tx, o.linkable)) cio.push(l);
    if (rules.length === 0) return;
    const c = changeLink(tx, { index, history, ...(o.addresses ? { addresses: o.addresses } : {}), ...(o.roundDecimals !== undefined ? { roundDecimals: o.roundDecimals } : {}) }, rules, o.linkable);
    if (c.link) change.push(c.link);
    if (c.conflict) changeConflicts++;
  });
  change.sort((p, q) => q.confidence - p.confidence);
  return { links: [...cio, ...change], coinjoins, changeConflicts };
}

/**
 * Clusters wallets from UTXO transactions.
 * @example
 * const r = clusterWallets([payer3Inputs], { change: false });
 * r.links.length // 2: a spanning star over the three input wallets
 */
export function clusterWallets(txs: readonly ClusterTx[], options: ClusterOptions = {}): ClusterResult {
  const ordered = inTimeOrder(txs);
  const u = new WalletUnion(options.maxClusterSize ?? CLUSTER_DEFAULTS.maxClusterSize);
  for (const [a, b] of options.negatives ?? []) u.forbid(a, b);
  for (const [a, b] of options.known ?? []) u.union(a, b, false);
  const { links: proposed, coinjoins, changeConflicts } = candidates(ordered, options);
  const links: WalletLink[] = [];
  const refused: RefusedLink[] = [];
  let redundant = 0;
  for (const l of proposed) {
    if (u.same(l.a, l.b)) {
      redundant++;
      continue;
    }
    if (options.blocked?.(l.a, l.b)) {
      refused.push({ link: l, why: 'blocked' });
      continue;
    }
    const against = u.conflict(l.a, l.b);
    const outcome = u.union(l.a, l.b);
    if (outcome === 'merged') links.push(l);
    else if (outcome === 'negative' && against) refused.push({ link: l, why: 'negative', against });
    else if (outcome === 'cap') refused.push({ link: l, why: 'cap' });
  }
  const count = (h: WalletLink['heuristic']): number => links.filter((l) => l.heuristic === h).length;
  return {
    links, refused, coinjoins, groups: u.groups(),
    stats: { transactions: ordered.length, coinjoins: coinjoins.length, cio: count('cio'), change: count('change'), changeConflicts, redundant },
  };
}
