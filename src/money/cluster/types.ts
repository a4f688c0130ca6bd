/** Plain data the wallet-clustering heuristics read and write: UTXO transactions with their legs, and links with reasons. */

/** One input or output of a UTXO transaction. */
export interface TxLeg {
  /** The wallet's entity id (one address per CryptoWallet). */
  wallet: string;
  /** In ledger units of the transaction's currency (satoshi for BTC). */
  amount: bigint;
}

/**
 * A UTXO transaction as the heuristics see it. Inputs and outputs are in position order.
 * @example const tx: ClusterTx = { id: 'ds.tx1', hash: 'ab12…', time: 1_700_000_000, scale: 8, inputs: [{ wallet: 'ds.w1', amount: 50_000n }], outputs: [] };
 */
export interface ClusterTx {
  /** Entity id of the CryptoTransfer. */
  id: string;
  /** The transaction hash ('' when the source gave none; reasons then name the entity id). */
  hash: string;
  /** Seconds since the epoch: the order in which addresses are "seen before"; NaN when undated (sorted last). */
  time: number;
  /** Decimal places of one ledger unit of the currency (8 for BTC), for the round-amount rule. */
  scale: number;
  inputs: readonly TxLeg[];
  outputs: readonly TxLeg[];
  /** True when some leg had no readable amount (kept as 0 for common-input-ownership): the change rules abstain. */
  partial?: boolean;
}

export type Heuristic = 'cio' | 'change';

/** The change rules, each a separate, named signal (see docs/money-clustering.md). */
export type ChangeRule = 'fresh' | 'round' | 'type' | 'optimal';
export const CHANGE_RULES: readonly ChangeRule[] = ['fresh', 'round', 'type', 'optimal'];

/** A proposed link: the heuristic says wallets `a` and `b` have one owner, because of transaction `tx`. */
export interface WalletLink {
  a: string;
  b: string;
  heuristic: Heuristic;
  /** The named rules that fired: `cio`, or `change:fresh`, `change:round`, … */
  rules: string[];
  /** Entity id of the transaction. */
  tx: string;
  txHash: string;
  /** 0..1: how often the heuristic is right, as far as the literature measured it (docs/money-clustering.md). */
  confidence: number;
}

/**
 * The transaction's name in a reason: its hash, or its entity id when it has none.
 * @example txLabel({ tx: 'ds.tx1', txHash: '' }) // 'ds.tx1'
 */
export function txLabel(l: Pick<WalletLink, 'tx' | 'txHash'>): string {
  return l.txHash || l.tx;
}
