/**
 * Tests of the STIX 2.1 reader on MITRE ATT&CK for ICS (a real 3.5 MB bundle) and on a small bundle
 * that exercises each mapping. Expected figures were counted with python's json module, not this code.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../model/schema.ts';
import type { RawEntity, ReadItem } from '../reader.ts';
import { buildStatements } from '../to-statements.ts';
import { readStix } from './stix.ts';
import { sharedDir } from './stix-schemas.ts';
import { chunksOf, collect, fileStream } from './testing.ts';

const ICS = join(sharedDir(), 'data', 'stix', 'ics-attack.json');
const SMALL = fileURLToPath(new URL('./fixtures/stix-misp/small-bundle.json', import.meta.url));

const entities = (items: ReadItem[]): RawEntity[] => items.flatMap((i) => (i.kind === 'entities' ? i.entities : []));
const count = <T>(xs: T[], key: (x: T) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
};

/** Every record must become statements with no value set aside (property types, lengths, dates, handling). */
function assertFitsModel(items: ReadItem[]): void {
  const model = loadModel();
  const base = { dataset: 'test', source: 'test.json', importer: 'test', grading: 'X4', compartment: '', tlp: 'AMBER', handling: 'H0', handlingNote: '', seen: '2025-01-01T00:00:00Z' } as const;
  for (const i of items) {
    if (i.kind !== 'entities') continue;
    const r = buildStatements(model, base, String(i.line), i.entities, i.meta);
    assert.ok(r.ok, `record ${i.line}: ${r.ok ? '' : r.reason}`);
    if (r.ok) assert.deepEqual(r.valueRejects, [], `record ${i.line}`);
  }
}

describe('MITRE ATT&CK for ICS', () => {
  test('one item per object: 202 SDOs and 605 relationships as entities, the rest skipped with a reason', async () => {
    const items = await collect(readStix(fileStream(ICS, 65536), { fileName: 'ics-attack.json' }));
    // 1,826 objects: 1,373 relationships, 95 attack-patterns, 52 courses of action, 30 malware, 16 intrusion
    // sets, 8 campaigns, 1 identity, 1 marking definition and 250 x-mitre-* objects.
    assert.equal(items.length, 1826);
    assert.deepEqual(items.map((i) => i.line), Array.from({ length: 1826 }, (_, i) => i + 1));
    assert.deepEqual(count(items, (i) => i.kind), { entities: 807, skip: 1019 });
    assert.deepEqual(count(entities(items), (e) => e.schema), { Note: 177, Organization: 17, Event: 8, UnknownLink: 605 });
    const reasons = items.flatMap((i) => (i.kind === 'skip' ? [i.reason] : []));
    assert.equal(reasons.filter((r) => /is a custom object/.test(r)).length, 250);
    // 685 "targets" relationships end at x-mitre-asset, 83 "detects" start at x-mitre-detection-strategy.
    assert.equal(reasons.filter((r) => /\(targets\) points at a custom object \(x-mitre-asset\)/.test(r)).length, 685);
    assert.equal(reasons.filter((r) => /\(detects\) points at a custom object \(x-mitre-detection-strategy\)/.test(r)).length, 83);
    assert.equal(reasons.filter((r) => /marking definition/.test(r)).length, 1);
    assertFitsModel(items);
  });

  test('relationships reference entities of the same bundle; roles are the relationship types', async () => {
    const all = entities(await collect(readStix(fileStream(ICS), { fileName: 'ics-attack.json' })));
    const ids = new Set(all.filter((e) => e.schema !== 'UnknownLink').map((e) => e.id));
    const links = all.filter((e) => e.schema === 'UnknownLink');
    for (const l of links) {
      assert.ok(ids.has(l.properties.subject![0]!), l.id);
      assert.ok(ids.has(l.properties.object![0]!), l.id);
    }
    assert.deepEqual(count(links, (l) => l.properties.role![0]!), { mitigates: 331, uses: 267, 'attributed-to': 5, 'revoked-by': 2 });
  });

  test('mapped values: an identity, a technique with its ATT&CK id, a campaign with its dates', async () => {
    const items = await collect(readStix(fileStream(ICS), { fileName: 'ics-attack.json' }));
    const mitre = items[1824]!;
    assert.equal(mitre.kind, 'entities');
    assert.deepEqual(entities([mitre])[0], {
      id: 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5',
      schema: 'Organization',
      properties: { name: ['The MITRE Corporation'], createdAt: ['2017-06-01T00:00:00.000Z'], modifiedAt: ['2025-03-19T15:00:40.855Z'], keywords: ['identity'] },
    });
    const byId = new Map(entities(items).map((e) => [e.id, e]));
    const t0803 = byId.get('attack-pattern--008b8f56-6107-48be-aa9f-746f927dbb61')!;
    assert.deepEqual(t0803.properties.name, ['Block Command Message']);
    assert.ok(t0803.properties.keywords!.includes('mitre-attack:T0803'));
    assert.ok(t0803.properties.sourceUrl!.includes('https://attack.mitre.org/techniques/T0803'));
    const c0028 = byId.get('campaign--46421788-b6e1-4256-b351-f8beffd1afba')!;
    assert.equal(c0028.schema, 'Event');
    assert.deepEqual(c0028.properties.startDate, ['2015-12-01T05:00:00.000Z']);
    assert.deepEqual(c0028.properties.endDate, ['2016-01-01T05:00:00.000Z']);
  });

  test('cut at byte 1,000,000: the 237 objects before the cut are read, then one reject names object 238', async () => {
    const bytes = (await readFile(ICS)).subarray(0, 1_000_000);
    const items = await collect(readStix(chunksOf(bytes, 65536), { fileName: 'cut.json' }));
    assert.equal(items.length, 238);
    assert.ok(items.slice(0, 237).every((i) => i.kind !== 'reject'));
    const last = items[237]!;
    assert.equal(last.kind, 'reject');
    assert.equal(last.line, 238);
    if (last.kind === 'reject') {
      assert.equal(last.code, 'CORVID_ERR_INGEST_FORMAT');
      assert.match(last.reason, /inside object 238, which starts at byte 999018/);
    }
  });
});

describe('a small bundle with each kind of object', () => {
  const read = async (chunk = 65536): Promise<ReadItem[]> => collect(readStix(chunksOf(await readFile(SMALL), chunk), { fileName: 'small-bundle.json' }));

  test('kinds per object, in order', async () => {
    const items = await read();
    assert.deepEqual(
      items.map((i) => `${i.line}:${i.kind}`),
      ['1:skip', '2:entities', '3:entities', '4:entities', '5:entities', '6:entities', '7:entities', '8:entities', '9:entities', '10:skip', '11:reject', '12:skip', '13:entities', '14:skip'],
    );
    const bad = items[10]!;
    assert.ok(bad.kind === 'reject' && bad.code === 'CORVID_ERR_VALIDATION' && /required property 'pattern'/.test(bad.reason));
    assertFitsModel(items);
  });

  test('the same items whatever the chunk size (1 byte puts a boundary everywhere)', async () => {
    assert.deepEqual(await read(1), await read());
  });

  test('TLP from well-known ids and from a TLP 2.0 marking definition met earlier in the bundle', async () => {
    const items = await read();
    const tlp = (line: number): string | undefined => {
      const it = items[line - 1]!;
      return it.kind === 'entities' ? it.meta?.tlp : undefined;
    };
    assert.equal(tlp(2), 'AMBER+STRICT');
    assert.equal(tlp(3), 'GREEN');
    assert.equal(tlp(4), 'RED');
    assert.equal(tlp(5), undefined);
  });

  test('identity → Person, threat actor → Organization with topic and external id', async () => {
    const es = entities(await read());
    const ana = es.find((e) => e.id.startsWith('identity--'))!;
    assert.equal(ana.schema, 'Person');
    assert.deepEqual(ana.properties.sector, ['finance']);
    const crew = es.find((e) => e.id.startsWith('threat-actor--'))!;
    assert.equal(crew.schema, 'Organization');
    assert.deepEqual(crew.properties.alias, ['The X']);
    assert.deepEqual(crew.properties.topics, ['crime.cyber']);
    assert.ok(crew.properties.keywords!.includes('acme-intel:TA-17'));
  });

  test('an indicator names the observables of its equality comparisons, with the ids STIX gives them', async () => {
    const items = await read();
    const ind = items[3]!;
    assert.equal(ind.kind, 'entities');
    const [note, ...obs] = entities([ind]);
    // UUIDv5 ids computed with python's uuid.uuid5 over the canonical JSON of the value.
    const expected = ['domain-name--69228563-c8d2-54ae-aeca-5f4134cb59aa', 'ipv4-addr--12592121-be4c-5a93-a813-5a5af16e50db', 'file--20432b06-75d2-54b6-80ef-6d923b5d925d'];
    assert.deepEqual(note!.properties.entity, expected);
    assert.deepEqual(obs.map((e) => e.id), expected);
    assert.deepEqual(obs.map((e) => e.schema), ['Note', 'Note', 'Document']);
    assert.deepEqual(obs[1]!.properties.ipMentioned, ['198.51.100.7']);
    // A SHA-256 is longer than FtM's checksum type allows (40): kept in the notes, and captions the file.
    assert.deepEqual(obs[2]!.properties, { title: ['ab'.repeat(32)], notes: [`SHA-256: ${'ab'.repeat(32)}`], keywords: ['file'] });
    // The MATCHES comparison describes a set of URLs, not one: it stays in the pattern text only.
    assert.ok(note!.properties.notes!.some((n) => n.includes("MATCHES '^https?://evil'")));
    // The domain-name SCO in the bundle has the same id, so both become one entity.
    assert.equal(entities([items[4]!])[0]!.id, expected[0]);
  });

  test('e-mail address → UserAccount; sighting → Event with its dates and a link to what was sighted', async () => {
    const items = await read();
    assert.deepEqual(entities([items[5]!])[0]!.properties, { email: ['boss@evil.example'], username: ['boss@evil.example'], name: ['The Boss'], service: ['email'] });
    const sighting = items[8]!;
    assert.ok(sighting.kind === 'entities');
    assert.deepEqual(sighting.meta, { firstSeen: '2024-03-20T08:00:00Z', lastSeen: '2024-03-28T18:00:00Z' });
    const [ev, link] = sighting.entities;
    assert.equal(ev!.schema, 'Event');
    assert.deepEqual(ev!.properties.involved, ['identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d']);
    assert.deepEqual(link!.properties, { subject: [ev!.id], object: ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'], role: ['sighting-of'] });
  });
});
