/** The SQLite write path's layout at work: entity runs, in-batch duplicates, dataset ranges, deletes and old files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeContext, systemContext } from '../../model/context.ts';
import { loadModel } from '../../model/schema.ts';
import type { Store } from '../port.ts';
import { makeStatement as st } from '../conformance.ts';
import { SqliteStore } from './store.ts';

const admin = systemContext();

async function withStore(fn: (store: Store, path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'corvid-sqlite-write-'));
  const path = join(dir, 'corvid.db');
  const store = new SqliteStore({ path, model: loadModel() });
  try {
    await store.migrate();
    await fn(store, path);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('sqlite write: an entity split over runs and batches, and a statement twice in one batch, stay one entity', () =>
  withStore(async (store) => {
    const a1 = st('police-a.a', 'Person', 'name', 'Alpha One');
    const b1 = st('police-a.b', 'Person', 'name', 'Bravo One');
    const a2 = st('police-a.a', 'Person', 'alias', 'Alpha Two');
    const a1Wider = { ...a1, firstSeen: '2020-01-01T00:00:00.000Z', lastSeen: '2030-01-01T00:00:00.000Z' };
    // Runs a, b, a, then the first statement again with wider first/last seen: 3 new, 1 existing.
    assert.deepEqual(await store.writeBatch(admin, { dataset: 'police-a', statements: [a1, b1, a2, a1Wider] }), { inserted: 3, unchanged: 1 });
    const a3 = st('police-a.a', 'Person', 'alias', 'Alpha Three');
    assert.deepEqual(await store.writeBatch(admin, { dataset: 'police-a', statements: [a3, a2] }), { inserted: 1, unchanged: 1 });
    assert.equal(await store.countEntities(admin), 2);
    assert.equal(await store.countStatements(admin), 4);
    const a = await store.getEntity(admin, 'police-a.a');
    assert.deepEqual(a?.properties, { name: ['Alpha One'], alias: ['Alpha Two', 'Alpha Three'] }); // insertion order on equal first seen
    assert.deepEqual(a?.statements.map((s) => s.id).sort(), [a1.id, a2.id, a3.id].sort());
    const [name] = await store.listStatements(admin, { entityIds: ['police-a.a'], props: ['name'] });
    assert.equal(name?.firstSeen, '2020-01-01T00:00:00.000Z');
    assert.equal(name?.lastSeen, '2030-01-01T00:00:00.000Z');
  }));

test('sqlite write: dataset filters do not spill into datasets whose names share a prefix', () =>
  withStore(async (store) => {
    const names = ['police-a', 'police-a-x', 'police-ab', 'police-a_1'];
    for (const [i, d] of names.entries()) {
      const stmts = Array.from({ length: i + 1 }, (_, k) => st(`${d}.p${k}`, 'Person', 'name', `Smith ${d} ${k}`));
      await store.writeBatch(admin, { dataset: d, statements: stmts });
    }
    // 1 + 2 + 3 + 4 statements, one entity each.
    assert.equal(await store.countStatements(admin, { datasets: ['police-a'] }), 1);
    assert.equal(await store.countStatements(admin, { datasets: ['police-ab', 'police-a_1'] }), 7);
    assert.equal(await store.countEntities(admin, { datasets: ['police-a-x'] }), 2);
    assert.deepEqual((await store.listStatements(admin, { datasets: ['police-a'] })).map((s) => s.entityId), ['police-a.p0']);
    const iterated: string[] = [];
    for await (const batch of store.iterateStatements(admin, { datasets: ['police-ab'] }, 2)) iterated.push(...batch.map((s) => s.entityId));
    assert.deepEqual(iterated, ['police-ab.p0', 'police-ab.p1', 'police-ab.p2']);
    const hits = await store.search(admin, { text: 'smith police', datasets: ['police-a'], limit: 50 });
    assert.deepEqual(hits.map((h) => h.entity.id), ['police-a.p0']);
    assert.equal(await store.countStatements(admin, { datasets: ['police-a.p0'] }), 0); // not a dataset name
    assert.equal(await store.deleteDataset(admin, 'police-a'), 1);
    assert.equal(await store.countStatements(admin), 9);
    assert.equal(await store.countEntities(admin, { datasets: ['police-a-x', 'police-ab', 'police-a_1'] }), 9);
  }));

test('sqlite write: a deleted dataset can be imported again, with new provenance', () =>
  withStore(async (store) => {
    const first = [st('police-a.p1', 'Person', 'name', 'Anna Bianchi'), st('police-a.p1', 'Person', 'phone', '+393331234567', { compartment: 'op-x' })];
    await store.writeBatch(admin, { dataset: 'police-a', statements: first });
    assert.equal(await store.deleteDataset(admin, 'police-a'), 2);
    assert.deepEqual(await store.search(admin, { text: 'Anna Bianchi' }), []);
    const again = [st('police-a.p1', 'Person', 'name', 'Anna Bianchi', { source: 'second.csv', tlp: 'RED' })];
    assert.deepEqual(await store.writeBatch(admin, { dataset: 'police-a', statements: again }), { inserted: 1, unchanged: 0 });
    const [s] = await store.listStatements(admin, { entityIds: ['police-a.p1'] });
    assert.equal(s?.source, 'second.csv');
    assert.equal(s?.tlp, 'RED');
    assert.equal(s?.compartment, '');
    const amber = makeContext({ actor: 'alice', compartments: ['op-x'], tlpCeiling: 'AMBER' });
    assert.equal(await store.getEntity(amber, 'police-a.p1'), null); // only the RED name is left
    assert.equal((await store.search(admin, { text: 'Anna Bianchi' }))[0]?.entity.id, 'police-a.p1');
  }));

test('sqlite write: a file with the pre-release statement layout is refused, not misread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corvid-sqlite-old-'));
  const path = join(dir, 'corvid.db');
  try {
    const raw = new Database(path);
    raw.exec('CREATE TABLE statement (id TEXT, entity_id TEXT, dataset TEXT)');
    raw.pragma('user_version = 1');
    raw.close();
    const store = new SqliteStore({ path, model: loadModel() });
    await assert.rejects(store.migrate(), { code: 'CORVID_ERR_STORE_UNAVAILABLE' });
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
