/** PostgresStore: the conformance suite against a fresh PostgreSQL schema per store, plus what only a server shows (concurrent workers). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { systemContext } from '../../model/context.ts';
import { loadModel } from '../../model/schema.ts';
import { makeStatement, storeSpecs, type AuditTamper, type StoreHarness } from '../conformance.ts';
import { iterateEntities } from './statements.ts';
import { PostgresStore } from './store.ts';

/** The test database: CORVID_TEST_PG, else the local server as root (trust auth). */
const CONNECTION = process.env.CORVID_TEST_PG ?? 'postgresql://root@localhost/test';

/** Runs SQL on a connection of its own whose search_path is the store's schema. */
async function raw<T>(schema: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: CONNECTION, options: `-c search_path=${schema},public` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs `sql` with the audit table's append-only triggers switched off, in one transaction. */
const unguarded = (schema: string, sql: string, values: unknown[]): Promise<void> =>
  raw(schema, async (c) => {
    await c.query('BEGIN');
    await c.query('ALTER TABLE audit DISABLE TRIGGER USER');
    await c.query(sql, values);
    await c.query('ALTER TABLE audit ENABLE TRIGGER USER');
    await c.query('COMMIT');
  });

function tamperFor(schema: string): AuditTamper {
  return {
    editAuditDetail: (seq, detail) => unguarded(schema, 'UPDATE audit SET detail = $2 WHERE seq = $1', [seq, detail]),
    deleteAudit: (seq) => unguarded(schema, 'DELETE FROM audit WHERE seq = $1', [seq]),
    attemptUpdate: (seq) => raw(schema, async (c) => void (await c.query(`UPDATE audit SET actor = 'mallory' WHERE seq = $1`, [seq]))),
    attemptDelete: (seq) => raw(schema, async (c) => void (await c.query('DELETE FROM audit WHERE seq = $1', [seq]))),
  };
}

const freshSchema = (): string => `corvid_test_${randomBytes(6).toString('hex')}`;

async function makeStore(schema = freshSchema()): Promise<StoreHarness & { store: PostgresStore }> {
  const store = new PostgresStore({ connectionString: CONNECTION, model: loadModel(), schema });
  await store.migrate();
  return {
    store,
    tamper: tamperFor(schema),
    cleanup: async () => {
      await store.close();
      await raw('public', (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  };
}

storeSpecs('postgres', makeStore);

const admin = systemContext();

describe('PostgresStore only', () => {
  test('two worker pools claiming at once never take the same job, and take every one', async () => {
    const h = await makeStore();
    const other = new PostgresStore({ connectionString: CONNECTION, model: loadModel(), schema: h.store.schema });
    try {
      const created = new Set<string>();
      for (let i = 0; i < 40; i++) created.add((await h.store.createJob(admin, { kind: 'import', params: { n: i } })).id);
      const worker = async (store: PostgresStore, name: string): Promise<string[]> => {
        const got: string[] = [];
        for (;;) {
          // Four claims in flight per pool, so the two pools really contend for the same rows.
          const claims = await Promise.all([1, 2, 3, 4].map(() => store.claimJob(admin, ['import'], name)));
          const ids = claims.flatMap((j) => (j ? [j.id] : []));
          got.push(...ids);
          if (ids.length === 0) return got;
        }
      };
      const [a, b] = await Promise.all([worker(h.store, 'w-a'), worker(other, 'w-b')]);
      const all = [...a, ...b];
      assert.equal(all.length, 40);
      assert.deepEqual(new Set(all), created);
      const running = await h.store.listJobs(admin, { states: ['running'], limit: 100 });
      assert.equal(running.length, 40);
      const byWorker = new Map(running.map((j) => [j.id, j.worker]));
      assert.ok(a.every((id) => byWorker.get(id) === 'w-a'));
      assert.ok(b.every((id) => byWorker.get(id) === 'w-b'));
    } finally {
      await other.close();
      await h.cleanup();
    }
  });

  test('concurrent appends from two pools keep one unbroken chain', async () => {
    const h = await makeStore();
    const other = new PostgresStore({ connectionString: CONNECTION, model: loadModel(), schema: h.store.schema });
    try {
      await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? h.store : other).appendAudit(admin, { action: 'test.append', detail: { i } })));
      assert.deepEqual(await h.store.verifyAudit(admin), { ok: true, checked: 30 });
      const seqs = (await h.store.listAudit(admin)).map((r) => r.seq);
      assert.deepEqual(
        seqs,
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
    } finally {
      await other.close();
      await h.cleanup();
    }
  });

  test('verification while others append never mistakes new records for truncation', async () => {
    const h = await makeStore();
    const other = new PostgresStore({ connectionString: CONNECTION, model: loadModel(), schema: h.store.schema });
    try {
      await h.store.appendAudit(admin, { action: 'test.append' });
      const appends = Array.from({ length: 20 }, (_, i) => other.appendAudit(admin, { action: 'test.append', detail: { i } }));
      const checks = Array.from({ length: 5 }, () => h.store.verifyAudit(admin));
      const results = await Promise.all([...checks, ...appends.map((a) => a.then(() => null))]);
      for (const v of results.slice(0, 5)) assert.equal((v as { ok: boolean } | null)?.ok, true);
      assert.deepEqual(await h.store.verifyAudit(admin), { ok: true, checked: 21 });
    } finally {
      await other.close();
      await h.cleanup();
    }
  });

  test('entities spanning keyset pages come out whole, in id order, values in first-seen order', async () => {
    const h = await makeStore();
    const pool = new pg.Pool({ connectionString: CONNECTION, options: `-c search_path=${h.store.schema},public` });
    try {
      const day = (d: number) => `2024-01-${String(d).padStart(2, '0')}T00:00:00.000Z`;
      const stmts = [];
      // Seven names for one entity, written latest first, so only first-seen order puts them right.
      for (let d = 7; d >= 1; d--) stmts.push(makeStatement('police-a.big', 'Person', 'name', `Name ${d}`, { firstSeen: day(d), lastSeen: day(d) }));
      for (let i = 0; i < 5; i++) {
        for (const prop of ['name', 'nationality', 'birthDate']) {
          stmts.push(makeStatement(`police-a.small-${i}`, 'Person', prop, prop === 'name' ? `Small ${i}` : prop === 'nationality' ? 'it' : '1990-01-01'));
        }
      }
      await h.store.writeBatch(admin, { dataset: 'police-a', statements: stmts });
      const got = [];
      for await (const e of iterateEntities(pool, loadModel(), admin, {}, 4)) got.push(e);
      assert.deepEqual(
        got.map((e) => e.id),
        ['police-a.big', 'police-a.small-0', 'police-a.small-1', 'police-a.small-2', 'police-a.small-3', 'police-a.small-4'],
      );
      assert.deepEqual(got[0]?.properties.name, ['Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5', 'Name 6', 'Name 7']);
      assert.ok(got.slice(1).every((e) => Object.keys(e.properties).length === 3));
    } finally {
      await pool.end();
      await h.cleanup();
    }
  });

  test('the audit table refuses TRUNCATE', async () => {
    const h = await makeStore();
    try {
      await h.store.appendAudit(admin, { action: 'test.append' });
      await assert.rejects(
        raw(h.store.schema, (c) => c.query('TRUNCATE audit')),
        { code: 'CV001' },
      );
      assert.deepEqual(await h.store.verifyAudit(admin), { ok: true, checked: 1 });
    } finally {
      await h.cleanup();
    }
  });

  test('values with tabs, newlines, backslashes and non-Latin text survive the COPY path', async () => {
    const h = await makeStore();
    try {
      const values = ['line one\nline two', 'tab\there', 'back\\slash \\N', 'carriage\rreturn', 'Ивано́в Пётр', '王小明 🦊'];
      const stmts = values.map((v, i) => makeStatement(`police-a.w${i}`, 'Person', 'name', v, { original: `${v}\t(raw)`, handlingNote: '\\' }));
      assert.deepEqual(await h.store.writeBatch(admin, { dataset: 'police-a', statements: stmts }), { inserted: 6, unchanged: 0 });
      const back = await h.store.listStatements(admin, { datasets: ['police-a'] });
      const key = (s: { id: string }) => s.id;
      assert.deepEqual(back.map(key).sort(), stmts.map(key).sort());
      for (const s of stmts)
        assert.deepEqual(
          back.find((b) => b.id === s.id),
          s,
        );
      assert.equal((await h.store.search(admin, { text: 'Иванов Петр' }))[0]?.entity.id, 'police-a.w4');
    } finally {
      await h.cleanup();
    }
  });

  test('repeats of a statement within one batch count once as inserted and widen its dates', async () => {
    const h = await makeStore();
    try {
      const s = makeStatement('police-a.r1', 'Person', 'name', 'Repeat Person');
      const early = { ...s, firstSeen: '2020-01-01T00:00:00.000Z' };
      const late = { ...s, lastSeen: '2025-01-01T00:00:00.000Z' };
      assert.deepEqual(await h.store.writeBatch(admin, { dataset: 'police-a', statements: [s, early, late] }), { inserted: 1, unchanged: 2 });
      const [got] = await h.store.listStatements(admin, { entityIds: ['police-a.r1'] });
      assert.equal(got?.firstSeen, '2020-01-01T00:00:00.000Z');
      assert.equal(got?.lastSeen, '2025-01-01T00:00:00.000Z');
    } finally {
      await h.cleanup();
    }
  });
});
