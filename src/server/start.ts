/** Starts the server on a port: the default one, the next free one above it, or any free one. */
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

function urlOf(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
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
  try {
    for (const [i, port] of candidates.entries()) {
      try {
        await app.listen({ host, port });
        break;
      } catch (err) {
        if (!isAddressInUse(err) || i === candidates.length - 1) throw err;
      }
    }
  } catch (err) {
    await app.close();
    throw err;
  }
  if (admin) app.log.info({ file: admin.file }, 'created the administrator "admin"; its password is in this file');
  const url = urlOf(app.server.address() as AddressInfo);
  return { app, url, admin, close: () => app.close() };
}
