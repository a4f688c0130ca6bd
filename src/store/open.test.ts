/** openStore: picks SQLite under the data directory (creating it) unless given a PostgreSQL URL. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemContext } from '../model/context.ts';
import { openStore } from './open.ts';

test('openStore creates the data directory and a migrated SQLite file in it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'corvid-open-'));
  const data = join(root, 'nested', 'data');
  try {
    const store = await openStore({ data });
    assert.equal(store.kind, 'sqlite');
    assert.ok(existsSync(join(data, 'corvid.db')));
    const d = await store.upsertDataset(systemContext(), { name: 'police-a' });
    assert.equal(d.name, 'police-a');
    await store.close();
    const again = await openStore({ data }); // re-opening migrates nothing and keeps the data
    assert.deepEqual((await again.listDatasets(systemContext())).map((x) => x.name), ['police-a']);
    await again.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
