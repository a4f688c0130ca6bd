/** Conformance specs for the operational paths: audit log, jobs, users and tokens, datasets, cancellation. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withSignal } from '../../model/context.ts';
import { createHash } from 'node:crypto';
import type { Context } from '../../model/context.ts';
import type { Store } from '../port.ts';
import { A, OP, P1, X1, admin, analyst, code, st } from './fixture.ts';
import type { SpecRunners } from './runners.ts';

export function opsSpecs({ withStore, seeded }: SpecRunners): void {
  describe('audit log', () => {
    const three = async (store: Store) => {
      const r1 = await store.appendAudit(admin, { action: 'import.start', target: A, detail: { file: 'a.csv' } });
      const r2 = await store.appendAudit(analyst, { action: 'import.finish', target: A, detail: { rows: 10, ok: true } });
      const r3 = await store.appendAudit(analyst, { action: 'login' });
      return [r1, r2, r3] as const;
    };

    test(
      'appends a hash chain and verifies it',
      withStore(async ({ store }) => {
        const [r1, r2, r3] = await three(store);
        assert.equal(r1.seq, 1);
        assert.equal(r1.prevHash, '');
        assert.equal(r1.actor, 'system');
        assert.match(r1.hash, /^[0-9a-f]{64}$/);
        assert.equal(r2.seq, 2);
        assert.equal(r2.prevHash, r1.hash);
        assert.deepEqual(r2.detail, { rows: 10, ok: true });
        assert.equal(r3.prevHash, r2.hash);
        assert.equal(r3.target, '');
        assert.deepEqual(r3.detail, {});
        assert.deepEqual(await store.verifyAudit(admin), { ok: true, checked: 3 });
        assert.deepEqual(await store.listAudit(admin), [r1, r2, r3]);
        assert.deepEqual(
          (await store.listAudit(admin, { actor: 'alice' })).map((r) => r.seq),
          [2, 3],
        );
        assert.deepEqual(
          (await store.listAudit(admin, { target: A, afterSeq: 1 })).map((r) => r.seq),
          [2],
        );
        assert.deepEqual(
          (await store.listAudit(admin, { limit: 2 })).map((r) => r.seq),
          [1, 2],
        );
      }),
    );

    test(
      'refuses raw updates and deletes',
      withStore(async ({ store, tamper }) => {
        await three(store);
        await assert.rejects(tamper.attemptUpdate(2));
        await assert.rejects(tamper.attemptDelete(2));
        assert.deepEqual(await store.verifyAudit(admin), { ok: true, checked: 3 });
      }),
    );

    test(
      'detects an edited record',
      withStore(async ({ store, tamper }) => {
        await three(store);
        await tamper.editAuditDetail(2, '{"rows":1,"ok":true}');
        const v = await store.verifyAudit(admin);
        assert.equal(v.ok, false);
        assert.equal(v.broken?.seq, 2);
      }),
    );

    test(
      'detects a deleted record',
      withStore(async ({ store, tamper }) => {
        await three(store);
        await tamper.deleteAudit(2);
        const v = await store.verifyAudit(admin);
        assert.equal(v.ok, false);
        assert.equal(v.broken?.seq, 3);
      }),
    );

    test(
      'detects truncation of the last record',
      withStore(async ({ store, tamper }) => {
        await three(store);
        await tamper.deleteAudit(3);
        const v = await store.verifyAudit(admin);
        assert.equal(v.ok, false);
        assert.equal(v.broken?.seq, 3);
      }),
    );
  });

  describe('jobs', () => {
    test(
      'creates jobs with defaults and refuses duplicate ids',
      withStore(async ({ store }) => {
        const j = await store.createJob(analyst, { kind: 'import', params: { file: 'a.csv' } });
        assert.equal(j.state, 'queued');
        assert.deepEqual(j.params, { file: 'a.csv' });
        assert.deepEqual(j.progress, { done: 0 });
        assert.equal(j.checkpoint, null);
        assert.equal(j.result, null);
        assert.equal(j.error, null);
        assert.equal(j.cancelRequested, false);
        assert.equal(j.createdBy, 'alice');
        assert.equal(j.worker, null);
        assert.deepEqual(await store.getJob(analyst, j.id), j);
        assert.equal(await store.getJob(analyst, 'no-such-job'), null);
        await store.createJob(analyst, { kind: 'import', params: {}, id: 'import-abc' });
        await assert.rejects(store.createJob(analyst, { kind: 'import', params: {}, id: 'import-abc' }), code('CORVID_ERR_STORE_CONFLICT'));
      }),
    );

    test(
      'claims the oldest queued job of the given kinds',
      withStore(async ({ store }) => {
        const j1 = await store.createJob(admin, { kind: 'import', params: { n: 1 } });
        const j2 = await store.createJob(admin, { kind: 'import', params: { n: 2 } });
        const j3 = await store.createJob(admin, { kind: 'resolve', params: { n: 3 } });
        const c1 = await store.claimJob(admin, ['import'], 'w1');
        assert.equal(c1?.id, j1.id);
        assert.equal(c1?.state, 'running');
        assert.equal(c1?.worker, 'w1');
        assert.equal((await store.claimJob(admin, ['import'], 'w2'))?.id, j2.id);
        assert.equal(await store.claimJob(admin, ['import'], 'w1'), null);
        assert.equal((await store.claimJob(admin, ['resolve', 'import'], 'w1'))?.id, j3.id);
        assert.equal(await store.claimJob(admin, ['resolve', 'import'], 'w1'), null);
        const running = await store.listJobs(admin, { states: ['running'] });
        assert.deepEqual(running.map((j) => j.id).sort(), [j1.id, j2.id, j3.id].sort());
        assert.deepEqual(
          (await store.listJobs(admin, { kind: 'resolve' })).map((j) => j.id),
          [j3.id],
        );
      }),
    );

    test(
      'starts, resumes, updates and finishes a job',
      withStore(async ({ store }) => {
        const j = await store.createJob(admin, { kind: 'import', params: {} });
        assert.equal((await store.startJob(admin, j.id, 'w1')).worker, 'w1');
        const resumed = await store.startJob(admin, j.id, 'w2'); // w1 died: w2 resumes the running job
        assert.equal(resumed.state, 'running');
        assert.equal(resumed.worker, 'w2');
        await store.updateJob(admin, j.id, { progress: { done: 50, total: 100, message: 'half' }, checkpoint: { line: 50 } });
        const mid = await store.getJob(admin, j.id);
        assert.deepEqual(mid?.progress, { done: 50, total: 100, message: 'half' });
        assert.deepEqual(mid?.checkpoint, { line: 50 });
        const done = await store.finishJob(admin, j.id, { state: 'done', result: { inserted: 100 } });
        assert.equal(done.state, 'done');
        assert.deepEqual(done.result, { inserted: 100 });
        await assert.rejects(store.startJob(admin, j.id, 'w3'), code('CORVID_ERR_JOB_STATE'));
        await assert.rejects(store.finishJob(admin, j.id, { state: 'failed', error: 'late' }), code('CORVID_ERR_JOB_STATE'));
        await assert.rejects(store.startJob(admin, 'no-such-job', 'w1'), code('CORVID_ERR_NOT_FOUND'));
        await assert.rejects(store.updateJob(admin, 'no-such-job', { checkpoint: 1 }), code('CORVID_ERR_NOT_FOUND'));
        const f = await store.createJob(admin, { kind: 'import', params: {} });
        await store.startJob(admin, f.id, 'w1');
        const failed = await store.finishJob(admin, f.id, { state: 'failed', error: 'disk full' });
        assert.equal(failed.error, 'disk full');
      }),
    );

    test(
      'cancels queued jobs at once and flags running ones',
      withStore(async ({ store }) => {
        const q = await store.createJob(admin, { kind: 'import', params: {} });
        const cq = await store.requestCancel(admin, q.id);
        assert.equal(cq.state, 'cancelled');
        assert.equal(cq.cancelRequested, true);
        assert.equal(await store.claimJob(admin, ['import'], 'w1'), null);
        const r = await store.createJob(admin, { kind: 'import', params: {} });
        await store.claimJob(admin, ['import'], 'w1');
        const cr = await store.requestCancel(admin, r.id);
        assert.equal(cr.state, 'running');
        assert.equal(cr.cancelRequested, true);
        assert.equal((await store.finishJob(admin, r.id, { state: 'cancelled' })).state, 'cancelled');
      }),
    );

    test(
      'writes the checkpoint atomically with the batch',
      withStore(async ({ store }) => {
        const j = await store.createJob(admin, { kind: 'import', params: {} });
        await store.startJob(admin, j.id, 'w1');
        const good = [st('police-a.k1', 'Person', 'name', 'Kim One')];
        await store.writeBatch(admin, {
          dataset: A,
          statements: good,
          checkpoint: { jobId: j.id, checkpoint: { line: 100 }, progress: { done: 100, total: 1000 } },
        });
        let got = await store.getJob(admin, j.id);
        assert.deepEqual(got?.checkpoint, { line: 100 });
        assert.deepEqual(got?.progress, { done: 100, total: 1000 });
        const next = [st('police-a.k2', 'Person', 'name', 'Kim Two'), st('police-b.k3', 'Person', 'name', 'Forged', { dataset: A })];
        await assert.rejects(
          store.writeBatch(admin, { dataset: A, statements: next, checkpoint: { jobId: j.id, checkpoint: { line: 200 }, progress: { done: 200 } } }),
          code('CORVID_ERR_STORE_FORGED_REFERENCE'),
        );
        got = await store.getJob(admin, j.id);
        assert.deepEqual(got?.checkpoint, { line: 100 });
        assert.deepEqual(got?.progress, { done: 100, total: 1000 });
        await assert.rejects(
          store.writeBatch(admin, { dataset: A, statements: next.slice(0, 1), checkpoint: { jobId: 'no-such-job', checkpoint: 1, progress: { done: 1 } } }),
          code('CORVID_ERR_NOT_FOUND'),
        );
        assert.equal(await store.countStatements(admin), 1);
      }),
    );
  });

  describe('users and tokens', () => {
    test(
      'creates, reads and lists users',
      withStore(async ({ store }) => {
        const u = await store.createUser(admin, {
          name: 'alice',
          roles: ['analyst'],
          compartments: [OP],
          tlpCeiling: 'AMBER',
          passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
        });
        assert.equal(u.disabled, false);
        assert.ok(!Number.isNaN(Date.parse(u.createdAt)));
        assert.deepEqual(await store.getUser(admin, 'alice'), u);
        await store.createUser(admin, { name: 'root', roles: ['admin'], compartments: '*', tlpCeiling: 'RED', passwordHash: 'scrypt$x' });
        assert.equal((await store.getUser(admin, 'root'))?.compartments, '*');
        assert.equal(await store.getUser(admin, 'nobody'), null);
        await assert.rejects(
          store.createUser(admin, { name: 'alice', roles: [], compartments: [], tlpCeiling: 'CLEAR', passwordHash: '' }),
          code('CORVID_ERR_STORE_CONFLICT'),
        );
        const list = await store.listUsers(admin);
        assert.deepEqual(
          list.map((x) => x.name),
          ['alice', 'root'],
        );
        assert.ok(list.every((x) => x.passwordHash === ''));
        assert.deepEqual(
          (await store.listAudit(admin, { action: 'user.create' })).map((r) => r.target),
          ['alice', 'root'],
        );
      }),
    );

    test(
      'finds live tokens only',
      withStore(async ({ store }) => {
        await store.createUser(admin, { name: 'alice', roles: ['analyst'], compartments: [], tlpCeiling: 'AMBER', passwordHash: 'h' });
        const hash = (t: string) => createHash('sha256').update(t).digest('hex');
        const t = await store.createToken(admin, { tokenHash: hash('tok-1'), user: 'alice', label: 'laptop', expiresAt: null });
        assert.equal(t.revoked, false);
        assert.deepEqual(await store.findToken(hash('tok-1')), t);
        await store.createToken(admin, { tokenHash: hash('tok-old'), user: 'alice', label: 'old', expiresAt: '2001-01-01T00:00:00.000Z' });
        assert.equal(await store.findToken(hash('tok-old')), null);
        await store.createToken(admin, { tokenHash: hash('tok-2'), user: 'alice', label: 'ci', expiresAt: '2999-01-01T00:00:00.000Z' });
        assert.equal((await store.findToken(hash('tok-2')))?.label, 'ci');
        await store.revokeToken(admin, hash('tok-1'));
        assert.equal(await store.findToken(hash('tok-1')), null);
        assert.equal(await store.findToken(hash('never-issued')), null);
        await assert.rejects(store.revokeToken(admin, hash('never-issued')), code('CORVID_ERR_NOT_FOUND'));
        assert.deepEqual(
          (await store.listAudit(admin, { action: 'token.create' })).map((r) => r.target),
          ['alice', 'alice', 'alice'],
        );
        assert.deepEqual(
          (await store.listAudit(admin, { action: 'token.revoke' })).map((r) => r.target),
          ['alice'],
        );
      }),
    );
  });

  describe('datasets', () => {
    test(
      'applies defaults and updates partially',
      withStore(async ({ store }) => {
        const d = await store.upsertDataset(analyst, { name: A });
        assert.equal(d.name, A);
        assert.equal(d.title, A);
        assert.equal(d.defaultGrading, 'X4');
        assert.equal(d.defaultCompartment, '');
        assert.equal(d.defaultTlp, 'AMBER');
        assert.equal(d.defaultHandling, 'H0');
        assert.equal(d.defaultHandlingNote, '');
        assert.equal(d.createdBy, 'alice');
        const u = await store.upsertDataset(admin, { name: A, title: 'Police A', defaultTlp: 'RED', defaultGrading: 'B2' });
        assert.equal(u.title, 'Police A');
        assert.equal(u.defaultTlp, 'RED');
        const v = await store.upsertDataset(admin, { name: A, defaultHandling: 'H3', defaultHandlingNote: 'ask' });
        assert.deepEqual(v, { ...u, defaultHandling: 'H3', defaultHandlingNote: 'ask' });
        assert.equal(v.createdBy, 'alice');
        assert.deepEqual(await store.getDataset(admin, A), v);
        assert.equal(await store.getDataset(admin, 'nope'), null);
        await store.upsertDataset(admin, { name: 'aaa' });
        assert.deepEqual(
          (await store.listDatasets(admin)).map((x) => x.name),
          ['aaa', A],
        );
        await assert.rejects(store.upsertDataset(admin, { name: 'Bad Name' }), code('CORVID_ERR_MODEL_INVALID_DATASET'));
        assert.equal((await store.listAudit(admin, { action: 'dataset.upsert' })).length, 4);
      }),
    );

    test(
      'deleteDataset is for admins and removes every statement',
      seeded(async (store) => {
        await assert.rejects(store.deleteDataset(analyst, A), code('CORVID_ERR_AUTH_FORBIDDEN'));
        assert.equal(await store.countStatements(admin), 21);
        assert.equal(await store.deleteDataset(admin, A), 19);
        assert.equal(await store.countStatements(admin), 2);
        assert.equal(await store.countEntities(admin), 1);
        assert.equal(await store.getEntity(admin, P1), null);
        assert.equal(await store.getDataset(admin, A), null);
        assert.deepEqual(await store.getLinks(admin, P1), []);
        assert.deepEqual(
          (await store.search(admin, { text: 'John Smith' })).map((h) => h.entity.id),
          [X1],
        );
        assert.deepEqual(
          (await store.listAudit(admin, { action: 'dataset.delete' })).map((r) => r.target),
          [A],
        );
      }),
    );
  });

  describe('cancellation', () => {
    test(
      'an aborted signal stops iterators',
      seeded(async (store) => {
        const ac = new AbortController();
        const ctx: Context = withSignal(admin, ac.signal);
        const it = store.iterateStatements(ctx, {}, 2)[Symbol.asyncIterator]();
        const first = await it.next();
        assert.equal(first.done, false);
        ac.abort();
        await assert.rejects(it.next(), code('CORVID_ERR_ABORTED'));
        const gone = new AbortController();
        gone.abort();
        const it2 = store.iterateEntities(withSignal(admin, gone.signal), {})[Symbol.asyncIterator]();
        await assert.rejects(it2.next(), code('CORVID_ERR_ABORTED'));
      }),
    );
  });
}
