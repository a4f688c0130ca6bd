/** Tests of the jobs routes: who sees which job, and cancelling. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext } from '../../model/context.ts';
import { errorCode, startHarness, userToken, type Harness } from '../testing.ts';

describe('jobs over HTTP', () => {
  let h: Harness;
  let alice: string;
  let bob: string;
  let root: string;
  let jobId: string;

  before(async () => {
    h = await startHarness();
    alice = await userToken(h.store, 'alice');
    bob = await userToken(h.store, 'bob');
    root = await userToken(h.store, 'root', { compartments: '*', tlpCeiling: 'RED', roles: ['admin'] });
    const job = await h.store.createJob(makeContext({ actor: 'alice' }), { kind: 'resolve', params: { dataset: 'police-a' } });
    jobId = job.id;
  });
  after(async () => h.close());

  test('the creator and admins see a job; others get 404', async () => {
    const own = await h.call(alice, { method: 'GET', url: `/api/v1/jobs/${jobId}` });
    assert.equal(own.statusCode, 200);
    const { job } = own.json() as { job: { id: string; kind: string; state: string; createdBy: string; params: unknown } };
    assert.equal(job.kind, 'resolve');
    assert.equal(job.state, 'queued');
    assert.equal(job.createdBy, 'alice');
    assert.deepEqual(job.params, { dataset: 'police-a' });
    assert.equal((await h.call(root, { method: 'GET', url: `/api/v1/jobs/${jobId}` })).statusCode, 200);
    const other = await h.call(bob, { method: 'GET', url: `/api/v1/jobs/${jobId}` });
    assert.equal(other.statusCode, 404);
    assert.equal(errorCode(other), 'CORVID_ERR_NOT_FOUND');
    assert.equal(errorCode(await h.call(alice, { method: 'GET', url: '/api/v1/jobs/no-such-job' })), 'CORVID_ERR_NOT_FOUND');
  });

  test('lists own jobs (admins: all), filtered by kind and state', async () => {
    const ids = async (token: string, qs = ''): Promise<string[]> =>
      ((await h.call(token, { method: 'GET', url: `/api/v1/jobs${qs}` })).json() as { jobs: { id: string }[] }).jobs.map((j) => j.id);
    assert.deepEqual(await ids(alice), [jobId]);
    assert.deepEqual(await ids(bob), []);
    assert.deepEqual(await ids(root), [jobId]);
    assert.deepEqual(await ids(alice, '?kind=import'), []);
    assert.deepEqual(await ids(alice, '?state=queued&state=running'), [jobId]);
    assert.equal(errorCode(await h.call(alice, { method: 'GET', url: '/api/v1/jobs?state=sleeping' })), 'CORVID_ERR_VALIDATION');
  });

  test('others cannot cancel a job; its creator can', async () => {
    assert.equal(errorCode(await h.call(bob, { method: 'POST', url: `/api/v1/jobs/${jobId}/cancel` })), 'CORVID_ERR_NOT_FOUND');
    const res = await h.call(alice, { method: 'POST', url: `/api/v1/jobs/${jobId}/cancel` });
    assert.equal(res.statusCode, 200);
    const { job } = res.json() as { job: { state: string; cancelRequested: boolean } };
    assert.equal(job.state, 'cancelled');
    assert.equal(job.cancelRequested, true);
  });
});
