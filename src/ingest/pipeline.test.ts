import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeContext, systemContext } from '../model/context.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/port.ts';
import { importFile } from './pipeline.ts';

const DATA = resolve(import.meta.dirname, '../../../shared/data');
const ctx = systemContext();

describe('import pipeline (SQLite)', () => {
  let dir: string;
  let store: Store;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corvid-pipeline-'));
    store = await openStore({ data: dir });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a real FtM file imports with the counts checked by hand, and loses no value', async () => {
    // parteispenden: 475 lines, 475 distinct entities, 2,385 property values (counted with python's json module).
    const s = await importFile(ctx, store, { file: join(DATA, 'ftm/parteispenden_entities.ftm.json'), dataset: 'spenden', rejectsDir: join(dir, 'rejects') });
    assert.equal(s.format, 'ftm');
    assert.deepEqual([s.read, s.imported, s.rejected, s.skipped], [475, 475, 0, 0]);
    assert.equal(s.entities, 475);
    // Every value is either a statement or set aside with a reason: 2,385 values + 475 id statements.
    assert.equal(s.statements.written + s.rejectedValues, 2385 + 475);
    assert.equal(await store.countEntities(ctx, { datasets: ['spenden'] }), 475);
    assert.equal(await store.countEntities(ctx, { datasets: ['spenden'], schemata: ['Payment'] }), 290);
  });

  test('importing the same file again changes nothing', async () => {
    const file = join(DATA, 'ftm/parteispenden_entities.ftm.json');
    const before = await store.countStatements(ctx, { datasets: ['spenden'] });
    const again = await importFile(ctx, store, { file, dataset: 'spenden', rejectsDir: join(dir, 'rejects') });
    assert.equal(again.alreadyImported, true);
    const forced = await importFile(ctx, store, { file, dataset: 'spenden', rejectsDir: join(dir, 'rejects'), force: true });
    assert.equal(forced.statements.inserted, 0);
    assert.equal(await store.countStatements(ctx, { datasets: ['spenden'] }), before);
  });

  test('a broken file: bad records set aside with line and reason, the rest imported', async () => {
    const file = join(dir, 'broken.ftm.json');
    const lines = [
      '{"id":"a","schema":"Person","properties":{"name":["Ana Pop"],"birthDate":["1971-02-30"]}}', // 1: good, one bad value
      '{"id":"b","schema":"Person","properties":{"name":["Bo"]', // 2: truncated JSON
      '', // 3: blank
      '{"id":"c","schema":"Spaceship","properties":{}}', // 4: unknown schema
      '{"id":"d","schema":"Person","properties":{"wingspan":["3m"]}}', // 5: unknown property
      '{"id":"e","schema":"Company","properties":{"name":["=HYPERLINK(\\"x\\")"]}}', // 6: CSV-injection-looking value, kept as data
    ];
    writeFileSync(file, lines.join('\n'));
    const s = await importFile(ctx, store, { file, dataset: 'broken', rejectsDir: join(dir, 'rejects') });
    assert.deepEqual([s.imported, s.rejected, s.skipped, s.rejectedValues], [2, 3, 1, 1]);
    const rejects = readFileSync(s.rejectsFile!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; kind: string; code: string; file: string });
    assert.deepEqual(rejects.filter((r) => r.kind === 'record').map((r) => r.line).sort(), [2, 4, 5]);
    assert.deepEqual(rejects.filter((r) => r.kind === 'value').map((r) => r.line), [1]);
    assert.ok(rejects.every((r) => r.file === 'broken.ftm.json' && r.code.startsWith('CORVID_ERR_')));
    const e = await store.getEntity(ctx, 'broken.e');
    assert.deepEqual(e?.properties.name, ['=HYPERLINK("x")']);
  });

  test('what an import puts in a compartment is invisible to those outside it', async () => {
    const file = join(dir, 'secret.ftm.json');
    writeFileSync(file, '{"id":"s1","schema":"Person","properties":{"name":["Vittorio Segreto"]}}\n');
    await importFile(ctx, store, { file, dataset: 'secret', compartment: 'op-montagna', tlp: 'AMBER', rejectsDir: join(dir, 'rejects') });
    const outsider = makeContext({ actor: 'bob', compartments: ['op-other'], tlpCeiling: 'RED' });
    const insider = makeContext({ actor: 'carla', compartments: ['op-montagna'], tlpCeiling: 'AMBER' });
    assert.equal((await store.search(outsider, { text: 'Vittorio Segreto' })).length, 0);
    assert.equal(await store.countEntities(outsider, { datasets: ['secret'] }), 0);
    assert.equal(await store.getEntity(outsider, 'secret.s1'), null);
    assert.equal((await store.search(insider, { text: 'Vitorio Segretto' }))[0]?.entity.id, 'secret.s1');
  });

  test('the audit log records each import with its counts', async () => {
    const records = await store.listAudit(ctx, { action: 'import.finish' });
    const spenden = records.find((r) => r.target === 'spenden');
    assert.equal(spenden?.detail.read, 475);
    assert.equal((await store.verifyAudit(ctx)).ok, true);
  });
});
