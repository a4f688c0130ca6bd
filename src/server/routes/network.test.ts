/** Tests of the /network routes: expand, sub-graph, paths, analyses and annotations, and that compartments hide links. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemContext } from '../../model/context.ts';
import type { NetworkView } from '../../network/types.ts';
import { makeStatement as st } from '../../store/conformance/fixture.ts';
import { errorCode, startHarness, userToken, type Harness } from '../testing.ts';

const OP = 'op-falco';
const ANNA = 'police-a.anna';
const BRUNO = 'police-a.bruno';
const CARLO = 'police-a.carlo';
const DELTA = 'police-a.delta';
const SAL = 'police-a.sal';
const ref = { isRef: true };
const secret = { compartment: OP };

/**
 * Anna and Bruno share a phone number; both paid Delta Srl (2021, 2023); Bruno and Carlo are family. In op-falco
 * only: Sal, Anna's call to Sal (2022) and Sal's ownership of Delta.
 */
const CASE = [
  st(ANNA, 'Person', 'name', 'Anna Marino'),
  st(ANNA, 'Person', 'phone', '+393331234567'),
  st(BRUNO, 'Person', 'name', 'Bruno Conte'),
  st(BRUNO, 'Person', 'phone', '+393331234567'),
  st(CARLO, 'Person', 'name', 'Carlo Neri'),
  st(DELTA, 'Company', 'name', 'Delta Srl'),
  st('police-a.pay1', 'Payment', 'payer', ANNA, ref),
  st('police-a.pay1', 'Payment', 'beneficiary', DELTA, ref),
  st('police-a.pay1', 'Payment', 'date', '2021-05-01'),
  st('police-a.pay2', 'Payment', 'payer', BRUNO, ref),
  st('police-a.pay2', 'Payment', 'beneficiary', DELTA, ref),
  st('police-a.pay2', 'Payment', 'date', '2023-02-01'),
  st('police-a.fam1', 'Family', 'person', BRUNO, ref),
  st('police-a.fam1', 'Family', 'relative', CARLO, ref),
  st(SAL, 'Person', 'name', 'Salvatore Greco', secret),
  st('police-a.call1', 'Call', 'caller', ANNA, { ...ref, ...secret }),
  st('police-a.call1', 'Call', 'receiver', SAL, { ...ref, ...secret }),
  st('police-a.call1', 'Call', 'date', '2022-01-10', secret),
  st('police-a.own1', 'Ownership', 'owner', SAL, { ...ref, ...secret }),
  st('police-a.own1', 'Ownership', 'asset', DELTA, { ...ref, ...secret }),
];

const PHONE_EDGE = `shared:phone:+393331234567:${ANNA}|${BRUNO}`;

describe('network over HTTP', () => {
  let h: Harness;
  let outsider: string;
  let insider: string;

  before(async () => {
    h = await startHarness();
    await h.store.upsertDataset(systemContext(), { name: 'police-a', title: 'Police A' });
    await h.store.writeBatch(systemContext(), { dataset: 'police-a', statements: CASE });
    outsider = await userToken(h.store, 'olga', { compartments: [] });
    insider = await userToken(h.store, 'ivan', { compartments: [OP] });
  });
  after(async () => h.close());

  const get = async (token: string, url: string) => h.call(token, { method: 'GET', url: `/api/v1${url}` });
  const post = async (token: string, url: string, payload: object) => h.call(token, { method: 'POST', url: `/api/v1${url}`, payload });
  const view = async (token: string, url: string, payload?: object): Promise<NetworkView> => {
    const res = payload ? await post(token, url, payload) : await get(token, url);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as NetworkView;
  };
  const nodeIds = (v: NetworkView): string[] => v.nodes.map((n) => n.id).sort();
  const edgeIds = (v: NetworkView): string[] => v.edges.map((e) => e.id).sort();

  test('expand: the entity, its neighbours and the edges among them, as the caller may see them', async () => {
    const seen = await view(outsider, `/network/expand/${ANNA}`);
    assert.deepEqual(nodeIds(seen), [ANNA, BRUNO, DELTA]);
    // pay2 links two neighbours, so it belongs to the view too; the call to Sal does not exist for Olga.
    assert.deepEqual(edgeIds(seen), ['police-a.pay1', 'police-a.pay2', PHONE_EDGE]);
    const pay1 = seen.edges.find((e) => e.id === 'police-a.pay1');
    assert.deepEqual(
      [pay1?.from, pay1?.to, pay1?.directed, pay1?.kind, pay1?.schema, pay1?.start],
      [ANNA, DELTA, true, 'interstitial', 'Payment', '2021-05-01'],
    );
    assert.equal(seen.nodes.find((n) => n.id === ANNA)?.label, 'Anna Marino');

    const inside = await view(insider, `/network/expand/${ANNA}`);
    assert.deepEqual(nodeIds(inside), [ANNA, BRUNO, DELTA, SAL]);
    assert.deepEqual(edgeIds(inside), ['police-a.call1', 'police-a.own1', 'police-a.pay1', 'police-a.pay2', PHONE_EDGE]);
  });

  test('a user without the compartment sees neither the hidden entity nor its edges', async () => {
    const res = await get(outsider, `/network/expand/${SAL}`);
    assert.equal(res.statusCode, 404);
    assert.equal(errorCode(res), 'CORVID_ERR_NOT_FOUND');
    const delta = await view(outsider, `/network/expand/${DELTA}`);
    assert.deepEqual(nodeIds(delta), [ANNA, BRUNO, DELTA]);
    assert.ok(!edgeIds(delta).includes('police-a.own1'));
    assert.ok(edgeIds(await view(insider, `/network/expand/${DELTA}`)).includes('police-a.own1'));
  });

  test('expand filters by time window and kind, and limits neighbours', async () => {
    const in2022 = await view(insider, `/network/expand/${ANNA}?from=2022-01-01&to=2022-12-31&datedOnly=true`);
    assert.deepEqual(nodeIds(in2022), [ANNA, SAL]);
    assert.deepEqual(edgeIds(in2022), ['police-a.call1']);
    const calls = await view(insider, `/network/expand/${ANNA}?kinds=interstitial&schemata=Call,Payment`);
    // Bruno is Anna's neighbour only by the phone they share, so he and his payment drop out; Sal's ownership is no Call or Payment.
    assert.deepEqual(nodeIds(calls), [ANNA, DELTA, SAL]);
    assert.deepEqual(edgeIds(calls), ['police-a.call1', 'police-a.pay1']);
    const one = await view(outsider, `/network/expand/${ANNA}?limit=1`);
    assert.equal(one.nodes.length, 2);
    assert.equal(one.truncated, true);
    assert.equal(errorCode(await get(outsider, `/network/expand/${ANNA}?from=yesterday`)), 'CORVID_ERR_VALIDATION');
  });

  test('subgraph: every edge among the given entities, hidden ones left out', async () => {
    const sub = await view(outsider, '/network/subgraph', { ids: [ANNA, BRUNO, CARLO, SAL] });
    assert.deepEqual(nodeIds(sub), [ANNA, BRUNO, CARLO]);
    assert.deepEqual(edgeIds(sub), ['police-a.fam1', PHONE_EDGE]);
    const family = sub.edges.find((e) => e.id === 'police-a.fam1');
    assert.equal(family?.directed, false);
    const inside = await view(insider, '/network/subgraph', { ids: [ANNA, SAL, DELTA], filter: { kinds: ['interstitial'] } });
    assert.deepEqual(edgeIds(inside), ['police-a.call1', 'police-a.own1', 'police-a.pay1']);
  });

  test('paths: the shortest ones, all up to a number of hops, and none through what is hidden', async () => {
    type Paths = { paths: { nodes: string[]; edges: string[] }[]; truncated: boolean; view: NetworkView };
    const res = await post(outsider, '/network/paths', { from: ANNA, to: CARLO });
    assert.equal(res.statusCode, 200, res.body);
    const shortest = res.json() as Paths;
    // Anna –phone– Bruno –family– Carlo is two hops; through Delta it takes three.
    assert.deepEqual(shortest.paths, [{ nodes: [ANNA, BRUNO, CARLO], edges: [PHONE_EDGE, 'police-a.fam1'] }]);
    assert.deepEqual(nodeIds(shortest.view), [ANNA, BRUNO, CARLO]);
    const all = (await post(outsider, '/network/paths', { from: ANNA, to: CARLO, mode: 'all', maxHops: 3 })).json() as Paths;
    assert.deepEqual(
      all.paths.map((p) => p.nodes),
      [
        [ANNA, BRUNO, CARLO],
        [ANNA, DELTA, BRUNO, CARLO],
      ],
    );
    const noPhone = (await post(outsider, '/network/paths', { from: ANNA, to: CARLO, filter: { kinds: ['interstitial'] } })).json() as Paths;
    assert.deepEqual(
      noPhone.paths.map((p) => p.nodes),
      [[ANNA, DELTA, BRUNO, CARLO]],
    );
    assert.deepEqual((await post(outsider, '/network/paths', { from: ANNA, to: CARLO, maxHops: 1 })).json(), {
      paths: [],
      truncated: false,
      view: { nodes: [], edges: [] },
    });
    // Sal is two hops from Bruno for Ivan (via Delta); for Olga he does not exist.
    const toSal = (await post(insider, '/network/paths', { from: BRUNO, to: SAL })).json() as Paths;
    assert.equal(toSal.paths[0]?.nodes.length, 3);
    assert.equal(errorCode(await post(outsider, '/network/paths', { from: BRUNO, to: SAL })), 'CORVID_ERR_NOT_FOUND');
  });

  test('analyses: listed with citations and defaults', async () => {
    const res = await get(outsider, '/network/analyses');
    assert.equal(res.statusCode, 200);
    const list = res.json() as { name: string; citation: string; annotates?: string; params: { name: string; default: unknown }[] }[];
    const pagerank = list.find((a) => a.name === 'pagerank');
    assert.match(pagerank?.citation ?? '', /Brin/);
    assert.equal(pagerank?.params.find((x) => x.name === 'alpha')?.default, 0.85);
    assert.equal(list.find((a) => a.name === 'louvain')?.annotates, 'communityId');
    for (const name of ['components', 'leiden', 'betweenness', 'constraint', 'brokers', 'keyplayer', 'robustness', 'stability'])
      assert.ok(
        list.some((a) => a.name === name),
        name,
      );
  });

  test('analyze: degree over what each caller may see, or among given entities', async () => {
    type Envelope = { algorithm: string; params: Record<string, unknown>; result: Record<string, number>; graph: { nodes: number; edges: number } };
    const res = await post(outsider, '/network/analyze', { algorithm: 'degree', params: { normalized: false } });
    assert.equal(res.statusCode, 200, res.body);
    const seen = res.json() as Envelope;
    // Olga's network: Anna–Delta, Bruno–Delta (payments), Anna–Bruno (phone), Bruno–Carlo (family).
    assert.deepEqual(seen.result, { [ANNA]: 2, [BRUNO]: 3, [CARLO]: 1, [DELTA]: 2 });
    assert.deepEqual(seen.params, { normalized: false, weighted: false });
    assert.deepEqual([seen.algorithm, seen.graph.nodes, seen.graph.edges], ['degree', 4, 4]);
    const inside = (await post(insider, '/network/analyze', { algorithm: 'degree', params: { normalized: false } })).json() as Envelope;
    assert.deepEqual(inside.result, { [ANNA]: 3, [BRUNO]: 3, [CARLO]: 1, [DELTA]: 3, [SAL]: 2 });
    const among = (await post(insider, '/network/analyze', { algorithm: 'louvain', ids: [ANNA, BRUNO, CARLO] })).json() as {
      result: { communities: Record<string, number> };
    };
    assert.deepEqual(Object.keys(among.result.communities).sort(), [ANNA, BRUNO, CARLO]);
    assert.equal(errorCode(await post(outsider, '/network/analyze', { algorithm: 'astrology' })), 'CORVID_ERR_NETWORK_UNKNOWN_ALGORITHM');
    assert.equal(errorCode(await post(outsider, '/network/analyze', { algorithm: 'pagerank', params: { alpha: 'high' } })), 'CORVID_ERR_VALIDATION');
    assert.equal(errorCode(await post(outsider, '/network/analyze', { algorithm: 'pagerank', params: { damping: 0.5 } })), 'CORVID_ERR_VALIDATION');
  });

  test('annotations: results saved on the entities with their provenance, audited, once', async () => {
    const run = (await post(outsider, '/network/analyze', { algorithm: 'pagerank' })).json() as {
      params: Record<string, unknown>;
      result: Record<string, number>;
    };
    const payload = { algorithm: 'pagerank', params: run.params, result: { [ANNA]: run.result[ANNA], [BRUNO]: run.result[BRUNO] } };
    const res = await post(outsider, '/network/annotations', payload);
    assert.equal(res.statusCode, 200, res.body);
    const saved = res.json() as { written: number; unchanged: number; source: string };
    assert.equal(saved.written, 2);
    assert.equal(saved.source, 'computed by pagerank (alpha=0.85, maxIterations=100, tolerance=0.000001, weighted=false)');
    const anna = (await get(outsider, `/entities/${ANNA}`)).json() as {
      properties: Record<string, string[]>;
      statements: { prop: string; source: string; importer: string; compartment: string; grading: string }[];
    };
    const score = anna.statements.find((s) => s.prop === 'score');
    assert.deepEqual([score?.source, score?.importer, score?.compartment, score?.grading], [saved.source, 'olga', '', 'X4']);
    assert.equal(Number(anna.properties.score?.[0]).toPrecision(4), (run.result[ANNA] as number).toPrecision(4));
    const again = (await post(outsider, '/network/annotations', payload)).json() as { written: number; unchanged: number };
    assert.deepEqual([again.written, again.unchanged], [0, 2]);
    const audit = await h.store.listAudit(systemContext(), { action: 'network.annotate' });
    assert.deepEqual(
      audit.map((r) => [r.actor, r.target, r.detail.written]),
      [
        ['olga', 'pagerank', 2],
        ['olga', 'pagerank', 0],
      ],
    );
    // Sal is hidden from Olga: nothing is written, not even for Anna.
    const hidden = await post(outsider, '/network/annotations', { algorithm: 'louvain', params: {}, result: { [ANNA]: 0, [SAL]: 1 } });
    assert.equal(errorCode(hidden), 'CORVID_ERR_NOT_FOUND');
    assert.equal((await h.store.listStatements(systemContext(), { entityIds: [ANNA], props: ['communityId'] })).length, 0);
    // Ivan's results may rest on op-falco data: they go into op-falco unless he says otherwise.
    const communities = await post(insider, '/network/annotations', { algorithm: 'louvain', params: { resolution: 1 }, result: { [ANNA]: 0, [SAL]: 1 } });
    assert.equal(communities.statusCode, 200, communities.body);
    const written = await h.store.listStatements(systemContext(), { entityIds: [ANNA, SAL], props: ['communityId'] });
    assert.deepEqual(written.map((s) => [s.entityId, s.value, s.compartment]).sort(), [
      [ANNA, '0', OP],
      [SAL, '1', OP],
    ]);
  });

  test('hostile annotation bodies are refused with the reason, and write nothing', async () => {
    const before = (await h.store.listStatements(systemContext(), { entityIds: [ANNA, BRUNO], props: ['score', 'communityId'] })).length;
    const refused = async (payload: object, code: string, why?: RegExp) => {
      const res = await post(outsider, '/network/annotations', payload);
      assert.equal(errorCode(res), code, res.body);
      if (why) assert.match(res.body, why);
    };
    await refused({ algorithm: 'astrology', params: {}, result: { [ANNA]: 1 } }, 'CORVID_ERR_NETWORK_UNKNOWN_ALGORITHM');
    // Parameters that are not the algorithm's own would become the values' source: names, types and depth are checked.
    await refused({ algorithm: 'pagerank', params: { note: 'x'.repeat(100_000) }, result: { [ANNA]: 1 } }, 'CORVID_ERR_VALIDATION', /no parameter note/);
    await refused({ algorithm: 'pagerank', params: { alpha: { deep: [[[[1]]]] } }, result: { [ANNA]: 1 } }, 'CORVID_ERR_VALIDATION', /alpha/);
    await refused({ algorithm: 'pagerank', params: {}, result: { [ANNA]: 'high' } }, 'CORVID_ERR_VALIDATION');
    await refused({ algorithm: 'louvain', params: {}, result: { [ANNA]: 0.5 } }, 'CORVID_ERR_VALIDATION', /integer/);
    await refused({ algorithm: 'efficiency', params: {}, result: { [ANNA]: 1 } }, 'CORVID_ERR_VALIDATION', /no per-entity result/);
    await refused({ algorithm: 'pagerank', params: {}, result: { 'police-a.nobody': 1 } }, 'CORVID_ERR_NOT_FOUND');
    const broken = await h.call(outsider, { method: 'POST', url: '/api/v1/network/annotations', headers: { 'content-type': 'application/json' }, payload: '{"algorithm":"pagerank","params":{' });
    assert.equal(broken.statusCode, 400);
    assert.equal((await h.store.listStatements(systemContext(), { entityIds: [ANNA, BRUNO], props: ['score', 'communityId'] })).length, before);
  });
});
