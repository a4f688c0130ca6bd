// End-to-end harness for the web UI: builds it when stale, runs `corvid serve` on a throw-away data directory, drives Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');
const WEB = join(ROOT, 'web');
const DIST_INDEX = join(WEB, 'dist', 'index.html');
/** Outside the tree, one per checkout. */
const LOCK = join(tmpdir(), `corvid-web-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
/** Where failing tests leave their screenshots. */
export const ARTIFACTS = join(ROOT, '.e2e-artifacts');

export interface RunningApp {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  admin: { name: string; password: string };
  dataDir: string;
  stop(): Promise<void>;
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function isStale(): boolean {
  if (!existsSync(DIST_INDEX)) return true;
  const built = statSync(DIST_INDEX).mtimeMs;
  const sources = [join(WEB, 'src'), join(WEB, 'index.html'), join(WEB, 'vite.config.ts')].filter((p) => existsSync(p));
  return sources.some((p) => newestMtime(p) > built);
}

/** A directory lock, so two test files starting together do not build into web/dist at the same time. */
async function withBuildLock<T>(fn: () => T): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a killed run is older than any real build.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 180_000) rmSync(LOCK, { recursive: true, force: true });
      if (i > 1200) throw new Error(`waited too long for the web build lock ${LOCK}`);
      await sleep(250);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

let built: Promise<void> | null = null;

/**
 * Runs `vite build web` once per test process, and only when web/dist is missing or older than the sources.
 * @example before(async () => { await buildWeb(); });
 */
export function buildWeb(): Promise<void> {
  built ??= withBuildLock(() => {
    if (!isStale()) return;
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const res = spawnSync(process.execPath, [vite, 'build', 'web', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`vite build failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
  });
  return built;
}

async function readAdmin(dataDir: string): Promise<{ name: string; password: string }> {
  const text = await readFile(join(dataDir, 'admin-credentials.txt'), 'utf8');
  const name = /^user:\s*(\S+)/m.exec(text)?.[1];
  const password = /^password:\s*(\S+)/m.exec(text)?.[1];
  if (!name || !password) throw new Error('admin-credentials.txt has no user or password line');
  return { name, password };
}

/**
 * Starts `corvid serve` on any free port with a new data directory, or the given one (removed on stop either way); the
 * demo investigation is loaded when `demo` (the default) and the store is empty.
 * @example const app = await startApp(); … await app.stop();
 */
export async function startApp(opts: { demo?: boolean; dataDir?: string } = {}): Promise<RunningApp> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'corvid-e2e-')));
  const args = [join(ROOT, 'bin', 'corvid.mjs'), '--data', dataDir, 'serve', '--port', '0', '--web', join(WEB, 'dist')];
  if (opts.demo ?? true) args.push('--demo');
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const url = await new Promise<string>((ok, fail) => {
    const onExit = (code: number | null): void => fail(new Error(`corvid serve exited (${code}) before listening:\n${out}\n${err}`));
    child.once('exit', onExit);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        child.off('exit', onExit);
        ok(m[1]);
      }
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    return { url, admin: await readAdmin(dataDir), dataDir, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Headless Debian Chromium through playwright-core. */
export function openBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
}

/** Signs in through the sign-in page as the app's administrator and waits for the top bar. */
export async function signIn(page: Page, app: Pick<RunningApp, 'url' | 'admin'>, path = '#/search'): Promise<void> {
  await page.goto(`${app.url}/${path}`);
  await page.getByLabel('User name').fill(app.admin.name);
  await page.getByLabel('Password').fill(app.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * Runs `fn`; when it throws, saves a screenshot of the page to .e2e-artifacts/<name>.png, then rethrows.
 * @example await withScreenshot(page, 'search', async () => { … });
 */
export async function withScreenshot<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
    throw e;
  }
}

/**
 * Retries an assertion until it passes (the UI updates asynchronously), rethrowing its last failure after `timeoutMs`.
 * @example await eventually(async () => assert.match(await page.locator('h2').innerText(), /16 pairs/));
 */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > until) throw e;
      await sleep(150);
    }
  }
}

/** Signs in through the API (for test set-up that is not what the test is about) and returns a bearer token. */
export async function apiToken(app: Pick<RunningApp, 'url' | 'admin'>): Promise<string> {
  const res = await fetch(`${app.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(app.admin) });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Calls the API as a test's set-up or cross-check would. */
export async function callApi<T>(app: Pick<RunningApp, 'url'>, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits until the chart's layout has stopped and its camera has settled (node positions unchanged over 250 ms). */
export async function waitForLayout(page: Page): Promise<void> {
  const snapshot = (): Promise<string> =>
    page.evaluate(`(() => {
      const c = window.__corvidChart;
      if (!c || c.controller.layout.running) return 'running';
      const s = c.controller.sigma, g = c.controller.model.graph, out = [];
      g.forEachNode((n, a) => { const p = s.graphToViewport({ x: a.x, y: a.y }); out.push(n, Math.round(p.x), Math.round(p.y)); });
      return out.join(',');
    })()`) as Promise<string>;
  await eventually(async () => {
    const a = await snapshot();
    await sleep(250);
    const b = await snapshot();
    if (a === 'running' || a !== b) throw new Error('the chart is still moving');
  }, 30_000);
}

/**
 * Clicks an entity on the WebGL chart where it is drawn, as a user would (Shift adds it to the selection), and checks
 * that it is then selected.
 * @example await clickChartNode(page, 'police-de.HWL-P-0', { shift: true });
 */
export async function clickChartNode(page: Page, id: string, opts: { shift?: boolean } = {}): Promise<void> {
  const at = (await page.evaluate(`(() => {
    const c = window.__corvidChart, g = c.controller.model.graph;
    if (!g.hasNode(${JSON.stringify(id)})) return null;
    const a = g.getNodeAttributes(${JSON.stringify(id)});
    return c.controller.sigma.graphToViewport({ x: a.x, y: a.y });
  })()`)) as { x: number; y: number } | null;
  if (!at) throw new Error(`${id} is not on the chart`);
  const stage = await page.locator('.chart-stage').boundingBox();
  if (!stage || at.x < 0 || at.y < 0 || at.x > stage.width || at.y > stage.height) throw new Error(`${id} is drawn outside the chart's visible area`);
  if (opts.shift) await page.keyboard.down('Shift');
  await page.mouse.click(stage.x + at.x, stage.y + at.y);
  if (opts.shift) await page.keyboard.up('Shift');
  await eventually(async () => {
    const selected = (await page.evaluate('window.__corvidChart.controller.selection()')) as string[];
    if (!selected.includes(id)) throw new Error(`clicking ${id} selected ${selected.join(', ') || 'nothing'}`);
  }, 5_000);
}
