/** What every CLI command shares: the store it opens, the Context it acts in, and how it prints. */
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { CorvidError, isCorvidError } from '../errors.ts';
import { makeContext, systemContext, type Context } from '../model/context.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/port.ts';

export interface GlobalOptions {
  data?: string;
  db?: string;
  as?: string;
  json?: boolean;
}

export interface Runtime {
  store: Store;
  ctx: Context;
  dataDir: string;
  json: boolean;
}

/** The data directory: --data, else CORVID_DATA, else ./corvid-data. */
export function dataDirOf(g: GlobalOptions): string {
  return resolve(g.data ?? process.env.CORVID_DATA ?? 'corvid-data');
}

/**
 * Opens the store (--db / CORVID_DB for PostgreSQL, else SQLite in the data directory) and makes the
 * Context: the local operator acts with full rights, or as a named user with `--as NAME`.
 */
export async function openRuntime(g: GlobalOptions, signal?: AbortSignal): Promise<Runtime> {
  const dataDir = dataDirOf(g);
  const db = g.db ?? process.env.CORVID_DB;
  const store = await openStore({ data: dataDir, ...(db ? { db } : {}) });
  let ctx: Context;
  if (g.as) {
    const user = await store.getUser(systemContext(), g.as);
    if (!user || user.disabled) {
      await store.close();
      throw new CorvidError('CORVID_ERR_AUTH_INVALID', `no such user: ${g.as}`);
    }
    ctx = makeContext({ actor: user.name, compartments: user.compartments, tlpCeiling: user.tlpCeiling, roles: user.roles, ...(signal ? { signal } : {}) });
  } else {
    ctx = makeContext({ actor: `cli:${safeUser()}`, compartments: '*', tlpCeiling: 'RED', roles: ['admin'], ...(signal ? { signal } : {}) });
  }
  return { store, ctx, dataDir, json: g.json ?? false };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function rejectsDir(dataDir: string): string {
  return join(dataDir, 'rejects');
}

/** Prints a result: JSON on stdout with --json, else the human form. */
export function output(rt: { json: boolean }, value: unknown, human: () => string): void {
  process.stdout.write(rt.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/** A progress bar on stderr when it is a terminal; silent otherwise (logs and pipes stay clean). */
export function progressBar(label: string, total: number): { update(n: number, payload?: Record<string, string | number>): void; stop(): void } {
  if (!process.stderr.isTTY || total <= 0) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} {unit} | {info}`, hideCursor: true, clearOnComplete: false, etaBuffer: 20 });
  bar.start(total, 0, { unit: '', info: '' });
  return { update: (n, payload) => bar.update(n, payload), stop: () => bar.stop() };
}

/** Runs a command body with the runtime, closing the store and mapping errors to exit codes. */
export async function withRuntime(g: GlobalOptions, body: (rt: Runtime) => Promise<number | void>): Promise<void> {
  const ac = new AbortController();
  const onSig = (): void => ac.abort('interrupted');
  process.once('SIGINT', onSig);
  let rt: Runtime | undefined;
  try {
    rt = await openRuntime(g, ac.signal);
    const code = await body(rt);
    process.exitCode = code ?? 0;
  } catch (err) {
    reportError(err, g.json ?? false);
    process.exitCode = isCorvidError(err) && err.status < 500 ? 2 : 1;
  } finally {
    process.off('SIGINT', onSig);
    await rt?.store.close().catch(() => undefined);
  }
}

export function reportError(err: unknown, json: boolean): void {
  if (isCorvidError(err)) {
    if (json) process.stdout.write(`${JSON.stringify({ error: err.toJSON() }, null, 2)}\n`);
    process.stderr.write(`corvid: ${err.message} (${err.code})\n`);
  } else {
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'CORVID_ERR_INTERNAL', message: String((err as Error)?.message ?? err) } })}\n`);
    process.stderr.write(`corvid: ${(err as Error)?.stack ?? String(err)}\n`);
  }
}
