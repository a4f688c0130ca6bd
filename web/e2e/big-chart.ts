// A generated call network saved as a chart: for the frame-rate benchmark (bench/chart.ts) and the big-chart tests.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from '../../src/resolve/engine/fellegi-sunter.ts';
import { callApi, ROOT, type RunningApp } from './harness.ts';

/**
 * Writes `nodes` people and `edges` calls between them (callers Zipf-ish, dates over 2023–24) as FtM JSON lines into
 * `dataDir/calls.ftm.json` and imports them with `corvid import` (dataset `bench`) before a server starts there.
 * @example importCallNetwork(dir, 5000, 20000); const app = await startApp({ demo: false, dataDir: dir });
 */
export function importCallNetwork(dataDir: string, nodes: number, edges: number): { people: string[]; calls: string[] } {
  const next = prng(7);
  const people = Array.from({ length: nodes }, (_, i) => `p${i}`);
  const calls: string[] = [];
  const lines: string[] = people.map((id, i) => JSON.stringify({ id, schema: 'Person', properties: { name: [`Person ${i}`] } }));
  const pick = () => Math.floor(nodes * next() ** 2);
  for (let k = 0; k < edges; k++) {
    const a = pick();
    let b = Math.floor(next() * nodes);
    if (b === a) b = (a + 1) % nodes;
    const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(next() * 730) * 86_400_000).toISOString().slice(0, 10);
    calls.push(`c${k}`);
    lines.push(JSON.stringify({ id: `c${k}`, schema: 'Call', properties: { caller: [`p${a}`], receiver: [`p${b}`], date: [day] } }));
  }
  const file = join(dataDir, 'calls.ftm.json');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const imp = spawnSync(process.execPath, [join(ROOT, 'bin', 'corvid.mjs'), '--data', dataDir, 'import', file, '--dataset', 'bench', '--json'], { cwd: ROOT, encoding: 'utf8' });
  if (imp.status !== 0) throw new Error(`import failed: ${imp.stderr}`);
  return { people: people.map((p) => `bench.${p}`), calls: calls.map((c) => `bench.${c}`) };
}

/**
 * Saves the network as chart `id` with random positions in a square, so it opens as saved with no layout running.
 * @example await saveChart(app, token, 'big', people, calls);
 */
export async function saveChart(app: RunningApp, token: string, id: string, people: string[], calls: string[]): Promise<void> {
  const next = prng(11);
  const positions: Record<string, [number, number]> = {};
  for (const p of people) positions[p] = [Math.round(next() * 20_000) / 10, Math.round(next() * 20_000) / 10];
  const state = { version: 1, nodes: people, edges: calls, positions, pinned: [], hidden: [], groups: [], layout: 'force', colourBy: null, sizeBy: null, window: null };
  await callApi(app, token, 'PUT', `/charts/${id}`, { name: id, case: '', state });
}

/** Where a user would grab the chart to pan it: the point of the stage's central half farthest from any drawn node (stage pixels). */
export const EMPTY_SPOT = `(() => {
  const s = window.__corvidChart.controller.sigma, g = window.__corvidChart.controller.model.graph;
  const { width, height } = s.getDimensions(); const pts = [];
  g.forEachNode((id, a) => { const p = s.graphToViewport({ x: a.x, y: a.y }); pts.push(p.x, p.y, s.scaleSize(s.getNodeDisplayData(id)?.size ?? a.size)); });
  let best = { x: width / 2, y: height / 2, gap: -Infinity };
  for (let x = width / 4; x <= 3 * width / 4; x += 4) for (let y = height / 4; y <= 3 * height / 4; y += 4) {
    let gap = Infinity;
    for (let i = 0; i < pts.length; i += 3) gap = Math.min(gap, Math.hypot(pts[i] - x, pts[i + 1] - y) - pts[i + 2]);
    if (gap > best.gap) best = { x, y, gap };
  }
  return best; })()`;
