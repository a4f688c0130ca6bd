/** Test harness for the server's tests: a real SQLite store in a temporary directory, the app, users and tokens. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { systemContext } from '../model/context.ts';
import type { Tlp } from '../model/handling.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/port.ts';
import { buildApp } from './app.ts';
import { ensureAdmin, hashPassword, issueToken, type AdminCredentials } from './auth.ts';
import type { BuildOptions } from './types.ts';

export interface Harness {
  app: FastifyInstance;
  store: Store;
  dataDir: string;
  admin: AdminCredentials;
  /** Requests with `Authorization: Bearer <token>` when a token is given. */
  call(token: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A fresh store, its first administrator, and the app, all in a new temporary data directory. */
export async function startHarness(extra: Partial<BuildOptions> = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'corvid-server-'));
  const store = await openStore({ data: dataDir });
  const admin = await ensureAdmin(store, dataDir);
  if (!admin) throw new Error('a fresh store should have no users');
  const app = await buildApp({ store, dataDir, ...extra });
  return {
    app,
    store,
    dataDir,
    admin,
    call: (token, opts) => app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } }),
    close: async () => {
      await app.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a user directly in the store and returns an API token for them. */
export async function userToken(store: Store, name: string, init: { compartments?: string[] | '*'; tlpCeiling?: Tlp; roles?: string[] } = {}): Promise<string> {
  await store.createUser(systemContext(), {
    name,
    roles: init.roles ?? ['analyst'],
    compartments: init.compartments ?? [],
    tlpCeiling: init.tlpCeiling ?? 'AMBER',
    passwordHash: await hashPassword(`${name}-password`),
  });
  return issueToken(store, systemContext(), name, 'test');
}

/** The error code of an error answer, or undefined. */
export function errorCode(res: LightMyRequestResponse): string | undefined {
  const body = res.json() as { error?: { code?: string } };
  return body.error?.code;
}
