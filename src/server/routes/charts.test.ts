/** Tests of the /charts routes: save, list, read, replace and delete a link chart, with case and owner scoping. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemContext } from '../../model/context.ts';
import { errorCode, startHarness, userToken, type Harness } from '../testing.ts';

const OP = 'op-falco';
const STATE = {
  nodes: ['police-a.anna', 'police-a.bruno'],
  positions: { 'police-a.anna': [10, 20] },
  pinned: ['police-a.anna'],
  layout: 'forceatlas2',
  window: { from: '2021', to: null },
};

describe('link charts over HTTP', () => {
  let h: Harness;
  let olga: string;
  let ivan: string;
  let irene: string;

  before(async () => {
    h = await startHarness();
    olga = await userToken(h.store, 'olga', { compartments: [] });
    ivan = await userToken(h.store, 'ivan', { compartments: [OP] });
    irene = await userToken(h.store, 'irene', { compartments: [OP] });
  });
  after(async () => h.close());

  const put = (token: string, id: string, payload: object) => h.call(token, { method: 'PUT', url: `/api/v1/charts/${id}`, payload });
  const get = (token: string, url: string) => h.call(token, { method: 'GET', url: `/api/v1${url}` });
  const del = (token: string, id: string) => h.call(token, { method: 'DELETE', url: `/api/v1/charts/${id}` });

  test('save, list, read, replace and delete a chart of a case', async () => {
    const saved = await put(ivan, 'cell-a', { name: 'Cell A', case: OP, state: STATE });
    assert.equal(saved.statusCode, 200, saved.body);
    const chart = saved.json() as { id: string; name: string; case: string; owner: string; by: string; state: unknown; updatedAt: string };
    assert.deepEqual([chart.id, chart.name, chart.case, chart.owner, chart.by], ['cell-a', 'Cell A', OP, 'ivan', 'ivan']);
    assert.deepEqual(chart.state, STATE);

    const list = (await get(irene, `/charts?case=${OP}`)).json() as { id: string; name: string; by: string; state?: unknown }[];
    assert.deepEqual(
      list.map((c) => [c.id, c.name, c.by]),
      [['cell-a', 'Cell A', 'ivan']],
    );
    assert.equal(list[0]?.state, undefined, 'lists carry no state');
    assert.deepEqual((await get(irene, '/charts/cell-a')).json(), chart);

    const replaced = await put(ivan, 'cell-a', { name: 'Cell A (2021)', case: OP, state: { nodes: [] } });
    assert.equal(replaced.statusCode, 200);
    assert.deepEqual((await get(ivan, '/charts/cell-a')).json().state, { nodes: [] });

    const gone = await del(ivan, 'cell-a');
    assert.equal(gone.statusCode, 204);
    assert.equal(errorCode(await get(ivan, '/charts/cell-a')), 'CORVID_ERR_NOT_FOUND');
    const audit = await h.store.listAudit(systemContext(), { target: 'cell-a' });
    assert.deepEqual(
      audit.map((r) => [r.actor, r.action]),
      [
        ['ivan', 'chart.save'],
        ['ivan', 'chart.save'],
        ['ivan', 'chart.delete'],
      ],
    );
  });

  test('outside the case a chart does not exist; inside, only its owner changes it', async () => {
    assert.equal((await put(ivan, 'cell-b', { name: 'Cell B', case: OP, state: STATE })).statusCode, 200);
    assert.equal(errorCode(await get(olga, '/charts/cell-b')), 'CORVID_ERR_NOT_FOUND');
    assert.deepEqual((await get(olga, '/charts')).json(), []);
    assert.equal(errorCode(await put(olga, 'cell-b', { name: 'mine', case: '', state: {} })), 'CORVID_ERR_NOT_FOUND');
    assert.equal(errorCode(await del(olga, 'cell-b')), 'CORVID_ERR_NOT_FOUND');
    const taken = await put(irene, 'cell-b', { name: 'Cell B, mine', case: OP, state: {} });
    assert.equal(taken.statusCode, 403);
    assert.equal(errorCode(taken), 'CORVID_ERR_AUTH_FORBIDDEN');
    assert.equal((await del(irene, 'cell-b')).statusCode, 403);
    assert.equal(errorCode(await put(olga, 'other', { name: 'Into a case not mine', case: OP, state: {} })), 'CORVID_ERR_AUTH_FORBIDDEN');
    const personal = await put(olga, 'notes', { name: 'My sketch', case: '', state: {} });
    assert.equal(personal.statusCode, 200);
    assert.deepEqual(
      ((await get(olga, '/charts')).json() as { id: string }[]).map((c) => c.id),
      ['notes'],
    );
    assert.equal(errorCode(await get(ivan, '/charts/notes')), 'CORVID_ERR_NOT_FOUND');
  });

  test('refuses bad requests and anonymous callers', async () => {
    assert.equal(errorCode(await put(ivan, 'x', { name: 'No state', case: OP })), 'CORVID_ERR_VALIDATION');
    assert.equal(errorCode(await put(ivan, 'x', { name: '', case: OP, state: {} })), 'CORVID_ERR_VALIDATION');
    assert.equal(errorCode(await put(ivan, 'x', { name: 'Bad case', case: 'Not a Case', state: {} })), 'CORVID_ERR_VALIDATION');
    assert.equal(errorCode(await put(ivan, 'a%20b', { name: 'Bad id', case: OP, state: {} })), 'CORVID_ERR_VALIDATION');
    assert.equal(errorCode(await h.call(null, { method: 'GET', url: '/api/v1/charts' })), 'CORVID_ERR_AUTH_REQUIRED');
  });

  test('hostile bodies: a big chart saves; an oversized state, deep nesting, a raw non-JSON body and a huge name are refused with a reason; nothing is stored', async () => {
    // A big real chart (20,000 link ids of 50 characters and 5,000 positions: about 1.5 MB) saves…
    const links = Array.from({ length: 20_000 }, (_, i) => `telco-cdr.${String(i).padStart(40, '0')}`);
    const ok = await put(ivan, 'wide', { name: 'Wide', case: OP, state: { nodes: links.slice(0, 5000), edges: links } });
    assert.equal(ok.statusCode, 200, ok.body);
    // …while a state over the 4 MB limit is refused with the size and the limit, and a body far beyond it by the server.
    const big = await put(ivan, 'big', { name: 'Big', case: OP, state: { blob: 'x'.repeat(4 * 1024 * 1024 + 10) } });
    assert.equal(errorCode(big), 'CORVID_ERR_VALIDATION');
    assert.match(big.body, /too large/);
    assert.equal(errorCode(await put(ivan, 'huge', { name: 'Huge', case: OP, state: { blob: 'x'.repeat(5 * 1024 * 1024) } })), 'CORVID_ERR_PAYLOAD_TOO_LARGE');
    // 50,000 levels of nesting: refused with the limit, not a crash.
    const deep = await h.call(ivan, { method: 'PUT', url: '/api/v1/charts/deep', headers: { 'content-type': 'application/json' }, payload: `{"name":"Deep","case":"${OP}","state":${'['.repeat(50_000)}${']'.repeat(50_000)}}` });
    assert.equal(errorCode(deep), 'CORVID_ERR_VALIDATION');
    assert.match(deep.body, /nested more than 64 levels/);
    const broken = await h.call(ivan, { method: 'PUT', url: '/api/v1/charts/broken', headers: { 'content-type': 'application/json' }, payload: '{"name":"Broken","case":' });
    assert.equal(broken.statusCode, 400);
    assert.equal(errorCode(await put(ivan, 'long', { name: 'n'.repeat(201), case: OP, state: {} })), 'CORVID_ERR_VALIDATION');
    const listed = (await get(ivan, '/charts')).json() as { id: string }[];
    assert.deepEqual(listed.filter((c) => ['big', 'huge', 'deep', 'broken', 'long'].includes(c.id)), []);
  });
});
