/** Runs the Store conformance suite against SqliteStore on a temporary file, plus SQLite-only checks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { systemContext } from '../../model/context.ts';
import { loadModel } from '../../model/schema.ts';
import { makeStatement, storeSpecs, type AuditTamper } from '../conformance.ts';
import { SqliteStore } from './store.ts';

/** Raw SQL on a second connection; the guard triggers are dropped only for the deliberate tampering. */
function tamperHooks(path: string): AuditTamper {
  const raw = (fn: (db: Database.Database) => void): Promise<void> => {
    const db = new Database(path);
    try {
      fn(db);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err);
    } finally {
      db.close();
    }
  };
  return {
    editAuditDetail: (seq, detail) => raw((db) => {
      db.exec('DROP TRIGGER audit_no_update');
      db.prepare('UPDATE audit SET detail = ? WHERE seq = ?').run(detail, seq);
    }),
    deleteAudit: (seq) => raw((db) => {
      db.exec('DROP TRIGGER audit_no_delete');
      db.prepare('DELETE FROM audit WHERE seq = ?').run(seq);
    }),
    attemptUpdate: (seq) => raw((db) => void db.prepare(`UPDATE audit SET detail = '{}' WHERE seq = ?`).run(seq)),
    attemptDelete: (seq) => raw((db) => void db.prepare('DELETE FROM audit WHERE seq = ?').run(seq)),
  };
}

function tempStore(): { store: SqliteStore; dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'corvid-sqlite-'));
  const path = join(dir, 'corvid.db');
  return { store: new SqliteStore({ path, model: loadModel() }), dir, path };
}

storeSpecs('sqlite', async () => {
  const { store, dir, path } = tempStore();
  await store.migrate();
  return {
    store,
    tamper: tamperHooks(path),
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

test('sqlite: the file uses WAL and the expected indexes', async () => {
  const { store, dir, path } = tempStore();
  try {
    await store.migrate();
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    const idx = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('statement', 'entity', 'provenance') ORDER BY name`).pluck().all() as string[]);
    // One unique key per statement table, no dataset index (dataset filters are entity id ranges).
    assert.deepEqual(idx, ['entity_id', 'provenance_key', 'statement_key', 'statement_ref']);
    db.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: a second connection to the same file sees committed batches and the same audit chain', async () => {
  const { store, dir, path } = tempStore();
  const other = new SqliteStore({ path, model: loadModel() });
  try {
    await store.migrate();
    await other.migrate(); // a second process opening the same file migrates nothing
    const ctx = systemContext();
    await store.writeBatch(ctx, { dataset: 'police-a', statements: [makeStatement('police-a.p1', 'Person', 'name', 'John Smith')] });
    assert.equal((await other.getEntity(ctx, 'police-a.p1'))?.caption, 'John Smith');
    await store.appendAudit(ctx, { action: 'a' });
    await other.appendAudit(ctx, { action: 'b' });
    await store.appendAudit(ctx, { action: 'c' });
    assert.deepEqual(await other.verifyAudit(ctx), { ok: true, checked: 3 });
  } finally {
    await other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: verifyAudit reports a detail edited into invalid JSON instead of failing', async () => {
  const { store, dir, path } = tempStore();
  try {
    await store.migrate();
    const ctx = systemContext();
    for (const action of ['a', 'b', 'c']) await store.appendAudit(ctx, { action, detail: { n: 1 } });
    await tamperHooks(path).editAuditDetail(2, '{not json');
    const v = await store.verifyAudit(ctx);
    assert.equal(v.ok, false);
    assert.equal(v.broken?.seq, 2);
    assert.equal(v.checked, 1);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
