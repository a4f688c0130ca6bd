/** The SQLite writer thread: the whole conformance suite with every batch written by it, plus ordering, closing and failure. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { systemContext } from '../../model/context.ts';
import { loadModel } from '../../model/schema.ts';
import { makeStatement as st, storeSpecs } from '../conformance.ts';
import { SqliteStore } from './store.ts';
import { prepareBatch } from './write.ts';
import { WriterThread, WriterUnavailable } from './writer.ts';

const admin = systemContext();

function tempStore(): { store: SqliteStore; dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'corvid-writer-'));
  const path = join(dir, 'corvid.db');
  return { store: new SqliteStore({ path, model: loadModel(), writerThreshold: 1 }), dir, path };
}

/** Raw SQL on another connection, for the audit tamper tests. */
function raw(path: string, fn: (db: Database.Database) => void): Promise<void> {
  const db = new Database(path);
  try {
    fn(db);
    return Promise.resolve();
  } catch (err) {
    return Promise.reject(err);
  } finally {
    db.close();
  }
}

storeSpecs('sqlite, every batch on the writer thread', async () => {
  const { store, dir, path } = tempStore();
  await store.migrate();
  return {
    store,
    tamper: {
      editAuditDetail: (seq, detail) => raw(path, (db) => {
        db.exec('DROP TRIGGER audit_no_update');
        db.prepare('UPDATE audit SET detail = ? WHERE seq = ?').run(detail, seq);
      }),
      deleteAudit: (seq) => raw(path, (db) => {
        db.exec('DROP TRIGGER audit_no_delete');
        db.prepare('DELETE FROM audit WHERE seq = ?').run(seq);
      }),
      attemptUpdate: (seq) => raw(path, (db) => void db.prepare(`UPDATE audit SET detail = '{}' WHERE seq = ?`).run(seq)),
      attemptDelete: (seq) => raw(path, (db) => void db.prepare('DELETE FROM audit WHERE seq = ?').run(seq)),
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

test('writer thread: batches not awaited commit in the order given, and close waits for them', async () => {
  const { store, dir } = tempStore();
  try {
    await store.migrate();
    const name = (firstSeen: string) => st('police-a.p', 'Person', 'name', 'Pat Doe', { firstSeen, lastSeen: firstSeen });
    const writes = [
      store.writeBatch(admin, { dataset: 'police-a', statements: [name('2024-05-01T00:00:00.000Z')] }),
      store.writeBatch(admin, { dataset: 'police-a', statements: [name('2024-03-01T00:00:00.000Z')] }),
      store.writeBatch(admin, { dataset: 'police-a', statements: [st('police-a.q', 'Person', 'name', 'Quinn Roe')] }),
    ];
    // The same statement first, then again with an earlier first seen: inserted once, then widened.
    assert.deepEqual(await Promise.all(writes), [{ inserted: 1, unchanged: 0 }, { inserted: 0, unchanged: 1 }, { inserted: 1, unchanged: 0 }]);
    const [s] = await store.listStatements(admin, { entityIds: ['police-a.p'] });
    assert.equal(s?.firstSeen, '2024-03-01T00:00:00.000Z');
    assert.equal(s?.lastSeen, '2024-05-01T00:00:00.000Z');
    const last = store.writeBatch(admin, { dataset: 'police-a', statements: [st('police-a.r', 'Person', 'name', 'Robin Poe')] });
    await store.close(); // while that write is in flight
    assert.deepEqual(await last, { inserted: 1, unchanged: 0 });
    const check = new SqliteStore({ path: join(dir, 'corvid.db'), model: loadModel() });
    assert.equal(await check.countStatements(admin), 3);
    await check.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writer thread: a thread that cannot open its database reports itself unavailable', async () => {
  const writer = new WriterThread(join(tmpdir(), 'corvid-no-such-dir', 'nested', 'corvid.db'));
  const prepared = prepareBatch(loadModel(), { dataset: 'police-a', statements: [st('police-a.p', 'Person', 'name', 'Pat Doe')] });
  await assert.rejects(writer.write(prepared), (err) => err instanceof WriterUnavailable);
  await assert.rejects(writer.write(prepared), (err) => err instanceof WriterUnavailable);
  await writer.close();
});
