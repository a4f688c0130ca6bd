// Every public data file in shared/data that has an importer, through the whole pipeline, with the
// counts checked by hand (python's json and csv modules; see each comment).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemContext } from '../model/context.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/port.ts';
import type { ImportOptions } from './options.ts';
import { importFile } from './pipeline.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DATA = resolve(ROOT, '../shared/data');
const ctx = systemContext();

describe('the shared public data sets import with the counts checked by hand', () => {
  let dir: string;
  let store: Store;
  const run = (file: string, dataset: string, extra: Partial<ImportOptions> = {}) => importFile(ctx, store, { file: join(DATA, file), dataset, rejectsDir: join(dir, 'rejects'), ...extra });
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corvid-shared-'));
    store = await openStore({ data: dir });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('FtM: yente fixture, 7 entities on 6 newline-terminated lines plus a last line without one', async () => {
    const s = await run('ftm/yente_t1_entities.ftm.json', 'yente');
    assert.deepEqual([s.read, s.imported, s.rejected], [7, 7, 0]);
    assert.equal(await store.countEntities(ctx, { datasets: ['yente'], schemata: ['Person'] }), 4);
  });

  test('STIX: MITRE ATT&CK for ICS, 1,826 objects; custom x-mitre objects and relations to them skipped', async () => {
    // 95 attack-patterns, 52 courses of action, 30 malware, 16 intrusion sets, 8 campaigns, 1 identity
    // = 202 objects, plus 605 relationships between them; 250 x-mitre-* objects, 685 + 83 relationships
    // that end at them and 1 marking definition are skipped.
    const s = await run('stix/ics-attack.json', 'attack-ics');
    assert.equal(s.format, 'stix');
    assert.deepEqual([s.read, s.imported, s.skipped, s.rejected], [1826, 807, 1019, 0]);
    assert.equal(await store.countEntities(ctx, { datasets: ['attack-ics'], schemata: ['UnknownLink'] }), 605);
  });

  test('MISP: every PyMISP test file imports or is skipped with a reason; none crashes the import', async () => {
    for (const f of readdirSync(join(DATA, 'misp')).filter((n) => n.endsWith('.json'))) {
      const s = await run(`misp/${f}`, `misp-${f.replace(/\.json$/, '').replace(/_/g, '-')}`, { format: 'misp' });
      assert.equal(s.read, s.imported + s.skipped + s.rejected, f);
    }
    // existing_event.json: the event, 9 attributes, 49 objects, 20 object references and 14 galaxy
    // clusters = 93 records; its 20 related events are one skipped record.
    const ev = await run('misp/existing_event.json', 'misp-existing-event-2', { format: 'misp' });
    assert.deepEqual([ev.imported, ev.skipped, ev.rejected], [93, 1, 0]);
  });

  test('Montagna (CSV with mappings, CR-only line endings in sightings): one person per node across the files', async () => {
    // Data rows: attributes 155, phone 150, meetings 289, kinship 24, sightings 41 (the README says 40;
    // the file has 41 rows after its header).
    const files: [string, string, number][] = [
      ['montagna_attributes.csv', 'attributes.yml', 155],
      ['montagna_phone.csv', 'phone.yml', 150],
      ['montagna_meetings.csv', 'meetings.yml', 289],
      ['montagna_kinship.csv', 'kinship.yml', 24],
      ['montagna_sightings.csv', 'sightings.yml', 41],
    ];
    for (const [file, mapping, rows] of files) {
      const s = await run(`montagna/${file}`, 'montagna', { mapping: join(ROOT, 'mappings/montagna', mapping) });
      assert.deepEqual([s.read, s.imported, s.rejected], [rows, rows, 0], file);
    }
    assert.equal(await store.countEntities(ctx, { datasets: ['montagna'], schemata: ['Person'] }), 155);
  });

  test('Febrl and Splink person records: one Person per row', async () => {
    for (const [file, rows] of [['febrl/dataset1.csv', 1000], ['febrl/dataset4a.csv', 5000]] as const) {
      const s = await run(file, `febrl-${rows}`, { mapping: join(ROOT, 'mappings/febrl/person.yml') });
      assert.deepEqual([s.read, s.imported, s.rejected], [rows, rows, 0], file);
      assert.equal(await store.countEntities(ctx, { datasets: [`febrl-${rows}`] }), rows);
    }
    const sp = await run('splink-fake/fake_1000.csv', 'splink', { mapping: join(ROOT, 'mappings/splink/person.yml') });
    assert.deepEqual([sp.read, sp.imported, sp.rejected], [1000, 1000, 0]);
  });

  test('AMLSim: 20,000 accounts and 118,250 transactions (254 exact repeats share an id)', async () => {
    const n = await run('amlsim/nodes.csv', 'amlsim', { mapping: join(ROOT, 'mappings/amlsim/nodes.yml') });
    assert.deepEqual([n.read, n.imported, n.rejected], [20000, 20000, 0]);
    const t = await run('amlsim/transactions.csv', 'amlsim', { mapping: join(ROOT, 'mappings/amlsim/transactions.yml') });
    assert.deepEqual([t.read, t.imported, t.rejected], [118250, 118250, 0]);
    assert.equal(await store.countEntities(ctx, { datasets: ['amlsim'], schemata: ['Payment'] }), 117996);
    assert.equal(await store.countEntities(ctx, { datasets: ['amlsim'], schemata: ['BankAccount'] }), 20000);
  });
});
