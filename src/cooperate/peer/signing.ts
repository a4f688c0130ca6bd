/**
 * Signatures on every request and response between nodes, in the spirit of HTTP Message Signatures
 * (RFC 9421) and Digest Fields (RFC 9530): Ed25519 over the method, path, timestamp, nonce, both node
 * keys and the body's SHA-256. Pure: keys, clock and nonce are arguments.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';

/** Header names (lower-case, as Node gives them). */
export const H = {
  node: 'corvid-node',
  timestamp: 'corvid-timestamp',
  nonce: 'corvid-nonce',
  digest: 'content-digest',
  signature: 'corvid-signature',
} as const;

export type SignatureHeaders = Record<(typeof H)[keyof typeof H], string>;

/** RFC 9530 Content-Digest of a body: `sha-256=:<base64>:`. */
export function contentDigest(body: string | Buffer): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

export interface RequestParts {
  method: string;
  /** Path and query as sent, e.g. /api/v1/peer/exchanges/abc/batches. */
  path: string;
  /** Unix seconds. */
  timestamp: number;
  nonce: string;
  /** The signer's public key (base64url): who sends. */
  node: string;
  /** The receiver's public key: a request signed for B cannot be replayed against C. */
  recipient: string;
  digest: string;
}

/** The signature base of a request: one `"name": value` line per covered component (RFC 9421 §2.5). */
export function requestBase(p: RequestParts): string {
  return [
    `"@method": ${p.method.toUpperCase()}`,
    `"@path": ${p.path}`,
    `"corvid-timestamp": ${p.timestamp}`,
    `"corvid-nonce": ${p.nonce}`,
    `"corvid-node": ${p.node}`,
    `"corvid-recipient": ${p.recipient}`,
    `"content-digest": ${p.digest}`,
    '"@signature-params": ("@method" "@path" "corvid-timestamp" "corvid-nonce" "corvid-node" "corvid-recipient" "content-digest");alg="ed25519"',
  ].join('\n');
}

export interface ResponseParts {
  status: number;
  /** The nonce of the request answered: an old answer cannot be passed off as a new one. */
  requestNonce: string;
  timestamp: number;
  node: string;
  recipient: string;
  digest: string;
}

/** The signature base of a response. */
export function responseBase(p: ResponseParts): string {
  return [
    `"@status": ${p.status}`,
    `"corvid-request-nonce": ${p.requestNonce}`,
    `"corvid-timestamp": ${p.timestamp}`,
    `"corvid-node": ${p.node}`,
    `"corvid-recipient": ${p.recipient}`,
    `"content-digest": ${p.digest}`,
    '"@signature-params": ("@status" "corvid-request-nonce" "corvid-timestamp" "corvid-node" "corvid-recipient" "content-digest");alg="ed25519"',
  ].join('\n');
}

/** Ed25519 signature of a signature base, base64url. */
export function signBase(key: KeyObject, base: string): string {
  return sign(null, Buffer.from(base), key).toString('base64url');
}

/** Whether `signature` (base64url) is the key's Ed25519 signature of `base`. Never throws. */
export function verifyBase(key: KeyObject, base: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(base), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/**
 * The headers that sign a request.
 * @example
 * const headers = signRequest(me.privateKey, { method: 'POST', path: '/api/v1/peer/hello', timestamp: now, nonce, node: me.publicKey, recipient: peer.publicKey }, body);
 */
export function signRequest(key: KeyObject, p: Omit<RequestParts, 'digest'>, body: string): SignatureHeaders {
  const digest = contentDigest(body);
  return {
    [H.node]: p.node,
    [H.timestamp]: String(p.timestamp),
    [H.nonce]: p.nonce,
    [H.digest]: digest,
    [H.signature]: signBase(key, requestBase({ ...p, digest })),
  };
}

/** The headers that sign a response; the nonce header repeats the request's. */
export function signResponse(key: KeyObject, p: Omit<ResponseParts, 'digest'>, body: string): SignatureHeaders {
  const digest = contentDigest(body);
  return {
    [H.node]: p.node,
    [H.timestamp]: String(p.timestamp),
    [H.nonce]: p.requestNonce,
    [H.digest]: digest,
    [H.signature]: signBase(key, responseBase({ ...p, digest })),
  };
}
