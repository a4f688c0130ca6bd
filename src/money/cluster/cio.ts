/**
 * Common-input-ownership: all inputs of a transaction are spent by one owner, who holds every key that signs them.
 * Nakamoto 2008, "Bitcoin: a peer-to-peer electronic cash system" §10; Reid & Harrigan 2011, "An analysis of
 * anonymity in the Bitcoin system"; Meiklejohn et al. 2013, "A fistful of bitcoins" (IMC), heuristic 1.
 */
import type { ClusterTx, WalletLink } from './types.ts';

/** How often the heuristic is right outside CoinJoins; the strongest link clustering makes. */
export const CIO_CONFIDENCE = 0.95;

/**
 * The links common-input-ownership draws in one transaction: a star from the first linkable input wallet to every
 * other distinct linkable one (a spanning set: n − 1 links for n wallets, not all pairs). The caller applies the
 * CoinJoin guard first.
 * @example cioLinks({ id: 't', hash: 'h', time: 0, scale: 8, inputs: [{ wallet: 'a', amount: 1n }, { wallet: 'b', amount: 2n }], outputs: [] })
 * // [{ a: 'a', b: 'b', heuristic: 'cio', rules: ['cio'], tx: 't', txHash: 'h', confidence: 0.95 }]
 */
export function cioLinks(tx: ClusterTx, linkable: (wallet: string) => boolean = () => true): WalletLink[] {
  const wallets = [...new Set(tx.inputs.map((l) => l.wallet))].filter(linkable);
  const hub = wallets[0];
  return wallets.slice(1).map((w) => ({ a: hub, b: w, heuristic: 'cio', rules: ['cio'], tx: tx.id, txHash: tx.hash, confidence: CIO_CONFIDENCE }));
}
