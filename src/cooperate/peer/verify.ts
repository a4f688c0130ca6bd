/**
 * Checking a signed request or response: each way it can fail has its own code — unsigned, unknown
 * peer, bad signature, stale time (beyond ±5 minutes), replayed nonce. Pure apart from the nonce cache.
 */
import { CorvidError } from '../../errors.ts';
import { publicKeyFrom } from '../node/identity.ts';
import type { NonceCache } from './nonce-cache.ts';
import type { Peer } from './peers.ts';
import { H, contentDigest, requestBase, responseBase, verifyBase } from './signing.ts';

/** Accepted clock difference between nodes, in seconds. */
export const MAX_SKEW_SECONDS = 300;

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export interface RequestCheck {
  method: string;
  path: string;
  body: string | Buffer;
}

export interface VerifyDeps {
  /** This node's public key: requests must be signed for it. */
  me: string;
  peerByKey(publicKey: string): Peer | null;
  nonces: NonceCache;
  /** Unix seconds. */
  now: number;
}

/**
 * The peer that signed this request, or a CorvidError with the reason's code.
 * @example const peer = verifyRequest(req.headers, { method: 'POST', path: req.url, body: raw }, { me, peerByKey, nonces, now });
 */
export function verifyRequest(headers: Headers, req: RequestCheck, deps: VerifyDeps): Peer {
  const node = header(headers, H.node);
  const ts = header(headers, H.timestamp);
  const nonce = header(headers, H.nonce);
  const digest = header(headers, H.digest);
  const signature = header(headers, H.signature);
  if (!node || !ts || !nonce || !digest || !signature) throw new CorvidError('CORVID_ERR_PEER_UNSIGNED', 'peer requests must be signed (Corvid-Node, Corvid-Timestamp, Corvid-Nonce, Content-Digest, Corvid-Signature)');
  const peer = deps.peerByKey(node);
  if (!peer) throw new CorvidError('CORVID_ERR_PEER_UNKNOWN', 'this node does not trust the key that signed the request');
  if (!/^\d{1,12}$/.test(ts) || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) throw new CorvidError('CORVID_ERR_PEER_BAD_SIGNATURE', 'malformed timestamp or nonce');
  const base = requestBase({ method: req.method, path: req.path, timestamp: Number(ts), nonce, node, recipient: deps.me, digest });
  if (digest !== contentDigest(req.body) || !verifyBase(publicKeyFrom(peer.publicKey), base, signature)) {
    throw new CorvidError('CORVID_ERR_PEER_BAD_SIGNATURE', `the signature of ${peer.name} does not verify`);
  }
  if (Math.abs(deps.now - Number(ts)) > MAX_SKEW_SECONDS) throw new CorvidError('CORVID_ERR_PEER_STALE', `the request's time is more than ${MAX_SKEW_SECONDS} s from this node's clock`, { skew: deps.now - Number(ts) });
  if (!deps.nonces.remember(`${node}:${nonce}`, deps.now)) throw new CorvidError('CORVID_ERR_PEER_REPLAY', 'this request was received before (nonce replayed)');
  return peer;
}

export interface ResponseCheck {
  status: number;
  body: string;
  /** The nonce of our request, which the answer must name. */
  requestNonce: string;
  /** Our key (the recipient) and the peer's pinned key. */
  me: string;
  peer: Peer;
  now?: number;
}

/**
 * Throws CORVID_ERR_PEER_BAD_RESPONSE unless the answer is signed by the pinned peer key, for this
 * request (its nonce), for us, over exactly this body.
 */
export function verifyResponse(headers: Headers, r: ResponseCheck): void {
  const node = header(headers, H.node);
  const ts = header(headers, H.timestamp);
  const nonce = header(headers, H.nonce);
  const digest = header(headers, H.digest);
  const signature = header(headers, H.signature);
  const bad = (why: string): CorvidError => new CorvidError('CORVID_ERR_PEER_BAD_RESPONSE', `the answer of ${r.peer.name} is not acceptable: ${why}`, { status: r.status });
  if (!node || !ts || !nonce || !digest || !signature) throw bad('it is not signed');
  if (node !== r.peer.publicKey) throw bad('it is signed by another key than the one pinned for this peer');
  if (nonce !== r.requestNonce) throw bad('it answers another request');
  if (digest !== contentDigest(r.body)) throw bad('the body does not match its digest');
  const base = responseBase({ status: r.status, requestNonce: nonce, timestamp: Number(ts), node, recipient: r.me, digest });
  if (!/^\d{1,12}$/.test(ts) || !verifyBase(publicKeyFrom(node), base, signature)) throw bad('the signature does not verify');
  // No clock check here: the answer is bound to our fresh nonce, so an old answer cannot be replayed, and a
  // skewed clock on our side must not hide the peer's own (stale) error.
}
