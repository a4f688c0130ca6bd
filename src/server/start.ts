/** Starts the server on a port: the default one, the next free one above it, or any free one; HTTP or HTTPS. */
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/port.ts';
import { buildApp } from './app.ts';
import { ensureAdmin, type AdminCredentials } from './auth.ts';

export const DEFAULT_PORT = 8470;
/** How many ports above the default to try before taking any free one. */
const PORT_TRIES = 20;

export interface StartOptions {
  store: Store;
  dataDir: string;
  /** Default 127.0.0.1: reachable from this machine only until someone decides otherwise. */
  host?: string;
  /** Default 8470 (then 8471 … 8490, then any free port); 0 = any free port. An explicit port must be free. */
  port?: number;
  logger?: boolean;
  webRoot?: string;
  /** Serve HTTPS (TLS 1.3 only) with this key and certificate (PEM), e.g. the node's (cooperate/node/tls.ts). */
  tls?: { key: string; cert: string } | undefined;
}

export interface RunningServer {
  app: FastifyInstance;
  /** The real address, e.g. http://127.0.0.1:8471. */
  url: string;
  /** The first administrator when this start created one (credentials also in its file), else null. */
  admin: AdminCredentials | null;
  close(): Promise<void>;
}

function isAddressInUse(err: unknown): boolean {
  return err instanceof Error && 'code' in err && (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

function urlOf(address: AddressInfo, scheme: 'http' | 'https'): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${scheme}://${host}:${address.port}`;
}

/** Tries the candidate ports in turn; `listen` throws EADDRINUSE for a taken one. */
async function listenOnFirstFree(candidates: readonly number[], listen: (port: number) => Promise<void>): Promise<void> {
  for (const [i, port] of candidates.entries()) {
    try {
      await listen(port);
      return;
    } catch (err) {
      if (!isAddressInUse(err) || i === candidates.length - 1) throw err;
    }
  }
}

/**
 * An HTTPS server handing every request to the Fastify app's router, so the app factory stays as it is
 * (Fastify's own HTTP server is then never listened on).
 */
function httpsFront(app: FastifyInstance, tls: { key: string; cert: string }, host: string): { server: HttpsServer; listen(port: number): Promise<void> } {
  const server = createHttpsServer({ key: tls.key, cert: tls.cert, minVersion: 'TLSv1.3', ALPNProtocols: ['http/1.1'] }, (req, res) => app.routing(req, res));
  const listen = (port: number): Promise<void> =>
    new Promise((ok, fail) => {
      const onError = (err: Error): void => {
        server.off('listening', onListening);
        fail(err);
      };
      const onListening = (): void => {
        server.off('error', onError);
        ok();
      };
      server.once('error', onError).once('listening', onListening).listen(port, host);
    });
  return { server, listen };
}

/** Stops accepting, lets requests in flight finish (idle keep-alive connections close now), then closes the app. */
async function closeHttps(server: HttpsServer, app: FastifyInstance): Promise<void> {
  await new Promise<void>((ok) => {
    server.close(() => ok());
    server.closeIdleConnections();
  });
  await app.close();
}

/**
 * Builds the app, makes sure an administrator exists, and listens. The store stays the caller's.
 * @example
 * const { url, admin, close } = await startServer({ store, dataDir: './corvid-data' });
 * if (admin) console.log(`admin credentials written to ${admin.file}`);
 */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const admin = await ensureAdmin(opts.store, opts.dataDir);
  const app = await buildApp({ store: opts.store, dataDir: opts.dataDir, ...(opts.logger !== undefined ? { logger: opts.logger } : {}), ...(opts.webRoot ? { webRoot: opts.webRoot } : {}) });
  const host = opts.host ?? '127.0.0.1';
  const candidates = opts.port !== undefined ? [opts.port] : [...Array.from({ length: PORT_TRIES + 1 }, (_, i) => DEFAULT_PORT + i), 0];
  if (opts.tls) await app.ready();
  const front = opts.tls ? httpsFront(app, opts.tls, host) : null;
  try {
    await listenOnFirstFree(candidates, front ? front.listen : async (port) => void (await app.listen({ host, port })));
  } catch (err) {
    await app.close();
    throw err;
  }
  if (admin) app.log.info({ file: admin.file }, 'created the administrator "admin"; its password is in this file');
  if (front) return { app, url: urlOf(front.server.address() as AddressInfo, 'https'), admin, close: () => closeHttps(front.server, app) };
  return { app, url: urlOf(app.server.address() as AddressInfo, 'http'), admin, close: () => app.close() };
}
