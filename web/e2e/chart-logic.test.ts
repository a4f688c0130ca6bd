// The link chart's pure logic in Node: groups, hiding, the time window, layered layout, histogram bins, saved state, SVG, shortcuts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DirectedGraph, UndirectedGraph } from 'graphology';
import { circlePositions, layeredLayout } from '../src/chart/hierarchy.ts';
import { actionFor } from '../src/chart/keyboard.ts';
import { linkTypes, viewOfType } from '../src/chart/link-types.ts';
import { applyCommunities, applyScores, communitiesOf, scoresOf } from '../src/chart/measures.ts';
import { ChartModel } from '../src/chart/model.ts';
import { MAX_NODE_SIZE, MIN_NODE_SIZE, OKABE_ITO, OTHER_COLOUR, communityColours } from '../src/chart/palette.ts';
import { chartState, parseState, restoreState } from '../src/chart/state.ts';
import { chartSvg } from '../src/chart/svg.ts';
import { edgeInWindow, histogram, windowOfBins } from '../src/chart/timeline-bins.ts';
import type { NetworkEdge, NetworkNode, NetworkView } from '../src/chart/types.ts';

const node = (id: string, schema = 'Person'): NetworkNode => ({ id, schema, label: id.toUpperCase(), datasets: ['d'] });
const edge = (id: string, from: string, to: string, extra: Partial<NetworkEdge> = {}): NetworkEdge => ({
  id,
  from,
  to,
  directed: false,
  kind: 'interstitial',
  schema: 'Call',
  label: 'call',
  source: id,
  weight: 1,
  datasets: ['d'],
  ...extra,
});

/** a–b–c in a line, d linked to a, and a dated pair of calls a–b in 2020 and 2022. */
function sample(): NetworkView {
  return {
    nodes: ['a', 'b', 'c', 'd'].map((x) => node(x)),
    edges: [edge('ab1', 'a', 'b', { start: '2020-03-01' }), edge('ab2', 'a', 'b', { start: '2022-07-15' }), edge('bc', 'b', 'c'), edge('ad', 'a', 'd', { kind: 'shared-identifier', schema: 'phone' })],
  };
}

describe('chart model', () => {
  test('adding a view twice adds nothing the second time; links need both ends on the chart', () => {
    const m = new ChartModel();
    const first = m.addView(sample());
    assert.equal(first.nodes.length, 4);
    assert.equal(first.edges.length, 4);
    assert.deepEqual(m.addView(sample()), { nodes: [], edges: [] });
    m.addView({ nodes: [], edges: [edge('ce', 'c', 'e')] });
    assert.equal(m.graph.size, 4, 'a link to an entity not on the chart waits');
    assert.deepEqual([m.counts().entities, m.counts().links], [4, 4]);
  });

  test('grouping moves the members’ links to the group, drops links inside it, and ungrouping restores them', () => {
    const m = new ChartModel();
    m.addView(sample());
    const before = Object.fromEntries(m.graph.mapNodes((id, a) => [id, [a.x, a.y]]));
    const gid = m.group(['a', 'b'], 'A and B');
    assert.ok(gid);
    assert.deepEqual(m.graph.nodes().sort(), [gid, 'c', 'd'].sort());
    // ab1 and ab2 are inside the group; bc and ad now end at the group.
    assert.deepEqual(m.graph.edges().sort(), ['ad', 'bc']);
    assert.deepEqual(m.graph.extremities('bc').sort(), [gid, 'c'].sort());
    assert.equal(m.counts().entities, 4, 'a group counts its members');
    assert.deepEqual(m.ungroup(gid).sort(), ['a', 'b']);
    assert.deepEqual(m.graph.edges().sort(), ['ab1', 'ab2', 'ad', 'bc']);
    for (const id of ['a', 'b']) {
      const a = m.graph.getNodeAttributes(id);
      assert.ok(Math.abs(a.x - before[id][0]) < 1e-9 && Math.abs(a.y - before[id][1]) < 1e-9, 'members return where they were');
    }
  });

  test('a group of fewer than two entities is refused', () => {
    const m = new ChartModel();
    m.addView(sample());
    assert.equal(m.group(['a']), null);
    assert.equal(m.group(['a', 'zz']), null);
  });

  test('hiding a node hides its links; showing all brings them back', () => {
    const m = new ChartModel();
    m.addView(sample());
    m.setHidden(['a'], true);
    // ab1, ab2 and ad touch a: only bc is drawn.
    assert.deepEqual([m.counts().entities, m.counts().links, m.counts().hiddenNodes], [3, 1, 1]);
    m.showAll();
    assert.deepEqual([m.counts().entities, m.counts().links], [4, 4]);
  });

  test('a time window hides links outside it, keeps undated ones, and dims nodes left without a link', () => {
    const m = new ChartModel();
    m.addView(sample());
    m.setWindow({ from: '2021-01-01', to: '2023-12-31' });
    // ab1 (2020) goes; ab2 (2022), bc and ad (undated) stay.
    assert.equal(m.counts().links, 3);
    m.setWindow({ from: '2019-01-01', to: '2019-12-31' });
    assert.equal(m.counts().links, 2, 'only the undated bc and ad');
    assert.deepEqual(m.graph.filterNodes((_, a) => a.dimmed === true), []);
    m.setHidden(['c', 'd'], true);
    // With c and d hidden and both dated calls outside 2019, a and b have no visible link left.
    assert.deepEqual(m.graph.filterNodes((_, a) => a.dimmed === true).sort(), ['a', 'b']);
  });

  test('pinning flips the fixed flag that ForceAtlas2 reads', () => {
    const m = new ChartModel();
    m.addView(sample());
    m.setPinned(['a', 'b']);
    assert.deepEqual(m.graph.filterNodes((_, a) => a.fixed === true).sort(), ['a', 'b']);
    m.setPinned(['a']);
    assert.deepEqual(m.graph.filterNodes((_, a) => a.fixed === true), ['b']);
  });
});

describe('saved state', () => {
  test('a saved chart reopens with the same groups, pins, hidden nodes, window and positions', () => {
    const m = new ChartModel();
    m.addView(sample());
    const gid = m.group(['c', 'd'], 'C+D')!;
    m.setPinned(['a'], true);
    m.setHidden(['b'], true);
    m.setWindow({ from: '2022-01-01', to: '2022-12-31' });
    const saved = parseState(JSON.parse(JSON.stringify(chartState(m, { layout: 'circular', colourBy: 'louvain', sizeBy: null }))));
    const ax = m.graph.getNodeAttribute('a', 'x');
    const reopened = new ChartModel();
    const report = restoreState(reopened, saved, sample());
    assert.deepEqual(report, { missingEntities: 0, missingLinks: 0 });
    const groups = reopened.groupList();
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0].members.sort(), ['c', 'd']);
    assert.equal(groups[0].label, 'C+D');
    assert.equal(reopened.graph.getNodeAttribute('a', 'fixed'), true);
    assert.equal(reopened.graph.getNodeAttribute('b', 'hidden'), true);
    assert.deepEqual(reopened.window, { from: '2022-01-01', to: '2022-12-31' });
    assert.ok(Math.abs(reopened.graph.getNodeAttribute('a', 'x') - ax) < 0.01);
    assert.equal(saved.layout, 'circular');
    assert.deepEqual(m.counts(), reopened.counts());
    assert.ok(gid);
  });

  test('entities the server no longer returns are reported, not invented', () => {
    const m = new ChartModel();
    m.addView(sample());
    const saved = chartState(m, { layout: 'force', colourBy: null, sizeBy: null });
    const view = sample();
    view.nodes = view.nodes.filter((n) => n.id !== 'd');
    view.edges = view.edges.filter((e) => e.id !== 'ad');
    const reopened = new ChartModel();
    assert.deepEqual(restoreState(reopened, saved, view), { missingEntities: 1, missingLinks: 1 });
    assert.equal(reopened.graph.order, 3);
  });

  test('a state from an unknown version is refused', () => {
    assert.throws(() => parseState({ version: 2, nodes: [] }));
    assert.throws(() => parseState(null));
  });
});

describe('timeline bins', () => {
  test('months are chosen for a two-year span and every date lands in its month', () => {
    const h = histogram(['2020-01-05', '2020-01-31', '2020-03-01T10:00:00', undefined, '2021-12-31']);
    assert.equal(h.unit, 'month');
    assert.equal(h.bins.length, 24, 'January 2020 to December 2021');
    assert.deepEqual([h.bins[0].count, h.bins[1].count, h.bins[2].count, h.bins[23].count], [2, 0, 1, 1]);
    assert.deepEqual([h.dated, h.undated], [4, 1]);
    assert.deepEqual(windowOfBins(h, 2, 0), { from: '2020-01-01', to: '2020-03-31' });
  });

  test('days for a short span, years for a long one', () => {
    assert.equal(histogram(['2020-01-01', '2020-01-20']).unit, 'day');
    assert.equal(histogram(['1990-01-01', '2020-01-20']).unit, 'year');
  });

  test('a link is in a window when its time overlaps it', () => {
    const w = { from: '2020-01-01', to: '2020-12-31' };
    assert.equal(edgeInWindow({ start: '2019-06-01', end: '2020-02-01' }, w), true);
    assert.equal(edgeInWindow({ start: '2021-01-01' }, w), false);
    assert.equal(edgeInWindow({ start: '2020-12-31T23:59:00' }, w), true);
    assert.equal(edgeInWindow({}, w), true, 'undated links are kept');
  });
});

describe('layouts', () => {
  test('layers follow breadth-first depth from the root; a separate component starts its own layer 0', () => {
    const g = new UndirectedGraph();
    for (const [a, b] of [
      ['r', 'x'],
      ['r', 'y'],
      ['x', 'z'],
      ['p', 'q'],
    ])
      g.mergeEdge(a, b);
    const { layers, positions } = layeredLayout(g, { roots: ['r'] });
    assert.deepEqual(layers.map((l) => [...l].sort()), [['p', 'r'], ['q', 'x', 'y'], ['z']]);
    assert.equal(positions.z.y, 2 * 120);
  });

  test('by direction, sources come first and links point down', () => {
    const g = new DirectedGraph();
    g.mergeEdge('boss', 'lieutenant');
    g.mergeEdge('lieutenant', 'runner');
    const { layers } = layeredLayout(g, { mode: 'direction' });
    assert.deepEqual(layers, [['boss'], ['lieutenant'], ['runner']]);
  });

  test('the barycentre ordering removes the crossing of two parallel chains', () => {
    // Layer 1 starts as [a2, b2] (degree order tie broken by name would cross a1–a2 and b1–b2 if a1 is left of b1).
    const g = new UndirectedGraph();
    g.mergeEdge('root', 'a1');
    g.mergeEdge('root', 'b1');
    g.mergeEdge('a1', 'a2');
    g.mergeEdge('b1', 'b2');
    g.mergeEdge('b1', 'b3');
    const { positions } = layeredLayout(g, { roots: ['root'] });
    const leftOf = (u: string, v: string) => positions[u].x < positions[v].x;
    assert.equal(leftOf('a1', 'b1'), leftOf('a2', 'b2'), 'a1–a2 and b1–b2 do not cross');
    assert.equal(leftOf('a1', 'b1'), leftOf('a2', 'b3'));
  });

  test('circle positions are evenly spaced at the same radius', () => {
    const p = circlePositions(['a', 'b', 'c', 'd'], 40);
    const r = Object.values(p).map((q) => Math.hypot(q.x, q.y));
    for (const x of r) assert.ok(Math.abs(x - r[0]) < 1e-9);
    assert.ok(Math.abs(Math.hypot(p.a.x - p.b.x, p.a.y - p.b.y) - Math.hypot(p.b.x - p.c.x, p.b.y - p.c.y)) < 1e-9);
  });
});

describe('measures and palette', () => {
  test('the largest communities get the Okabe–Ito colours, the rest grey', () => {
    const communities: Record<string, number> = {};
    // Community k has k+1 members: 9 communities, the two smallest (0 and 1) beyond the 7 colours.
    for (let k = 0; k < 9; k++) for (let i = 0; i <= k; i++) communities[`n${k}-${i}`] = k;
    const c = communityColours(communities);
    assert.equal(c.colourOf(8), OKABE_ITO[0]);
    assert.equal(c.colourOf(2), OKABE_ITO[6]);
    assert.equal(c.colourOf(1), OTHER_COLOUR);
    assert.equal(c.others, 1 + 2);
  });

  test('community and score answers colour and size the nodes; a group takes its members’ majority and maximum', () => {
    const m = new ChartModel();
    m.addView(sample());
    const gid = m.group(['a', 'b'])!;
    applyCommunities(m, 'louvain', communitiesOf({ communities: { a: 1, b: 1, c: 2, d: 1 }, count: 2 })!);
    assert.equal(m.graph.getNodeAttribute(gid, 'community'), 1);
    assert.equal(m.graph.getNodeAttribute('c', 'color'), OKABE_ITO[1], 'c is in the second-largest community');
    applyScores(m, 'pagerank', scoresOf({ a: 0.1, b: 0.5, c: 0.3, d: 0.1 })!);
    assert.equal(m.graph.getNodeAttribute(gid, 'size'), MAX_NODE_SIZE);
    assert.equal(m.graph.getNodeAttribute('d', 'size'), MIN_NODE_SIZE);
    assert.equal(communitiesOf({ of: { a: 0 } })?.a, 0, 'components answer with `of`');
  });
});

describe('link types', () => {
  test('an entity’s links are counted by type, with the neighbours not yet on the chart', () => {
    const types = linkTypes(sample(), 'a', new Set(['a', 'b']));
    assert.deepEqual(
      types.map((t) => [t.label, t.links, t.fresh]),
      [
        ['Call', 2, 0],
        ['same phone (inferred)', 1, 1],
      ],
    );
    const calls = viewOfType(sample(), 'a', 'interstitial', 'Call');
    assert.deepEqual(calls.edges.map((e) => e.id).sort(), ['ab1', 'ab2']);
    assert.deepEqual(calls.nodes.map((n) => n.id).sort(), ['a', 'b']);
  });
});

describe('SVG export and shortcuts', () => {
  test('the SVG escapes labels and draws one shape per node and one line per link', () => {
    const svg = chartSvg(
      [
        { x: 0, y: 0, r: 5, color: '#0072B2', shape: 'circle', label: 'Rossi & <Figli>', showLabel: true },
        { x: 50, y: 0, r: 5, color: '#D55E00', shape: 'square', label: 'B', showLabel: false },
      ],
      [{ x1: 0, y1: 0, x2: 50, y2: 0, color: '#7b8494', width: 1, directed: true }],
    );
    assert.ok(svg.includes('Rossi &amp; &lt;Figli&gt;'));
    assert.equal((svg.match(/<circle /g) ?? []).length, 1);
    assert.equal((svg.match(/<rect x="-/g) ?? []).length + (svg.match(/<rect x="45/g) ?? []).length, 2, 'background and the square');
    assert.equal((svg.match(/<line /g) ?? []).length, 1);
    assert.ok(svg.includes('marker-end="url(#arrow0)"'));
  });

  test('keys map to actions, Shift and Ctrl included, and plain letters differ from shifted ones', () => {
    const k = (key: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; metaKey: boolean }> = {}) => actionFor({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    assert.equal(k('h'), 'hide');
    assert.equal(k('Delete'), 'hide');
    assert.equal(k('H', { shiftKey: true }), 'showAll');
    assert.equal(k('s', { ctrlKey: true }), 'save');
    assert.equal(k('s', { metaKey: true }), 'save');
    assert.equal(k('?', { shiftKey: true }), 'help');
    assert.equal(k('Escape'), 'clear');
    assert.equal(k('q'), null);
  });
});
