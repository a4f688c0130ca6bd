/**
 * Test harness for cooperation: real Corvid nodes as child processes on loopback (`corvid serve --port 0`,
 * with `--tls` for HTTPS nodes),
 * each with its own data directory and SQLite store, the `corvid` CLI run against them, and a recording
 * proxy that keeps every message that crosses between two nodes.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemContext } from '../../model/context.ts';
import type { Statement } from '../../model/statement.ts';
import { openStore } from '../../store/open.ts';

const BIN = resolve(import.meta.dirname, '../../../bin/corvid.mjs');

export interface TestNode {
  name: string;
  dataDir: string;
  url: string;
  publicKey: string;
  child: ChildProcess | null;
  /** Runs `corvid --data DIR --json ARGS…`; answers exit code and parsed stdout (or the raw text). */
  cli(args: readonly string[]): Promise<{ code: number; json: unknown; stdout: string; stderr: string }>;
  start(): Promise<void>;
  /** SIGKILL: a peer dying, not shutting down. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

function runCli(dataDir: string, args: readonly string[]): Promise<{ code: number; json: unknown; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, '--data', dataDir, '--json', ...args], { env: { ...process.env, CORVID_NODE_PASSPHRASE: '' } }, (err, stdout, stderr) => {
      let json: unknown = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = null;
      }
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, json, stdout, stderr });
    });
  });
}

async function serve(dataDir: string, tls: boolean): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, '--data', dataDir, 'serve', '--port', '0', ...(tls ? ['--tls'] : [])], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CORVID_NODE_PASSPHRASE: '' } });
  let out = '';
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const url = await new Promise<string>((ok, fail) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /Corvid is running at (https?:\/\/\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`corvid serve exited (${code}): ${err}`)));
  });
  return { child, url };
}

/** Writes statements into a fresh node's store (before its server starts). */
export async function plant(dataDir: string, dataset: string, statements: Statement[]): Promise<void> {
  const store = await openStore({ data: dataDir });
  try {
    await store.upsertDataset(systemContext(), { name: dataset, title: dataset });
    await store.writeBatch(systemContext(), { dataset, statements });
  } finally {
    await store.close();
  }
}

/**
 * A node with its own data directory; `start()` runs its server (over HTTPS with `tls`).
 * @example const a = await makeNode('police-a'); await a.start(); await a.cli(['peer', 'list']);
 */
export async function makeNode(name: string, opts: { tls?: boolean } = {}): Promise<TestNode> {
  const dataDir = await mkdtemp(join(tmpdir(), `corvid-${name}-`));
  const id = await runCli(dataDir, ['peer', 'id', '--name', name]);
  const node: TestNode = {
    name,
    dataDir,
    url: '',
    publicKey: (id.json as { publicKey: string }).publicKey,
    child: null,
    cli: (args) => runCli(dataDir, args),
    async start() {
      const s = await serve(dataDir, opts.tls ?? false);
      node.child = s.child;
      node.url = s.url;
    },
    async kill() {
      if (!node.child) return;
      const exited = once(node.child, 'exit');
      node.child.kill('SIGKILL');
      await exited;
      node.child = null;
    },
    async stop() {
      if (node.child) {
        const exited = once(node.child, 'exit');
        node.child.kill('SIGTERM');
        await exited;
        node.child = null;
      }
    },
  };
  return node;
}

export async function removeNode(node: TestNode): Promise<void> {
  await node.stop();
  await rm(node.dataDir, { recursive: true, force: true });
}

export interface Recorded {
  path: string;
  request: string;
  status: number;
  response: string;
}

/**
 * A loopback HTTP proxy in front of `target()` that records every request and response body; `before`
 * runs before a request is forwarded (a test kills the target there, at an exact point of the protocol).
 */
export async function recordingProxy(target: () => string, before?: (path: string, body: string) => Promise<void>): Promise<{ url: string; messages: Recorded[]; close(): Promise<void> }> {
  const messages: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      await before?.(req.url ?? '', body.toString());
      const up = new URL(req.url ?? '/', target());
      const fwd = httpRequest(up, { method: req.method, headers: req.headers }, (r) => {
        const back: Buffer[] = [];
        r.on('data', (c: Buffer) => back.push(c));
        r.on('end', () => {
          const text = Buffer.concat(back);
          messages.push({ path: req.url ?? '', request: body.toString(), status: r.statusCode ?? 0, response: text.toString() });
          res.writeHead(r.statusCode ?? 502, r.headers);
          res.end(text);
        });
      });
      fwd.on('error', () => res.destroy());
      fwd.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, messages, close: () => new Promise((ok) => server.close(() => ok())) };
}
