/**
 * Tests of the MISP reader on PyMISP's test files (shared/data/misp) and a fixture with handling tags.
 * Expected counts were worked out by hand (and with python's json module) from the files.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../model/schema.ts';
import type { RawEntity, ReadItem } from '../reader.ts';
import { buildStatements } from '../to-statements.ts';
import { readMisp } from './misp.ts';
import { sharedDir } from './stix-schemas.ts';
import { collect, fileStream } from './testing.ts';

const DIR = join(sharedDir(), 'data', 'misp');
/** An import's defaults, for turning records into statements as the pipeline does. */
const BASE = { dataset: 'test', source: 'test.json', importer: 'test', grading: 'X4', compartment: '', tlp: 'AMBER', handling: 'H0', handlingNote: '', seen: '2025-01-01T00:00:00Z' } as const;
const HANDLING = fileURLToPath(new URL('./fixtures/stix-misp/misp-handling.json', import.meta.url));
/** Every record becomes statements as in the pipeline, with no value set aside (types, lengths, handling). */
function assertStatements(items: ReadItem[], label: string): void {
  const model = loadModel();
  for (const i of items) {
    if (i.kind !== 'entities') continue;
    const r = buildStatements(model, BASE, String(i.line), i.entities, i.meta);
    assert.ok(r.ok && r.valueRejects.length === 0, `${label} record ${i.line}: ${JSON.stringify(r.ok ? r.valueRejects : r.reason)}`);
  }
}
const readFile = (path: string): Promise<ReadItem[]> => collect(readMisp(fileStream(path), { fileName: path.split('/').pop()! }));
const entities = (items: ReadItem[]): RawEntity[] => items.flatMap((i) => (i.kind === 'entities' ? i.entities : []));
const kinds = (items: ReadItem[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const i of items) out[i.kind] = (out[i.kind] ?? 0) + 1;
  return out;
};
const schemas = (items: ReadItem[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const e of entities(items)) out[e.schema] = (out[e.schema] ?? 0) + 1;
  return out;
};

describe('PyMISP test files', () => {
  // Per file: event head 1 (if any) + attributes + objects + object references + galaxy clusters, one skip
  // for deleted elements, for proposals and for related events (counted by hand from the files).
  const EXPECTED: Record<string, Record<string, number>> = {
    'attribute.json': { entities: 2 },
    'attribute_del.json': { entities: 1, skip: 1 },
    'def_param.json': { entities: 2 },
    'event.json': { entities: 1 },
    'event_obj_attr_tag.json': { entities: 3 },
    'event_obj_def_param.json': { entities: 2 },
    'event_obj_tag.json': { entities: 1 },
    'event_tags.json': { entities: 1 },
    'existing_event.json': { entities: 93, skip: 1 },
    'existing_event_edited.json': { entities: 93, skip: 1 },
    'galaxy.json': { entities: 1 },
    'malware.json': { entities: 2 },
    'malware_exist.json': { entities: 2 },
    'misp_custom_obj.json': { entities: 2 },
    'proposals.json': { entities: 2, skip: 1 },
    'shadow.json': { entities: 3, skip: 1 },
    'sighting.json': { skip: 1 },
    'simple.json': { skip: 1 },
  };

  test('every file: the expected items, nothing rejected, every value accepted by the model', async () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
    for (const f of files) {
      const items = await readFile(join(DIR, f));
      assert.deepEqual(kinds(items), EXPECTED[f], f);
      assert.deepEqual(items.map((i) => i.line), items.map((_, i) => i + 1), f);
      assertStatements(items, f);
    }
  });

  test('existing_event.json: the Sednit event, TLP:WHITE as CLEAR, 9 attributes, 49 objects, 20 references, 14 clusters', async () => {
    const items = await readFile(join(DIR, 'existing_event.json'));
    // Notes: 1 link + 1 text + 7 domains + 12 domain-ip objects + 13 clusters that are not threat actors.
    assert.deepEqual(schemas(items), { Event: 1, Note: 34, UnknownLink: 92, Document: 37, Organization: 1 });
    const head = items[0]!;
    assert.ok(head.kind === 'entities');
    assert.deepEqual(head.meta, { tlp: 'CLEAR', firstSeen: '2017-12-21T00:00:00.000Z', lastSeen: '2017-12-22T13:17:22.000Z' });
    const ev = head.entities[0]!;
    assert.equal(ev.id, 'misp-event:5a3c2fcd-8328-42bb-a95e-4f4402de0b81');
    assert.deepEqual(ev.properties.name, ['OSINT - Sednit update: How Fancy Bear Spent the Year']);
    assert.deepEqual(ev.properties.publisher, ['CIRCL']);
    assert.ok(ev.properties.keywords!.includes('misp-threat-level:low') && ev.properties.keywords!.includes('misp-analysis:initial'));
    assert.ok(items.every((i) => i.kind !== 'entities' || i.meta?.tlp === 'CLEAR'));
    const all = entities(items);
    const ids = new Set(all.filter((e) => e.schema !== 'UnknownLink').map((e) => e.id));
    for (const l of all.filter((e) => e.schema === 'UnknownLink')) assert.ok(ids.has(l.properties.subject![0]!) && ids.has(l.properties.object![0]!), l.id);
    assert.equal(all.filter((e) => e.properties.role?.[0] === 'communicates-with').length, 20);
    const sofacy = all.find((e) => e.schema === 'Organization')!;
    assert.deepEqual(sofacy.properties.name, ['Sofacy']);
    assert.ok(sofacy.properties.alias!.includes('Fancy Bear'));
    assert.deepEqual(sofacy.properties.country, ['RU']);
    const domainIp = all.find((e) => e.properties.keywords?.includes('misp-object:domain-ip'))!;
    assert.equal(domainIp.schema, 'Note');
    assert.equal(domainIp.properties.name!.length, 1);
    assert.equal(domainIp.properties.ipMentioned!.length, 1);
  });

  test('fragments: objects without an event are read unlinked; a reference between them becomes a link', async () => {
    const items = await readFile(join(DIR, 'event_obj_attr_tag.json'));
    assert.deepEqual(entities(items).map((e) => [e.id, e.schema]), [
      ['misp-object:a', 'Document'],
      [entities(items)[1]!.id, 'UnknownLink'],
      ['misp-object:b', 'Note'],
    ]);
    assert.deepEqual(entities(items)[1]!.properties, { subject: ['misp-object:a'], object: ['misp-object:b'], role: ['baz'] });
    assert.ok(entities(items)[0]!.properties.keywords!.includes('blah'));
  });

  test('objects: a whois template keeps unmapped relations as notes; a custom template becomes a Note', async () => {
    const whois = entities(await readFile(join(DIR, 'def_param.json'))).find((e) => e.id.startsWith('misp-object:'))!;
    assert.equal(whois.schema, 'Note');
    assert.deepEqual(whois.properties.name, ['domain.example.com']);
    assert.deepEqual(whois.properties.notes, ['registrar: registar.example.com', 'nameserver: ns1.example.com', 'nameserver: ns2.example.com']);
    const custom = entities(await readFile(join(DIR, 'misp_custom_obj.json'))).find((e) => e.id.startsWith('misp-object:'))!;
    assert.deepEqual([custom.schema, custom.properties.name, custom.properties.notes], ['Note', ['test_object_template'], ['member3: foo', 'member1: bar']]);
    const file = entities(await readFile(join(DIR, 'malware_exist.json'))).find((e) => e.id.startsWith('misp-object:'))!;
    assert.equal(file.schema, 'Document');
    assert.deepEqual(file.properties.fileName, ['simple.json']);
    assert.deepEqual(file.properties.fileSize, ['21']);
    // FtM's checksum type holds 40 characters: MD5 and SHA-1 are content hashes, SHA-256 is kept in the notes.
    assert.deepEqual(file.properties.contentHash, ['7637beddacbeac59d44469b2b120b9e6', '023853a4331db8d67e44553004cf338ec1b7440e']);
    assert.ok(file.properties.notes!.includes('sha256: 6ae8b0f1c7d6f3238d1fc14038018c3b4704c8cc23dac1c2bfd2c81b5a278eef'));
  });

  test('skips say why: deleted attribute, proposals, a lone sighting, an empty object', async () => {
    const reason = async (f: string): Promise<string> => {
      const s = (await readFile(join(DIR, f))).find((i) => i.kind === 'skip');
      return s?.kind === 'skip' ? s.reason : '';
    };
    assert.match(await reason('attribute_del.json'), /attribute 1 \(filename\) is deleted/);
    assert.match(await reason('proposals.json'), /2 proposal\(s\)/);
    assert.match(await reason('sighting.json'), /lone MISP sighting/);
    assert.match(await reason('simple.json'), /empty JSON object/);
    assert.match(await reason('existing_event.json'), /20 related event\(s\)/);
  });
});

describe('handling, grading and attribute types', () => {
  test('the fixture: 18 records in order', async () => {
    const items = await readFile(HANDLING);
    assert.deepEqual(
      items.map((i) => i.kind),
      ['entities', ...Array(10).fill('entities'), 'skip', 'reject', 'entities', 'entities', 'skip', 'entities', 'skip'],
    );
    assertStatements(items, 'misp-handling.json');
  });

  test('event tags give TLP and grading to every record; an attribute or object tag of its own wins', async () => {
    const items = await readFile(HANDLING);
    const meta = (line: number) => (items[line - 1]!.kind === 'entities' ? (items[line - 1] as { meta?: object }).meta : undefined);
    assert.deepEqual(meta(1), { tlp: 'AMBER', grading: 'B2', firstSeen: '2024-05-01T00:00:00.000Z', lastSeen: '2024-05-01T21:46:40.000Z' });
    assert.deepEqual(meta(2), { tlp: 'AMBER', grading: 'B2', firstSeen: '2024-05-01T21:48:20.000Z', lastSeen: '2024-05-01T21:48:20.000Z' });
    assert.equal((meta(3) as { tlp?: string }).tlp, 'RED');
    // Sightings of type 0 set the dates; the false positive (type 1) does not.
    assert.deepEqual(meta(11), { tlp: 'AMBER', grading: 'B2', firstSeen: '2023-11-14T22:13:20.000Z', lastSeen: '2024-03-09T16:00:00.000Z' });
    assert.equal((meta(17) as { tlp?: string }).tlp, 'RED');
    assert.equal((meta(14) as { tlp?: string }).tlp, 'AMBER');
  });

  test('attribute types map onto FtM schemata', async () => {
    const items = await readFile(HANDLING);
    const first = (line: number): RawEntity => entities([items[line - 1]!])[0]!;
    assert.deepEqual([first(2).schema, first(2).properties.name, first(2).properties.ipMentioned, first(2).properties.notes], ['Note', ['203.0.113.9'], ['203.0.113.9'], ['port: 8443']]);
    assert.deepEqual([first(3).schema, first(3).properties.email, first(3).properties.service], ['UserAccount', ['boss@evil.example'], ['email']]);
    assert.deepEqual([first(4).schema, first(4).properties.iban], ['BankAccount', ['DE89370400440532013000']]);
    assert.deepEqual([first(5).schema, first(5).properties.publicKey, first(5).properties.currency], ['CryptoWallet', ['1BoatSLRHtKNngkdXEeobR76b53LETtpyT'], ['BTC']]);
    assert.deepEqual([first(6).schema, first(6).properties.name], ['Person', ['Ana Example']]);
    assert.deepEqual([first(7).schema, first(7).properties.phoneMentioned], ['Note', ['+39 091 123 4567']]);
    assert.deepEqual([first(8).schema, first(8).properties.fileName, first(8).properties.notes], ['Document', ['invoice.pdf.exe'], [`sha256: ${'ab'.repeat(32)}`]]);
    assert.deepEqual([first(9).schema, first(9).properties.name, first(9).properties.description], ['Note', ['Seen in three countries.'], ['Seen in three countries.\nSecond line.']]);
    assert.deepEqual([first(10).schema, first(10).properties.name], ['Note', ['something']]);
    assert.ok(first(10).properties.keywords!.includes('misp-type:weird-new-type'));
    // Each attribute is linked to its event, the role being its MISP category.
    const link = entities([items[3]!])[1]!;
    assert.deepEqual(link.properties, { subject: ['misp-event:6f1c2a3b-4d5e-4f60-8172-8394a5b6c7d8'], object: [first(4).id], role: ['Financial fraud'] });
  });

  test('objects: person with composed name and unmapped relation as a note; references resolved or skipped', async () => {
    const items = await readFile(HANDLING);
    const person = entities([items[13]!])[0]!;
    assert.equal(person.schema, 'Person');
    assert.deepEqual(person.properties.name, ['Marco Rossi']);
    assert.deepEqual(person.properties.birthDate, ['1971-06-30']);
    assert.deepEqual(person.properties.notes, ['favourite-colour: green']);
    const ref = entities([items[14]!])[0]!;
    assert.deepEqual(ref.properties, { subject: [person.id], object: ['misp-object:b0000001-0000-4000-8000-000000000002'], role: ['owns'] });
    assert.ok(items[15]!.kind === 'skip' && /not an imported attribute or object/.test(items[15]!.reason));
    const bank = entities([items[16]!])[0]!;
    assert.deepEqual([bank.schema, bank.properties.iban, bank.properties.bic], ['BankAccount', ['IT60X0542811101000000123456'], ['BPMOIT22']]);
    assert.ok(items[17]!.kind === 'skip' && /deleted/.test(items[17]!.reason));
  });
});
