/**
 * The signed HTTP(S) client one node uses to call another: signs every request, pins the answer (and, over
 * HTTPS, the TLS certificate) to the peer's key, and turns a dead or silent peer into
 * CORVID_ERR_PEER_UNREACHABLE. The I/O edge of the protocol.
 */
import { randomBytes } from 'node:crypto';
import { CorvidError, ERROR_CODES, type ErrorCode } from '../../errors.ts';
import type { JsonValue } from '../../store/port.ts';
import type { NodeIdentity } from '../node/identity.ts';
import type { Peer } from './peers.ts';
import { pinnedRequest, type PinnedResponse } from './pinned-tls.ts';
import { signRequest } from './signing.ts';
import { verifyResponse } from './verify.ts';

/** Where the node-to-node API lives on every node. */
export const PEER_API = '/api/v1/peer';

/** One message as it went over the wire, for tests and for `--trace`: what exactly left and arrived. */
export interface WireMessage {
  direction: 'sent' | 'received';
  path: string;
  body: string;
}

export interface ClientOptions {
  signal?: AbortSignal | undefined;
  /** Per request, in milliseconds (default 120 s). */
  timeoutMs?: number;
  onMessage?: ((m: WireMessage) => void) | undefined;
  /** Unix seconds; tests of stale requests move it. */
  now?: () => number;
}

export interface PeerClient {
  readonly peer: Peer;
  /** POSTs `body` to PEER_API + path, signed; answers the verified JSON body or throws the peer's coded error. */
  call<T>(path: string, body: JsonValue): Promise<T>;
}

const unixNow = (): number => Math.floor(Date.now() / 1000);

function remoteError(peer: Peer, status: number, text: string): CorvidError {
  let parsed: { error?: { code?: string; message?: string } } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // not JSON: fall through to the generic answer
  }
  const code = parsed.error?.code;
  if (code && code in ERROR_CODES) return new CorvidError(code as ErrorCode, `${peer.name}: ${parsed.error?.message ?? code}`, { peer: peer.name, remote: true });
  return new CorvidError('CORVID_ERR_PEER_BAD_RESPONSE', `${peer.name} answered ${status} without a Corvid error`, { peer: peer.name, status });
}

interface SendInit {
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

/** Over HTTP (loopback, tests) with fetch. */
async function sendHttp(peer: Peer, url: string, init: SendInit): Promise<PinnedResponse> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', ...init });
  } catch (err) {
    const signal = init.signal;
    if (signal.aborted && !(signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError')) throw err;
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new CorvidError('CORVID_ERR_PEER_UNREACHABLE', `${peer.name} (${peer.url}) cannot be reached: ${cause}`, { peer: peer.name, cause });
  }
  try {
    return { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() };
  } catch (err) {
    throw new CorvidError('CORVID_ERR_PEER_UNREACHABLE', `${peer.name} went away while answering: ${(err as Error).message}`, { peer: peer.name });
  }
}

/** Over HTTPS with the certificate pinned to the peer's key (pinned-tls.ts); the peer's name on its errors. */
async function sendHttps(peer: Peer, url: string, init: SendInit): Promise<PinnedResponse> {
  try {
    return await pinnedRequest(url, peer.publicKey, { method: 'POST', ...init });
  } catch (err) {
    if (err instanceof CorvidError) throw new CorvidError(err.code, `${peer.name}: ${err.message}`, { ...err.details, peer: peer.name });
    throw err;
  }
}

const send = (peer: Peer, url: string, init: SendInit): Promise<PinnedResponse> => (url.startsWith('https:') ? sendHttps(peer, url, init) : sendHttp(peer, url, init));

/**
 * A client for one peer.
 * @example
 * const client = peerClient(me, getPeer(dataDir, 'police-b'));
 * const hello = await client.call<{ name: string }>('/hello', {});
 */
export function peerClient(me: NodeIdentity, peer: Peer, opts: ClientOptions = {}): PeerClient {
  const now = opts.now ?? unixNow;
  return {
    peer,
    async call<T>(path: string, payload: JsonValue): Promise<T> {
      const fullPath = `${PEER_API}${path}`;
      const body = JSON.stringify(payload);
      const nonce = randomBytes(18).toString('base64url');
      const headers = signRequest(me.privateKey, { method: 'POST', path: fullPath, timestamp: now(), nonce, node: me.publicKey, recipient: peer.publicKey }, body);
      const timeout = AbortSignal.timeout(opts.timeoutMs ?? 120_000);
      const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      opts.onMessage?.({ direction: 'sent', path: fullPath, body });
      const res = await send(peer, `${peer.url}${fullPath}`, { headers: { ...headers, 'content-type': 'application/json' }, body, signal });
      const text = res.text;
      opts.onMessage?.({ direction: 'received', path: fullPath, body: text });
      verifyResponse(res.headers, { status: res.status, body: text, requestNonce: nonce, me: me.publicKey, peer, now: now() });
      if (res.status >= 400) throw remoteError(peer, res.status, text);
      return JSON.parse(text) as T;
    },
  };
}
