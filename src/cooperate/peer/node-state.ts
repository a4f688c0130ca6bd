/** What a running node keeps for its peers: its identity, the replay guard, and the open exchange sessions. */
import { loadIdentityFromEnv, type NodeIdentity } from '../node/identity.ts';
import { MAX_SKEW_SECONDS } from './verify.ts';
import { NonceCache } from './nonce-cache.ts';
import { SessionTable } from './sessions.ts';

export interface PeerNode {
  dataDir: string;
  identity: NodeIdentity;
  nonces: NonceCache;
  sessions: SessionTable;
  /** Unix seconds (tests of stale requests replace the clock on the client side, not here). */
  now(): number;
}

/**
 * The node state for a data directory; creates the identity on first start.
 * @example const node = peerNode('./corvid-data'); node.identity.publicKey
 */
export function peerNode(dataDir: string): PeerNode {
  return {
    dataDir,
    identity: loadIdentityFromEnv(dataDir),
    // Kept for the whole window on both sides of now, plus a margin.
    nonces: new NonceCache(2 * MAX_SKEW_SECONDS + 60),
    sessions: new SessionTable(),
    now: () => Math.floor(Date.now() / 1000),
  };
}
