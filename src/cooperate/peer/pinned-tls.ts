/**
 * HTTPS to a peer with its certificate pinned to the peer's Ed25519 key. There is no CA to check
 * (`rejectUnauthorized: false`): the client opens the TLS connection itself and, on `secureConnect`, before a
 * byte of the request is written, compares the key in the server's certificate with the key this node trusts
 * for the peer. TLS 1.3's CertificateVerify has already proven the server holds that key's private half, so a
 * match means the far end is the peer; anything else closes the socket with CORVID_ERR_PEER_TLS_PIN.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import { CorvidError } from '../../errors.ts';
import { rawPublicKey } from '../node/identity.ts';

export interface PinnedRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal | undefined;
}

export interface PinnedResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** The raw key in the certificate the server presented, or null when it is not an Ed25519 certificate. */
export function presentedKey(socket: TLSSocket): string | null {
  const cert = socket.getPeerX509Certificate();
  if (!cert || cert.publicKey.asymmetricKeyType !== 'ed25519') return null;
  return rawPublicKey(cert.publicKey);
}

const unreachable = (url: URL, cause: string): CorvidError => new CorvidError('CORVID_ERR_PEER_UNREACHABLE', `${url.origin} cannot be reached: ${cause}`, { cause });

/** Rejects with the signal's reason when it fires (a timeout becomes UNREACHABLE, as with HTTP). */
function onAbort(signal: AbortSignal | undefined, url: URL, stop: (err: unknown) => void): () => void {
  if (!signal) return () => undefined;
  const fire = (): void => stop(signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError' ? unreachable(url, 'TimeoutError') : signal.reason);
  if (signal.aborted) queueMicrotask(fire);
  signal.addEventListener('abort', fire, { once: true });
  return () => signal.removeEventListener('abort', fire);
}

/**
 * A TLS 1.3 connection to `url` whose server certificate carries `pin` (a raw Ed25519 key, base64url).
 * @example const socket = await pinnedConnect(new URL('https://127.0.0.1:8470'), peer.publicKey);
 */
export function pinnedConnect(url: URL, pin: string, signal?: AbortSignal): Promise<TLSSocket> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const socket = connect({ host, port: Number(url.port || 443), ...(isIP(host) ? {} : { servername: host }), rejectUnauthorized: false, minVersion: 'TLSv1.3', ALPNProtocols: ['http/1.1'] });
  return new Promise((ok, fail) => {
    const stop = (err: unknown): void => {
      done();
      socket.destroy();
      fail(err);
    };
    const done = onAbort(signal, url, stop);
    socket.once('error', (err: NodeJS.ErrnoException) => stop(unreachable(url, err.code ?? err.message)));
    socket.once('secureConnect', () => {
      const got = presentedKey(socket);
      if (got !== pin) return stop(new CorvidError('CORVID_ERR_PEER_TLS_PIN', `${url.origin} presented a certificate for ${got ?? 'a key that is not Ed25519'}, not the pinned key ${pin}: nothing was sent`, { pinned: pin, presented: got }));
      done();
      socket.removeAllListeners('error');
      socket.on('error', () => undefined); // from here the HTTP request listens and reports it
      ok(socket);
    });
  });
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Sends one request over a pinned socket and reads the whole answer; the connection closes after it. */
function exchangeOver(socket: TLSSocket, url: URL, init: PinnedRequest): Promise<PinnedResponse> {
  return new Promise((ok, fail) => {
    const stop = (err: unknown): void => {
      done();
      socket.destroy();
      fail(err);
    };
    const done = onAbort(init.signal, url, stop);
    const headers = { ...init.headers, host: url.host, connection: 'close', 'content-length': String(Buffer.byteLength(init.body)) };
    const req = httpRequest({ createConnection: () => socket, method: init.method, path: `${url.pathname}${url.search}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => {
        done();
        ok({ status: res.statusCode ?? 0, headers: flatHeaders(res), text: Buffer.concat(chunks).toString('utf8') });
      });
      res.once('error', () => stop(unreachable(url, 'the connection closed while answering')));
    });
    req.once('error', (err: NodeJS.ErrnoException) => stop(unreachable(url, err.code ?? err.message)));
    req.end(init.body);
  });
}

/**
 * One HTTPS request to `url`, sent only after the server proved it holds the pinned key.
 * @example const res = await pinnedRequest('https://127.0.0.1:8470/api/v1/peer/hello', peer.publicKey, { method: 'POST', headers, body });
 */
export async function pinnedRequest(url: string, pin: string, init: PinnedRequest): Promise<PinnedResponse> {
  const u = new URL(url);
  const socket = await pinnedConnect(u, pin, init.signal);
  return exchangeOver(socket, u, init);
}
