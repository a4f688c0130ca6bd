/** Tests of imports over HTTP: multipart upload, the background job, its rejects, and what the upload may not do. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { errorCode, startHarness, userToken, type Harness } from '../testing.ts';

/**
 * Four lines, counted by hand: line 1 a Person with an impossible birth date (the value is dropped, the
 * record kept), line 2 a Person, line 3 not JSON (rejected), line 4 a Company. So: 4 read, 3 imported,
 * 1 rejected, 1 rejected value, 3 entities.
 */
const FTM_LINES = [
  '{"id":"p-1","schema":"Person","properties":{"name":["Maria Lombardo"],"birthDate":["1971-06-31"]}}',
  '{"id":"p-2","schema":"Person","properties":{"name":["Carlo Ferrante"]}}',
  'this line is not JSON',
  '{"id":"c-1","schema":"Company","properties":{"name":["Ferrante Logistica SRL"]}}',
].join('\n');

const CSV = 'id,name\n1,Paolo Borsellino\n2,Rita Atria\n';
const MAPPING = `queries:
  - entities:
      person:
        schema: Person
        keys: [id]
        properties:
          name:
            column: name
`;

function form(fields: Record<string, string>, file?: { name: string; text: string }, mappingFile?: string): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('file', new Blob([file.text]), file.name);
  if (mappingFile !== undefined) f.append('mapping', new Blob([mappingFile]), 'mapping.yml');
  return f;
}

interface JobBody {
  job: { id: string; state: string; createdBy: string; result: Record<string, unknown> | null };
}

describe('imports over HTTP', () => {
  let h: Harness;
  let alice: string;
  let bob: string;
  let adminToken: string;

  before(async () => {
    h = await startHarness({ maxUploadBytes: 64 * 1024 });
    alice = await userToken(h.store, 'alice', { compartments: ['op-x'], tlpCeiling: 'AMBER' });
    bob = await userToken(h.store, 'bob');
    adminToken = await userToken(h.store, 'root', { compartments: '*', tlpCeiling: 'RED', roles: ['admin'] });
  });
  after(async () => h.close());

  const upload = (token: string, payload: FormData): Promise<LightMyRequestResponse> => h.call(token, { method: 'POST', url: '/api/v1/imports', payload });

  /** Polls the job as a client would, until it has finished one way or the other. */
  async function waitForJob(token: string, id: string): Promise<JobBody['job']> {
    for (let i = 0; i < 2000; i++) {
      const res = await h.call(token, { method: 'GET', url: `/api/v1/jobs/${encodeURIComponent(id)}` });
      assert.equal(res.statusCode, 200);
      const { job } = res.json() as JobBody;
      if (['done', 'failed', 'cancelled'].includes(job.state)) return job;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`job ${id} did not finish`);
  }

  test('an FtM upload answers 202 with the job, finishes, and its entities are searchable', async () => {
    const res = await upload(alice, form({ dataset: 'uploads-a', grading: 'B2', tlp: 'GREEN' }, { name: 'people.ftm.jsonl', text: FTM_LINES }));
    assert.equal(res.statusCode, 202);
    const { job } = res.json() as { job: { id: string; state: string } };
    assert.ok(job.id);
    assert.equal(res.headers.location, `/api/v1/jobs/${encodeURIComponent(job.id)}`);

    const done = await waitForJob(alice, job.id);
    assert.equal(done.state, 'done');
    assert.equal(done.createdBy, 'alice');
    const summary = done.result ?? {};
    assert.equal(summary.read, 4);
    assert.equal(summary.imported, 3);
    assert.equal(summary.rejected, 1);
    assert.equal(summary.rejectedValues, 1);
    assert.equal(summary.entities, 3);

    const search = await h.call(alice, { method: 'GET', url: '/api/v1/search?q=Maria%20Lombardo&dataset=uploads-a' });
    const results = (search.json() as { results: { entity: { caption: string; datasets: string[] } }[] }).results;
    assert.equal(results[0]?.entity.caption, 'Maria Lombardo');
    assert.deepEqual(results[0]?.entity.datasets, ['uploads-a']);
    const company = await h.call(bob, { method: 'GET', url: '/api/v1/search?q=Ferrante&schema=Company' });
    assert.deepEqual((company.json() as { results: { entity: { caption: string } }[] }).results.map((r) => r.entity.caption), ['Ferrante Logistica SRL']);

    // The upload is removed once the import has settled.
    await h.app.imports.idle();
    assert.deepEqual(await readdir(join(h.dataDir, 'uploads')), []);
  });

  test('the rejects come back with line, code and reason, a page at a time', async () => {
    const { jobs } = (await h.call(alice, { method: 'GET', url: '/api/v1/jobs?kind=import' })).json() as { jobs: { id: string; params: { dataset?: string } }[] };
    const id = jobs.find((j) => j.params.dataset === 'uploads-a')?.id;
    assert.ok(id);
    const all = await h.call(alice, { method: 'GET', url: `/api/v1/imports/${id}/rejects` });
    assert.equal(all.statusCode, 200);
    const body = all.json() as { rejects: { line: number; kind: string; code: string; reason: string; prop?: string }[]; next: number | null };
    assert.deepEqual(body.rejects.map((r) => [r.line, r.kind, r.code]), [
      [1, 'value', 'CORVID_ERR_MODEL_INVALID_VALUE'],
      [3, 'record', 'CORVID_ERR_INGEST_FORMAT'],
    ]);
    assert.equal(body.rejects[0]?.prop, 'birthDate');
    assert.ok(body.rejects.every((r) => r.reason.length > 0));
    assert.equal(body.next, null);
    const first = (await h.call(alice, { method: 'GET', url: `/api/v1/imports/${id}/rejects?limit=1` })).json() as { rejects: { line: number }[]; next: number | null };
    assert.deepEqual(first.rejects.map((r) => r.line), [1]);
    assert.equal(first.next, 1);
    const second = (await h.call(alice, { method: 'GET', url: `/api/v1/imports/${id}/rejects?limit=1&offset=1` })).json() as { rejects: { line: number }[]; next: number | null };
    assert.deepEqual(second.rejects.map((r) => r.line), [3]);
    assert.equal(second.next, null);

    // Another analyst neither sees the job nor its rejects; an admin sees both.
    assert.equal(errorCode(await h.call(bob, { method: 'GET', url: `/api/v1/jobs/${id}` })), 'CORVID_ERR_NOT_FOUND');
    assert.equal(errorCode(await h.call(bob, { method: 'GET', url: `/api/v1/imports/${id}/rejects` })), 'CORVID_ERR_NOT_FOUND');
    const bobsJobs = (await h.call(bob, { method: 'GET', url: '/api/v1/jobs' })).json() as { jobs: unknown[] };
    assert.deepEqual(bobsJobs.jobs, []);
    assert.equal((await h.call(adminToken, { method: 'GET', url: `/api/v1/jobs/${id}` })).statusCode, 200);
  });

  test('a CSV with its mapping sent as a text field imports its rows', async () => {
    const res = await upload(bob, form({ dataset: 'uploads-csv', mapping: MAPPING }, { name: 'people.csv', text: CSV }));
    assert.equal(res.statusCode, 202);
    const done = await waitForJob(bob, (res.json() as { job: { id: string } }).job.id);
    assert.equal(done.state, 'done');
    assert.equal(done.result?.imported, 2);
    const search = await h.call(bob, { method: 'GET', url: '/api/v1/search?q=Rita%20Atria' });
    assert.equal((search.json() as { results: { entity: { caption: string } }[] }).results[0]?.entity.caption, 'Rita Atria');
  });

  test('a CSV with its mapping sent as a file part imports too; without a mapping it is refused', async () => {
    const csv = 'id,name\n7,Peppino Impastato\n';
    const ok = await upload(bob, form({ dataset: 'uploads-csv2' }, { name: 'more.csv', text: csv }, MAPPING));
    assert.equal(ok.statusCode, 202);
    assert.equal((await waitForJob(bob, (ok.json() as { job: { id: string } }).job.id)).result?.imported, 1);
    const none = await upload(bob, form({ dataset: 'uploads-csv3' }, { name: 'rows.csv', text: csv }));
    assert.equal(none.statusCode, 400);
    assert.equal(errorCode(none), 'CORVID_ERR_INGEST_MAPPING');
  });

  test('refuses bad uploads with coded errors and leaves nothing behind', async () => {
    const file = { name: 'x.ftm.jsonl', text: FTM_LINES };
    const cases: [FormData, number, string][] = [
      [form({ dataset: 'uploads-b' }), 400, 'CORVID_ERR_VALIDATION'], // no file
      [form({}, file), 400, 'CORVID_ERR_VALIDATION'], // no dataset
      [form({ dataset: 'Not A Name' }, file), 400, 'CORVID_ERR_MODEL_INVALID_DATASET'],
      [form({ dataset: 'uploads-b', grading: 'Z9' }, file), 400, 'CORVID_ERR_MODEL_INVALID_GRADING'],
      [form({ dataset: 'uploads-b', colour: 'red' }, file), 400, 'CORVID_ERR_VALIDATION'],
      [form({ dataset: 'uploads-b', compartment: 'op-y' }, file), 403, 'CORVID_ERR_AUTH_FORBIDDEN'], // alice is in op-x only
      [form({ dataset: 'uploads-b', tlp: 'RED' }, file), 403, 'CORVID_ERR_AUTH_FORBIDDEN'], // above alice's AMBER
      [form({ dataset: 'uploads-b' }, { name: 'big.ftm.jsonl', text: 'x'.repeat(70 * 1024) }), 413, 'CORVID_ERR_PAYLOAD_TOO_LARGE'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await upload(alice, payload);
      assert.equal(res.statusCode, status, code);
      assert.equal(errorCode(res), code);
    }
    const json = await h.call(alice, { method: 'POST', url: '/api/v1/imports', payload: { dataset: 'uploads-b' } });
    assert.equal(json.statusCode, 415);
    assert.equal(errorCode(json), 'CORVID_ERR_UNSUPPORTED_MEDIA_TYPE');
    await h.app.imports.idle();
    assert.deepEqual(await readdir(join(h.dataDir, 'uploads')), []);
  });

  test('uploading needs a token', async () => {
    const res = await h.call(null, { method: 'POST', url: '/api/v1/imports', payload: form({ dataset: 'uploads-c' }, { name: 'a.ftm.jsonl', text: FTM_LINES }) });
    assert.equal(res.statusCode, 401);
    assert.equal(errorCode(res), 'CORVID_ERR_AUTH_REQUIRED');
  });
});
