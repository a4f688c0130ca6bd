// Tests of the analysis registry: what it lists is what runs, parameters are checked, unknown names refused.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MultiGraph } from 'graphology';
import { ANALYSES, analysisCatalogue, checkParams, getAnalysis, runAnalysis } from './analyses.ts';
import type { CorvidGraph, EdgeAttributes, NodeAttributes } from './types.ts';

/** Two triangles joined by one tie (c–d): the bridge ends are the obvious brokers. */
function twoTriangles(): CorvidGraph {
  const g = new MultiGraph<NodeAttributes, EdgeAttributes>({ type: 'undirected' });
  for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) g.addNode(id, { schema: 'Person', label: id, datasets: ['t'] });
  const ties = ['a-b', 'b-c', 'a-c', 'c-d', 'd-e', 'e-f', 'd-f'];
  for (const t of ties) {
    const [s, u] = t.split('-') as [string, string];
    g.addUndirectedEdgeWithKey(t, s, u, { kind: 'interstitial', schema: 'Call', label: 'called', source: t, weight: 1, datasets: ['t'] });
  }
  return g;
}

describe('analysis registry', () => {
  test('every analysis runs with its listed defaults, and its envelope reports those defaults', () => {
    const g = twoTriangles();
    for (const spec of ANALYSES) {
      const params = spec.params.some((p) => p.required) ? { center: 'c' } : {};
      const out = runAnalysis(g, spec.name, params);
      assert.ok(out.citation.length > 10, `${spec.name} has a citation`);
      const used = out.params as Record<string, unknown>;
      for (const p of spec.params) if (p.default !== null) assert.deepEqual(used[p.name], p.default, `${spec.name}.${p.name}`);
    }
  });

  test('the bridge ends top betweenness, and the registry passes parameters through', () => {
    const r = runAnalysis(twoTriangles(), 'betweenness', { normalized: false }).result as Record<string, number>;
    // Every path from a or b to d, e or f runs through c (the only one of each pair): 2 × 3 = 6 pairs; likewise for d.
    // Inside a triangle nobody lies between two others.
    assert.equal(r.c, 6);
    assert.equal(r.d, 6);
    assert.equal(r.a, 0);
  });

  test('unknown analyses, unknown parameters, wrong types and missing required ones are refused', () => {
    assert.throws(() => getAnalysis('astrology'), { code: 'CORVID_ERR_NETWORK_UNKNOWN_ALGORITHM' });
    assert.throws(() => checkParams(getAnalysis('pagerank'), { damping: 0.5 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => checkParams(getAnalysis('pagerank'), { alpha: '0.5' }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => checkParams(getAnalysis('pagerank'), { alpha: 1.5 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => checkParams(getAnalysis('keyplayer'), { k: 2.5 }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => checkParams(getAnalysis('stability'), { mode: 'shuffle' }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => checkParams(getAnalysis('ego'), {}), { code: 'CORVID_ERR_VALIDATION' });
    assert.deepEqual(checkParams(getAnalysis('robustness'), { order: ['c', 'd'] }), { order: ['c', 'd'] });
  });

  test('the catalogue lists names, citations, defaults, and what can be saved on entities', () => {
    const cat = analysisCatalogue();
    assert.deepEqual(
      cat.map((a) => a.name),
      ANALYSES.map((a) => a.name),
    );
    assert.equal(cat.find((a) => a.name === 'leiden')?.annotates, 'communityId');
    assert.equal(cat.find((a) => a.name === 'degree')?.annotates, 'score');
    assert.equal(cat.find((a) => a.name === 'efficiency')?.annotates, undefined);
    assert.ok(cat.every((a) => a.params.every((p) => !('orList' in p))));
  });
});
