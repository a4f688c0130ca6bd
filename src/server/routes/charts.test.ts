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
});
