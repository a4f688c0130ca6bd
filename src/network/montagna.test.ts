// The network analytics on real data: the Montagna Sicilian Mafia network (shared/data/montagna), imported
// through the real pipeline into SQLite and read back as the contact graph (phone calls, meetings, co-sightings).
// Reference figures were computed independently with networkx 3.6.1 on the same CSV files (simple undirected
// graph of the 155 people plus the 8 family organisations, which have no contact edges); see each comment.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemContext } from '../model/context.ts';
import { importFile } from '../ingest/pipeline.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/port.ts';
import { betweenness } from './algorithms/betweenness.ts';
import { connectedComponents } from './algorithms/components.ts';
import { keyPlayersNeg } from './algorithms/keyplayer.ts';
import { leiden } from './algorithms/leiden.ts';
import { louvain } from './algorithms/louvain.ts';
import { pagerank } from './algorithms/pagerank.ts';
import { seeded } from './algorithms/random.ts';
import { robustnessCurve } from './algorithms/robustness.ts';
import { loadGraph } from './load.ts';
import type { CorvidGraph } from './types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DATA = resolve(ROOT, '../shared/data/montagna');
const ctx = systemContext();

/** familia per node label, from montagna_attributes.csv (empty and the source's "-77" are unknown). */
function families(): Map<string, string> {
  const text = readFileSync(join(DATA, 'montagna_attributes.csv'), 'utf8').replace(/^\uFEFF/, '');
  const out = new Map<string, string>();
  for (const line of text.split(/\r\n|\r|\n/).slice(1)) {
    const [node, familia] = line.split(',');
    if (node && familia && familia !== '-77') out.set(node, familia);
  }
  return out;
}

/** P(same community | same family) and P(same community | different family) over pairs of known members. */
function coMembership(membership: Map<string, number>, family: Map<string, string>): { same: number; different: number } {
  const members = [...family.keys()].filter((n) => membership.has(n));
  let sameFam = 0;
  let sameFamSameComm = 0;
  let diffFam = 0;
  let diffFamSameComm = 0;
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const a = members[i] as string;
      const b = members[j] as string;
      const together = membership.get(a) === membership.get(b) ? 1 : 0;
      if (family.get(a) === family.get(b)) {
        sameFam++;
        sameFamSameComm += together;
      } else {
        diffFam++;
        diffFamSameComm += together;
      }
    }
  }
  return { same: sameFamSameComm / sameFam, different: diffFamSameComm / diffFam };
}

describe('network analytics on the Montagna Mafia network', { timeout: 120_000 }, () => {
  let dir: string;
  let store: Store;
  let graph: CorvidGraph;
  /** Node label (N0…N154) → entity id, and back. */
  const idOf = new Map<string, string>();
  const labelOf = new Map<string, string>();
  const family = families();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corvid-montagna-'));
    store = await openStore({ data: dir });
    for (const name of ['attributes', 'phone', 'meetings', 'kinship', 'sightings']) {
      await importFile(ctx, store, { file: join(DATA, `montagna_${name}.csv`), dataset: 'montagna', rejectsDir: join(dir, 'rejects'), mapping: join(ROOT, 'mappings/montagna', `${name}.yml`) });
    }
    // The contact network: calls, meetings and co-sightings; kinship and memberships are left out, so that
    // agreement between communities and families is found, not built in.
    ({ graph } = await loadGraph(ctx, store, { filter: { schemata: ['Call', 'UnknownLink'] } }));
    graph.forEachNode((id, a) => {
      idOf.set(a.label, id);
      labelOf.set(id, a.label);
    });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the graph has every person and family, and one edge per call, meeting and sighting row', () => {
    // 155 people + 8 families; 150 phone + 289 meeting + 41 sighting rows.
    assert.equal(graph.order, 163);
    assert.equal(graph.size, 480);
  });

  test('components match networkx: 14, the largest of 145 nodes, 9 isolated', () => {
    const { components } = connectedComponents(graph).result;
    assert.equal(components.length, 14);
    assert.equal(components[0]?.length, 145);
    assert.equal(components.filter((c) => c.length === 1).length, 9);
  });

  test('PageRank and betweenness match networkx on the top five', () => {
    // networkx.pagerank(alpha=0.85) and betweenness_centrality(normalized=True) on the simple graph.
    const pr = pagerank(graph, { tolerance: 1e-10, maxIterations: 1000 }).result;
    const expectedPr: [string, number][] = [['N18', 0.058872], ['N47', 0.036805], ['N61', 0.032599], ['N27', 0.02669], ['N68', 0.023725]];
    const topPr = Object.keys(pr).sort((a, b) => (pr[b] ?? 0) - (pr[a] ?? 0)).slice(0, 5);
    assert.deepEqual(topPr.map((id) => labelOf.get(id)), expectedPr.map(([n]) => n));
    for (const [n, v] of expectedPr) assert.ok(Math.abs((pr[idOf.get(n) as string] ?? 0) - v) < 5e-6, `${n}: ${pr[idOf.get(n) as string]} vs ${v}`);

    const bc = betweenness(graph).result;
    const expectedBc: [string, number][] = [['N18', 0.40209], ['N47', 0.19438], ['N61', 0.149878], ['N27', 0.130139], ['N11', 0.07619]];
    const topBc = Object.keys(bc).sort((a, b) => (bc[b] ?? 0) - (bc[a] ?? 0)).slice(0, 5);
    assert.deepEqual(topBc.map((id) => labelOf.get(id)), expectedBc.map(([n]) => n));
    for (const [n, v] of expectedBc) assert.ok(Math.abs((bc[idOf.get(n) as string] ?? 0) - v) < 5e-6, `${n}: ${bc[idOf.get(n) as string]} vs ${v}`);
  });

  test('communities largely follow the families, far beyond chance (Louvain and Leiden)', () => {
    for (const run of [louvain, leiden]) {
      for (const seed of [1, 2, 3]) {
        const { communities, modularity } = run(graph, { seed, weighted: false }).result;
        // networkx's Louvain reaches modularity 0.609–0.616 on this graph (seeds 1, 2, 3, 42).
        assert.ok(modularity >= 0.6, `${run.name} seed ${seed}: modularity ${modularity}`);
        const membership = new Map(Object.entries(communities).map(([id, c]) => [labelOf.get(id) as string, c]));
        const real = coMembership(membership, family);
        // Two members of one family share a community far more often than members of two families
        // (networkx's Louvain on the same graph: 0.52–0.81 against 0.09–0.21 over seeds 1, 2, 3, 42; a
        // partition that splits the largest community in two lowers the first, not the ratio).
        assert.ok(real.same >= 0.35, `${run.name} seed ${seed}: same-family pairs together ${real.same}`);
        assert.ok(real.same >= 2.5 * real.different, `${run.name} seed ${seed}: ${real.same} vs ${real.different}`);
        // A majority of the largest family (Batanesi, 19 known members) is in one community (networkx's Louvain: 84–100 %).
        const batanesi = [...family].filter(([, f]) => f === 'batanesi').map(([n]) => membership.get(n));
        const counts = new Map<number | undefined, number>();
        for (const c of batanesi) counts.set(c, (counts.get(c) ?? 0) + 1);
        assert.ok(Math.max(...counts.values()) / batanesi.length > 0.5, `${run.name} seed ${seed}: Batanesi split ${[...counts.values()]}`);
        // The same communities against families shuffled among the same people: no enrichment left.
        const next = seeded(seed);
        let ratio = 0;
        for (let t = 0; t < 20; t++) {
          const labels = [...family.values()];
          for (let i = labels.length - 1; i > 0; i--) {
            const j = Math.floor(next() * (i + 1));
            [labels[i], labels[j]] = [labels[j] as string, labels[i] as string];
          }
          const shuffled = new Map([...family.keys()].map((n, i) => [n, labels[i] as string]));
          const s = coMembership(membership, shuffled);
          ratio += s.same / Math.max(s.different, 1e-9) / 20;
        }
        assert.ok(ratio < 1.6, `${run.name} seed ${seed}: shuffled families still enriched (${ratio})`);
      }
    }
  });

  test('key players: the greedy fragmentation choice and its figures match a networkx re-computation', () => {
    // networkx: F of the intact graph 0.208816; greedy removal N18 (0.326432), then N61 (0.426475), then N47 (0.475157); no ties.
    const kp = keyPlayersNeg(graph, { k: 3 }).result;
    assert.deepEqual(kp.players.map((id) => labelOf.get(id)), ['N18', 'N61', 'N47']);
    assert.ok(Math.abs(kp.before - 0.208816) < 1e-6, `before ${kp.before}`);
    assert.deepEqual(kp.steps.map((s) => Number(s.score.toFixed(6))), [0.326432, 0.426475, 0.475157]);
    assert.ok(Math.abs(kp.after - 0.475157) < 1e-6);
  });

  test('robustness: removing the key players shrinks the largest component and the efficiency as networkx computes', () => {
    // networkx global_efficiency and largest component: intact 0.279151 / 145; −N18 0.21669 / 133;
    // −N61 0.18445 / 122; −N47 0.162299 / 116.
    const curve = robustnessCurve(graph, { order: ['N18', 'N61', 'N47'].map((n) => idOf.get(n) as string), steps: 3 }).result;
    assert.deepEqual(curve.points.map((p) => p.largestComponent), [145, 133, 122, 116]);
    const eff = [0.279151, 0.21669, 0.18445, 0.162299];
    curve.points.forEach((p, i) => assert.ok(Math.abs(p.efficiency - (eff[i] as number)) < 1e-6, `step ${i}: ${p.efficiency}`));
    assert.ok(Math.abs((curve.points[3]?.largestShare ?? 0) - 116 / 163) < 1e-12);
  });
});
