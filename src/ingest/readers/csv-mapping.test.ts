/** Tests of the mapped-CSV reader: the Montagna mappings, broken and hostile files, mapping features. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isCorvidError } from '../../errors.ts';
import type { RawEntity, ReadItem, ReaderOptions } from '../reader.ts';
import { readCsvMapping } from './csv-mapping.ts';
import { loadMappingFile, parseMapping } from './mapping.ts';
import { chunksOf, collect, FIXTURES, fileStream, garbage, SHARED_DATA, withTempDir } from './testing.ts';

const MAPPINGS = new URL('../../../mappings/montagna/', import.meta.url).pathname;

async function readMapped(mappingPath: string, csvPath: string, extra: Partial<ReaderOptions> = {}): Promise<ReadItem[]> {
  const read = readCsvMapping(await loadMappingFile(mappingPath));
  return collect(read(fileStream(csvPath, 1000), { fileName: csvPath, ...extra }));
}

const readText = (yaml: string, csv: string | Buffer, extra: Partial<ReaderOptions> = {}, chunk = 65536): Promise<ReadItem[]> =>
  collect(readCsvMapping(parseMapping(yaml, 'test.yml'))(chunksOf(csv, chunk), { fileName: 'test.csv', ...extra }));

const entitiesOf = (items: ReadItem[]): RawEntity[] => items.flatMap((i) => (i.kind === 'entities' ? i.entities : []));
const summary = (items: ReadItem[]) => items.map((i) => [i.line, i.kind === 'reject' ? i.code : i.kind]);
const isCode = (code: string) => (e: unknown) => isCorvidError(e) && e.code === code;

describe('the Montagna mappings', () => {
  const montagna = (name: string, file: string) => readMapped(join(MAPPINGS, `${name}.yml`), join(SHARED_DATA, 'montagna', file));
  // Data rows counted by hand (lines after the header; sightings with CR endings converted first). The
  // README says 40 sightings, but the file has 41 rows (42 lines with the header).
  const files: [string, string, number, string][] = [
    ['attributes', 'montagna_attributes.csv', 155, 'Person'],
    ['phone', 'montagna_phone.csv', 150, 'Call'],
    ['meetings', 'montagna_meetings.csv', 289, 'UnknownLink'],
    ['kinship', 'montagna_kinship.csv', 24, 'Family'],
    ['sightings', 'montagna_sightings.csv', 41, 'UnknownLink'],
  ];

  test('each file yields one entities item per row, no rejects, and one distinct link per row', async () => {
    for (const [name, file, rows, schema] of files) {
      const items = await montagna(name, file);
      assert.equal(items.length, rows, name);
      assert.ok(
        items.every((i) => i.kind === 'entities'),
        `${name}: only entities`,
      );
      const ids = new Set(
        entitiesOf(items)
          .filter((e) => e.schema === schema)
          .map((e) => e.id),
      );
      assert.equal(ids.size, rows, `${name}: distinct ${schema} ids`);
    }
  });

  test('person ids are the same in every file, so the links connect to the attribute persons', async () => {
    const attributes = entitiesOf(await montagna('attributes', 'montagna_attributes.csv'));
    const persons = new Set(attributes.filter((e) => e.schema === 'Person').map((e) => e.id));
    assert.equal(persons.size, 155);
    // sha1(b'montagna' + b'montagna-person' + b'N0'), computed with Python's hashlib
    assert.ok(persons.has('75ef3eb05432d11ac6de7112ee65a2e38482710e'));
    const ends: [string, string, string, string][] = [
      ['phone', 'montagna_phone.csv', 'caller', 'receiver'],
      ['meetings', 'montagna_meetings.csv', 'subject', 'object'],
      ['kinship', 'montagna_kinship.csv', 'person', 'relative'],
      ['sightings', 'montagna_sightings.csv', 'subject', 'object'],
    ];
    for (const [name, file, from, to] of ends) {
      for (const item of await montagna(name, file)) {
        assert.ok(item.kind === 'entities');
        const link = item.entities.find((e) => e.properties[from])!;
        for (const prop of [from, to]) {
          const [ref] = link.properties[prop]!;
          assert.ok(persons.has(ref!), `${name} line ${item.line}: ${prop} is an attribute person`);
          const person: RawEntity | undefined = item.entities.find((e) => e.id === ref);
          assert.equal(person?.schema, 'Person');
        }
      }
    }
  });

  test('attributes: 40 memberships of 8 families (empty familia and -77 left out)', async () => {
    // 155 rows: 114 with no familia, 1 with -77 (cut -d, -f2 | sort | uniq -c)
    const entities = entitiesOf(await montagna('attributes', 'montagna_attributes.csv'));
    assert.equal(entities.filter((e) => e.schema === 'Membership').length, 40);
    const families = new Set(entities.filter((e) => e.schema === 'Organization').map((e) => e.properties.name![0]));
    assert.deepEqual([...families].sort(), [
      'barcellona pozzo di gotto',
      'batanesi',
      'brancaccio',
      'caltagirone',
      'mazzaroti',
      'mistretta',
      'san mauro castelverde',
      'tortorici',
    ]);
  });
});

describe('readCsvMapping on broken and hostile files', () => {
  const people = join(FIXTURES, 'people.yml');

  test('the hand-made broken file: every row imported, skipped or rejected with its line', async () => {
    const items = await readMapped(people, join(FIXTURES, 'broken.csv'));
    assert.deepEqual(summary(items), [
      [2, 'entities'],
      [3, 'CORVID_ERR_INGEST_FORMAT'], // 5 fields for a header of 4
      [4, 'CORVID_ERR_INGEST_FORMAT'], // latin1 bytes
      [5, 'CORVID_ERR_INGEST_FORMAT'], // 2 fields
      [6, 'skip'], // blank
      [7, 'entities'], // formula-like cells
      [8, 'CORVID_ERR_MODEL_INVALID_GRADING'],
      [9, 'CORVID_ERR_INGEST_FORMAT'], // a quote never closed
      [10, 'entities'], // read again after it
    ]);
    for (const i of items) if (i.kind !== 'entities') assert.ok(i.reason.length >= 10);
    const [first] = entitiesOf(items);
    // sha1(b'people' + b'person' + b'1'), computed with Python's hashlib
    assert.deepEqual(first, {
      id: '2ea44f9f342e1e10be37c2594a5b8e26f9f9af7a',
      schema: 'Person',
      properties: { name: ['Ana Lima'], notes: ['ok'] },
      meta: { grading: 'B2' },
    });
  });

  test('CSV injection: cells starting with = + - @ are imported verbatim', async () => {
    const items = await readMapped(people, join(FIXTURES, 'broken.csv'));
    const row7 = items.find((i) => i.line === 7);
    assert.ok(row7?.kind === 'entities');
    assert.deepEqual(row7.entities[0]!.properties, { name: ['=HYPERLINK("http://evil.example","x")'], notes: ['+1 -2 @SUM(A1)'] });
  });

  test('with --encoding latin1 the latin1 row is read', async () => {
    const items = await readMapped(people, join(FIXTURES, 'broken.csv'), { encoding: 'latin1' });
    const row4 = items.find((i) => i.line === 4);
    assert.ok(row4?.kind === 'entities');
    assert.deepEqual(row4.entities[0]!.properties.name, ['Müller']);
  });

  test('CR-only line endings with a BOM', async () => {
    const items = await readMapped(people, join(FIXTURES, 'cr-only.csv'));
    assert.deepEqual(summary(items), [
      [2, 'entities'],
      [3, 'entities'],
    ]);
    assert.deepEqual(
      entitiesOf(items).map((e) => e.properties.name),
      [['Ana'], ['Bea']],
    );
  });

  test('a header without a mapped column fails before any row, as a mapping error', async () => {
    const read = readCsvMapping(await loadMappingFile(people));
    const it = read(chunksOf('id,name,note\n1,Ana,x\n'), { fileName: 'x.csv' })[Symbol.asyncIterator]();
    await assert.rejects(it.next(), isCode('CORVID_ERR_INGEST_MAPPING'));
  });

  test('an empty file yields nothing; a garbage header is a format error; garbage rows are rejects', async () => {
    const yaml = await readFile(people, 'utf8');
    assert.deepEqual(await readText(yaml, ''), []);
    await assert.rejects(readText(yaml, garbage(10_000)), isCode('CORVID_ERR_INGEST_FORMAT'));
    const items = await readText(yaml, Buffer.concat([Buffer.from('id,name,grading,note\n'), garbage(100_000)]), { maxRecordBytes: 4096 });
    assert.ok(items.length > 0);
    assert.ok(items.every((i) => i.kind !== 'entities' && i.line >= 2 && i.reason.length >= 10));
  });

  test('a 20 MB cell is rejected by the size limit, quoted or not, and the next rows are read', async () => {
    await withTempDir(async (dir) => {
      for (const quote of ['', '"']) {
        const path = join(dir, `big${quote ? '-quoted' : ''}.csv`);
        const out = createWriteStream(path);
        out.write(`id,name,grading,note\n1,Ana,B2,x\n2,${quote}`);
        const mb = Buffer.alloc(1 << 20, 'z');
        for (let i = 0; i < 20; i++) if (!out.write(mb)) await once(out, 'drain');
        out.write(`${quote},B2,x\n3,Bea,C3,y\n`);
        out.end();
        await once(out, 'finish');
        const items = await collect(readCsvMapping(await loadMappingFile(people))(fileStream(path), { fileName: path }));
        assert.deepEqual(
          summary(items),
          [
            [2, 'entities'],
            [3, 'CORVID_ERR_INGEST_FORMAT'],
            [4, 'entities'],
          ],
          quote ? 'quoted' : 'unquoted',
        );
      }
    });
  });

  test('the same file gives the same items whatever the chunk size (resume relies on it)', async () => {
    const csv = await readFile(join(FIXTURES, 'broken.csv'));
    const yaml = await readFile(people, 'utf8');
    assert.deepEqual(await readText(yaml, csv, {}, 3), await readText(yaml, csv, {}, 65536));
  });
});

describe('mapping features', () => {
  test('filters and filters_not make skips with a reason', async () => {
    const yaml = `
filters: {status: active}
filters_not: {name: [x, y]}
entities:
  p: {schema: Person, keys: [name], properties: {name: {column: name}}}
`;
    const items = await readText(yaml, 'name,status\nAna,active\nBo,retired\nx,active\n');
    assert.deepEqual(summary(items), [
      [2, 'entities'],
      [3, 'skip'],
      [4, 'skip'],
    ]);
  });

  test('template, literal, columns with join, split, date format and required', async () => {
    const yaml = `
entities:
  p:
    schema: Person
    keys: [first, last]
    properties:
      name: {template: "{{first}} {{ last }}"}
      alias: {columns: [last, first], join: ", "}
      nationality: {column: nat, split: ";"}
      birthDate: {column: born, format: "%d.%m.%Y"}
      topics: {literal: crime}
  a:
    schema: Address
    keys: [street]
    properties:
      full: {column: street, required: true}
`;
    const items = await readText(yaml, 'first,last,nat,born,street\nAna,Lima,br; pt,16.02.1971,\n');
    assert.deepEqual(entitiesOf(items), [
      {
        id: entitiesOf(items)[0]!.id,
        schema: 'Person',
        properties: { name: ['Ana Lima'], alias: ['Lima, Ana'], nationality: ['br', 'pt'], birthDate: ['1971-02-16'], topics: ['crime'] },
      },
    ]);
  });

  test('a date that does not fit its format is passed on for the pipeline to report', async () => {
    const yaml = 'entities: {p: {schema: Person, keys: [n], properties: {birthDate: {column: d, format: "%d.%m.%Y"}}}}';
    const [item] = await readText(yaml, 'n,d\nA,1971-31-31\n');
    assert.ok(item?.kind === 'entities');
    assert.deepEqual(item.entities[0]!.properties.birthDate, ['1971-31-31']);
  });

  test('handling fields per row: grading, handling, TLP, compartment, note; invalid ones reject the row', async () => {
    const yaml = `
entities:
  p:
    schema: Person
    keys: [n]
    grading: {column: g}
    handling: {column: h}
    tlp: {column: t}
    compartment: {literal: op-montagna}
    handling_note: {column: note}
`;
    const items = await readText(yaml, 'n,g,h,t,note\nA,adm:D5,h3,amber+strict,ask first\nB,,,,\nC,B2,H9,red,\nD,B2,H1,purple,\n');
    assert.deepEqual(summary(items), [
      [2, 'entities'],
      [3, 'entities'],
      [4, 'CORVID_ERR_MODEL_INVALID_HANDLING'],
      [5, 'CORVID_ERR_MODEL_INVALID_HANDLING'],
    ]);
    const [a, b] = entitiesOf(items);
    assert.deepEqual(a!.meta, { grading: 'C4', handling: 'H3', tlp: 'AMBER+STRICT', compartment: 'op-montagna', handlingNote: 'ask first' });
    assert.deepEqual(b!.meta, { compartment: 'op-montagna' });
  });

  test('semicolon-separated and tab-separated files', async () => {
    const yaml = 'entities: {p: {schema: Person, keys: [n], properties: {name: {column: n}, notes: {column: m}}}}';
    const semi = await readText(yaml, 'n;m\nAna;x,y\n');
    assert.deepEqual(entitiesOf(semi)[0]!.properties, { name: ['Ana'], notes: ['x,y'] });
    const tsv = await collect(readCsvMapping(parseMapping(yaml))(chunksOf('n\tm\nAna\tx;y\n'), { fileName: 'x.tsv' }));
    assert.deepEqual(entitiesOf(tsv)[0]!.properties, { name: ['Ana'], notes: ['x;y'] });
  });

  test('a row whose entities all lack an id is a skip', async () => {
    const yaml = 'entities: {p: {schema: Person, keys: [n], properties: {name: {column: n}}}}';
    assert.deepEqual(summary(await readText(yaml, 'n,m\n,x\n')), [[2, 'skip']]);
  });

  test('rows with the wrong number of fields name their line, and their lines when a quote spans lines', async () => {
    const yaml = 'entities: {p: {schema: Person, keys: [n], properties: {name: {column: n}}}}';
    const items = await readText(yaml, 'n,m\n"a\nb",x,y\nc,d\n');
    assert.deepEqual(summary(items), [
      [2, 'CORVID_ERR_INGEST_FORMAT'],
      [4, 'entities'],
    ]);
  });
});
