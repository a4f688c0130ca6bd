/**
 * `npm run bench psi [-- --n 1000000 --overlap 100000 --om-sample 10000 --fuzzy 100000]`: ECDH-PSI between two
 * processes on loopback HTTP (this process requests, bench/psi-child.ts responds), time and bytes each way; the
 * same work with OpenMined's psi.js on a measured fraction, extrapolated linearly and marked so; fuzzy name matching
 * on 100k × 100k synthetic names (comparisons/s) and precision/recall on the FEBRL dataset 4a vs 4b.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { faker } from '@faker-js/faker';
import { decodeFrame, encodeFrame, FRAME_CONTENT_TYPE, runRequester, workerEngine, type PsiMessage } from '../src/cooperate/psi/index.ts';
import { compareEncoded, encodeNames } from '../src/cooperate/fuzzy/index.ts';
import { BENCH_DIR, figure, fmt, mb, rng, timed } from './lib.ts';
import { selectorSet } from './psi-data.ts';

const GOAL_SECONDS = 120;
const GOAL_RATIO = 10;
const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    overlap: { type: 'string', default: '100000' },
    'om-sample': { type: 'string', default: '10000' },
    fuzzy: { type: 'string', default: '100000' },
    'skip-psi': { type: 'boolean', default: false },
    'skip-openmined': { type: 'boolean', default: false },
    'skip-fuzzy': { type: 'boolean', default: false },
    /** base64url JSON bodies instead of binary frames (encodeFrame), as the JSON-only transport sends them. */
    json: { type: 'boolean', default: false },
  },
});
const n = Number(args.n);
const overlap = Number(args.overlap);

/** The machine's 1-minute load average: every figure is printed beside it (2 cores shared with other work). */
const load = (): string => `load ${loadavg()[0].toFixed(1)}`;

/** Starts the responder process; resolves with its port, and `done` with its CPU seconds when it exits. */
function startResponder(): Promise<{ port: number; done: Promise<number> }> {
  // --cpu-prof flags pass on to the responder, so that `node --cpu-prof --import tsx bench/psi.ts` profiles both.
  const profile = process.execArgv.filter((a) => a.startsWith('--cpu-prof'));
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/psi-child.ts', String(n), String(overlap)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let buffered = '';
  const done = new Promise<number>((ok) =>
    child.on('exit', () => {
      const last = lines.map((l) => JSON.parse(l) as { cpuSeconds?: number }).find((l) => l.cpuSeconds !== undefined);
      ok(last?.cpuSeconds ?? NaN);
    }),
  );
  return new Promise((ok, fail) => {
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const l of parts) {
        if (lines.length === 0) ok({ port: (JSON.parse(l) as { port: number }).port, done });
        lines.push(l);
      }
    });
    child.once('error', fail);
  });
}

const cpuSeconds = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1e6;

async function psi(): Promise<{ seconds: number; cpu: number }> {
  const { port, done } = await startResponder();
  const bytes = { sent: 0, received: 0 };
  const send = async (m: PsiMessage): Promise<unknown> => {
    const body = args.json ? Buffer.from(JSON.stringify(m)) : encodeFrame(m);
    bytes.sent += body.length;
    const res = await fetch(`http://127.0.0.1:${port}/psi`, { method: 'POST', headers: { 'content-type': args.json ? 'application/json' : FRAME_CONTENT_TYPE }, body });
    const reply = Buffer.from(await res.arrayBuffer());
    bytes.received += reply.length;
    if (!res.ok) throw new Error(`responder: ${reply.toString()}`);
    return res.headers.get('content-type') === FRAME_CONTENT_TYPE ? decodeFrame(reply) : JSON.parse(reply.toString());
  };
  const engine = workerEngine();
  const mine = selectorSet(n, overlap, 1);
  const before = load();
  const cpu0 = process.cpuUsage();
  const { value: result, seconds } = await timed(() => runRequester({ selectorType: 'phone', selectors: mine, reveal: 'both', engine }, send));
  const requesterCpu = cpuSeconds(process.cpuUsage(cpu0));
  await engine.close();
  const responderCpu = await done;
  figure(`PSI ${fmt(n)} × ${fmt(n)} selectors, two processes, loopback HTTP, ${args.json ? 'JSON' : 'binary frames'}`, `${seconds.toFixed(1)} s (goal ≤ ${GOAL_SECONDS} s; ${before} at start, ${load()} at end)`);
  figure('CPU seconds requester + responder (all threads)', `${requesterCpu.toFixed(1)} + ${responderCpu.toFixed(1)} = ${(requesterCpu + responderCpu).toFixed(1)} s (2 cores: ≥ ${((requesterCpu + responderCpu) / 2).toFixed(1)} s wall if idle)`);
  figure('intersection found / planted', `${fmt(result.cardinality)} / ${fmt(overlap)}${result.cardinality === overlap ? '' : '  MISMATCH'}`);
  figure('bytes requester → responder', `${mb(bytes.sent)} (${(bytes.sent / n).toFixed(1)} B per selector)`);
  figure('bytes responder → requester', `${mb(bytes.received)} (${(bytes.received / n).toFixed(1)} B per selector)`);
  return { seconds, cpu: requesterCpu + responderCpu };
}

interface OpenMinedPsi {
  server: { createWithNewKey(reveal?: boolean): { createSetupMessage(fpr: number, nc: number, xs: string[]): { serializeBinary(): Uint8Array }; processRequest(r: unknown): { serializeBinary(): Uint8Array } } };
  client: { createWithNewKey(reveal?: boolean): { createRequest(xs: string[]): { serializeBinary(): Uint8Array }; getIntersection(s: unknown, r: unknown): number[] } };
}

/** psi.js is not a project dependency (its protoc-gen-js dependency downloads a binary at install); docs/psi.md says how to add it here. */
async function loadOpenMined(): Promise<OpenMinedPsi | null> {
  for (const base of [process.cwd(), resolve(BENCH_DIR, 'openmined')]) {
    try {
      const req = createRequire(resolve(base, 'package.json'));
      const mod = req('@openmined/psi.js') as () => Promise<OpenMinedPsi>;
      return await mod();
    } catch {
      // try the next place
    }
  }
  return null;
}

async function openMined(ours: { seconds: number; cpu: number }): Promise<void> {
  const lib = await loadOpenMined();
  if (!lib) {
    figure('OpenMined psi.js', `not installed: npm install --prefix ${BENCH_DIR}/openmined --no-save --ignore-scripts @openmined/psi.js`);
    return;
  }
  const s = Math.min(n, Number(args['om-sample']));
  const xs = selectorSet(s, Math.round((s * overlap) / n), 1);
  const ys = selectorSet(s, Math.round((s * overlap) / n), 2);
  const before = load();
  const cpu0 = process.cpuUsage();
  const { value: bytes, seconds } = await timed(() => {
    const server = lib.server.createWithNewKey(true);
    const client = lib.client.createWithNewKey(true);
    const setup = server.createSetupMessage(1e-9, s, ys);
    const request = client.createRequest(xs);
    const response = server.processRequest(request);
    client.getIntersection(setup, response);
    return setup.serializeBinary().length + request.serializeBinary().length + response.serializeBinary().length;
  });
  const cpu = cpuSeconds(process.cpuUsage(cpu0));
  const extrapolated = (seconds * n) / s;
  figure(`OpenMined psi.js ${fmt(s)} × ${fmt(s)}, one process, measured`, `${seconds.toFixed(1)} s, ${cpu.toFixed(1)} CPU s, ${mb(bytes)} (${before} at start, ${load()} at end)`);
  figure(`OpenMined psi.js ${fmt(n)} × ${fmt(n)} (EXTRAPOLATED, linear)`, `${extrapolated.toFixed(0)} s`);
  if (ours.seconds > 0) {
    figure('ratio OpenMined / Corvid, wall (extrapolated)', `${(extrapolated / ours.seconds).toFixed(1)}× (goal ≥ ${GOAL_RATIO}×)`);
    // CPU seconds depend less on how much of the 2 cores other work took during each of the two measurements.
    figure('ratio OpenMined / Corvid, CPU seconds (extrapolated)', `${((cpu * n) / s / ours.cpu).toFixed(1)}×`);
  }
}

function fuzzySynthetic(): void {
  const m = Number(args.fuzzy);
  faker.seed(7);
  const next = rng(11);
  const a = Array.from({ length: m }, () => `${faker.person.firstName()} ${faker.person.lastName()}`);
  // Side b: a tenth are a's names with one typo (a letter replaced), the rest new.
  const typo = (s: string) => {
    const i = 1 + Math.floor(next() * (s.length - 1));
    return s.slice(0, i) + String.fromCharCode(97 + Math.floor(next() * 26)) + s.slice(i + 1);
  };
  const b = Array.from({ length: m }, (_, i) => (i < m / 10 ? typo(a[i]) : `${faker.person.firstName()} ${faker.person.lastName()}`));
  const key = randomBytes(32);
  const { value: encA, seconds: sa } = timedSync(() => encodeNames(a, key));
  const encB = encodeNames(b, key);
  const { value: r, seconds } = timedSync(() => compareEncoded(encA, encB, 0.8));
  figure(`fuzzy: encode ${fmt(m)} names`, `${sa.toFixed(1)} s (${fmt(m / sa)} names/s)`);
  figure(`fuzzy: ${fmt(m)} × ${fmt(m)} blocked comparisons`, `${fmt(r.stats.comparisons)} in ${seconds.toFixed(1)} s = ${fmt(r.stats.comparisons / seconds)} comparisons/s`);
  figure('fuzzy: pairs found at Dice ≥ 0.8 (planted typo pairs)', `${fmt(r.stats.matches)} (${fmt(m / 10)})`);
}

function timedSync<T>(fn: () => T): { value: T; seconds: number } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

function febrl(): void {
  const dir = resolve('..', 'shared', 'data', 'febrl');
  const at = existsSync(dir) ? dir : '/work/shared/data/febrl';
  const read = (f: string) =>
    readFileSync(resolve(at, f), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((l) => l.split(',').map((c) => c.trim()))
      .map(([id, given, surname]) => ({ n: Number(id.split('-')[1]), name: `${given} ${surname}`.trim() }));
  const a = read('dataset4a.csv');
  const b = read('dataset4b.csv');
  const key = randomBytes(32);
  const encA = encodeNames(a.map((r) => r.name), key);
  const encB = encodeNames(b.map((r) => r.name), key);
  const truth = new Set(b.map((r) => r.n));
  for (const threshold of [0.7, 0.8, 0.9]) {
    const { matches } = compareEncoded(encA, encB, threshold);
    const correct = matches.filter((m) => a[m.a].n === b[m.b].n).length;
    const found = new Set(matches.filter((m) => a[m.a].n === b[m.b].n).map((m) => a[m.a].n)).size;
    figure(`FEBRL 4a×4b names, Dice ≥ ${threshold}: precision / recall`, `${((100 * correct) / Math.max(1, matches.length)).toFixed(1)} % / ${((100 * found) / truth.size).toFixed(1)} %  (${fmt(matches.length)} pairs)`);
  }
}

let ours = { seconds: 0, cpu: 0 };
if (!args['skip-psi']) ours = await psi();
if (!args['skip-openmined']) await openMined(ours);
if (!args['skip-fuzzy']) {
  fuzzySynthetic();
  febrl();
}
