/** Tests of the FtM reader on the shared sample files and on broken and hostile input. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadItem, ReaderOptions } from '../reader.ts';
import { readFtm } from './ftm.ts';
import { chunksOf, collect, FIXTURES, fileStream, garbage, SHARED_DATA, withTempDir } from './testing.ts';

const opts = (extra: Partial<ReaderOptions> = {}): ReaderOptions => ({ fileName: 'test.ftm.json', ...extra });
const read = (data: Buffer | string, extra: Partial<ReaderOptions> = {}, chunk = 65536): Promise<ReadItem[]> =>
  collect(readFtm(chunksOf(data, chunk), opts(extra)));

function schemaCounts(items: ReadItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const i of items) if (i.kind === 'entities') for (const e of i.entities) counts[e.schema] = (counts[e.schema] ?? 0) + 1;
  return counts;
}

/** Every reject names its line and gives a reason. */
function assertRejectsExplained(items: ReadItem[]): void {
  for (const i of items) {
    assert.ok(i.line >= 1, 'a line number');
    if (i.kind !== 'entities') assert.ok(i.reason.length >= 10, `a reason on line ${i.line}`);
  }
}

describe('readFtm on the shared samples', () => {
  // Counted with: grep -o '"schema": *"[A-Za-z]*"' FILE | sort | uniq -c
  test('parteispenden: 475 lines, entities per schema as counted by hand', async () => {
    const items = await collect(readFtm(fileStream(join(SHARED_DATA, 'ftm/parteispenden_entities.ftm.json')), opts()));
    assert.equal(items.length, 475);
    assert.ok(items.every((i) => i.kind === 'entities'));
    assert.deepEqual(schemaCounts(items), { Address: 89, Company: 56, Organization: 18, Payment: 290, Person: 22 });
    assert.deepEqual(
      items.slice(0, 3).map((i) => i.line),
      [1, 2, 3],
    );
  });

  test('yente: 7 entities with first/last seen kept, the last line having no line ending', async () => {
    const items = await collect(readFtm(fileStream(join(SHARED_DATA, 'ftm/yente_t1_entities.ftm.json'), 1024), opts()));
    assert.deepEqual(schemaCounts(items), { Address: 1, Organization: 2, Person: 4 });
    const first = items[0]!;
    assert.equal(first.kind, 'entities');
    if (first.kind === 'entities') {
      assert.equal(first.entities[0]!.id, 'NK-2GdmHtZTeNXjNVrBGEXZNj');
      assert.deepEqual(first.entities[0]!.meta, { firstSeen: '2023-04-20T18:00:25', lastSeen: '2024-06-01T10:57:03' });
      assert.deepEqual(first.entities[0]!.properties.country, ['by']);
    }
  });

  test('the same entities as a pretty-printed JSON array come out identical, in order', async () => {
    const text = await readFile(join(SHARED_DATA, 'ftm/parteispenden_entities.ftm.json'), 'utf8');
    const list: unknown[] = text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
    const fromLines = await read(text);
    const fromArray = await read(JSON.stringify(list, null, 2), {}, 4096);
    const entities = (items: ReadItem[]) => items.flatMap((i) => (i.kind === 'entities' ? i.entities : []));
    assert.equal(fromArray.length, 475);
    assert.deepEqual(entities(fromArray), entities(fromLines));
    assert.deepEqual(schemaCounts(fromArray), { Address: 89, Company: 56, Organization: 18, Payment: 290, Person: 22 });
  });
});

describe('readFtm on broken input', () => {
  test('the hand-made broken file: each line is read, skipped or rejected with its own code', async () => {
    const items = await collect(readFtm(fileStream(join(FIXTURES, 'ftm-broken.ftm.json'), 7), opts()));
    const summary = items.map((i) => [i.line, i.kind === 'reject' ? i.code : i.kind]);
    assert.deepEqual(summary, [
      [1, 'entities'], // after a BOM, CRLF endings, extra keys
      [2, 'skip'], // blank
      [3, 'CORVID_ERR_MODEL_UNKNOWN_SCHEMA'],
      [4, 'CORVID_ERR_MODEL_UNKNOWN_PROPERTY'],
      [5, 'CORVID_ERR_MODEL_INVALID_VALUE'], // a nested object as a value
      [6, 'entities'], // a number as a value
      [7, 'CORVID_ERR_INGEST_FORMAT'], // invalid JSON
      [8, 'CORVID_ERR_INGEST_FORMAT'], // nested 100 deep
      [9, 'CORVID_ERR_MODEL_INVALID_ID'],
      [10, 'skip'], // spaces only
      [11, 'entities'], // a formula-looking name, kept as data
      [12, 'CORVID_ERR_INGEST_FORMAT'], // the file ends mid-line
    ]);
    assertRejectsExplained(items);
    const byLine = new Map(items.map((i) => [i.line, i]));
    const p1 = byLine.get(1);
    assert.ok(p1?.kind === 'entities');
    assert.deepEqual(p1.entities[0], {
      id: 'p1',
      schema: 'Person',
      properties: { name: ['Ana Lima'], birthDate: ['1970-01-02'] },
      meta: { firstSeen: '2023-01-01T00:00:00', lastSeen: '2024-02-02T00:00:00' },
    });
    const c4 = byLine.get(6);
    assert.ok(c4?.kind === 'entities');
    assert.deepEqual(c4.entities[0]!.properties.registrationNumber, ['12345']);
    const p2 = byLine.get(11);
    assert.ok(p2?.kind === 'entities');
    assert.deepEqual(p2.entities[0]!.properties.name, ["=cmd|' /C calc'!A0"]);
    const unknownProp = byLine.get(4);
    assert.ok(unknownProp?.kind === 'reject' && unknownProp.reason.includes('favouriteColour'));
  });

  test('the hand-made array: a bad element is rejected at the line it starts on, the rest read', async () => {
    const items = await collect(readFtm(fileStream(join(FIXTURES, 'ftm-array.json'), 16), opts()));
    assert.deepEqual(
      items.map((i) => [i.line, i.kind === 'reject' ? i.code : i.kind]),
      [
        [2, 'entities'],
        [7, 'CORVID_ERR_MODEL_UNKNOWN_PROPERTY'],
        [12, 'entities'],
      ],
    );
  });

  test('empty and blank files yield nothing', async () => {
    assert.deepEqual(await read(''), []);
    assert.deepEqual(await read(' \r\n\n'), []);
    assert.deepEqual(await read(Buffer.from([0xef, 0xbb, 0xbf])), []);
  });

  test('a truncated array yields what was complete and then a reject naming the line', async () => {
    const items = await read('[\n{"id":"a","schema":"Person","properties":{}},\n{"id":"b","schema":"Pers');
    assert.deepEqual(
      items.map((i) => [i.line, i.kind === 'reject' ? i.code : i.kind]),
      [
        [2, 'entities'],
        [3, 'CORVID_ERR_INGEST_FORMAT'],
      ],
    );
  });

  test('invalid UTF-8 is a reject naming the line; with an encoding it is read', async () => {
    const data = Buffer.concat([Buffer.from('{"id":"x","schema":"Person","properties":{"name":["M'), Buffer.from([0xfc]), Buffer.from('ller"]}}\n')]);
    const [bad] = await read(data);
    assert.ok(bad?.kind === 'reject' && bad.line === 1 && bad.code === 'CORVID_ERR_INGEST_FORMAT');
    const [good] = await read(data, { encoding: 'latin1' });
    assert.ok(good?.kind === 'entities');
    assert.deepEqual(good.entities[0]!.properties.name, ['Müller']);
    const [inArray] = await read(Buffer.concat([Buffer.from('['), data, Buffer.from(']')]));
    assert.ok(inArray?.kind === 'reject' && inArray.code === 'CORVID_ERR_INGEST_FORMAT');
  });

  test('data after the closing bracket of an array is a reject', async () => {
    const items = await read('[{"id":"a","schema":"Person","properties":{}}]\n{"id":"b"}');
    assert.deepEqual(
      items.map((i) => i.kind),
      ['entities', 'reject'],
    );
  });
});

describe('readFtm on hostile input', () => {
  test('100,000 levels of [ on a line are rejected without a stack overflow, and the next line is read', async () => {
    const entity = '{"id":"ok","schema":"Person","properties":{}}';
    const items = await read(`${entity}\n${'['.repeat(100_000)}\n${'{"a":'.repeat(100_000)}\n${entity}\n`);
    assert.deepEqual(
      items.map((i) => [i.line, i.kind === 'reject' ? i.code : i.kind]),
      [
        [1, 'entities'],
        [2, 'CORVID_ERR_INGEST_FORMAT'],
        [3, 'CORVID_ERR_INGEST_FORMAT'],
        [4, 'entities'],
      ],
    );
  });

  test('100,000 levels of [ inside an array stop the read with a reject', async () => {
    const items = await read(`[{"id":"ok","schema":"Person","properties":{}},\n${'['.repeat(100_000)}`);
    assert.deepEqual(
      items.map((i) => [i.line, i.kind === 'reject' ? i.code : i.kind]),
      [
        [1, 'entities'],
        [2, 'CORVID_ERR_INGEST_FORMAT'],
      ],
    );
  });

  test('a 50 MB line is rejected by the size limit and the lines around it are read', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'huge.ftm.json');
      const out = createWriteStream(path);
      out.write('{"id":"a","schema":"Person","properties":{"name":["A"]}}\n');
      out.write('{"id":"big","schema":"Person","properties":{"notes":["');
      const mb = Buffer.alloc(1 << 20, 'x');
      for (let i = 0; i < 50; i++) if (!out.write(mb)) await once(out, 'drain');
      out.write('"]}}\n{"id":"b","schema":"Person","properties":{"name":["B"]}}\n');
      out.end();
      await once(out, 'finish');
      const items = await collect(readFtm(fileStream(path), opts()));
      assert.deepEqual(
        items.map((i) => [i.line, i.kind === 'reject' ? i.code : i.kind]),
        [
          [1, 'entities'],
          [2, 'CORVID_ERR_INGEST_FORMAT'],
          [3, 'entities'],
        ],
      );
      const big = items[1]!;
      assert.ok(big.kind === 'reject' && (big.raw ?? '').length < 2000);
    });
  });

  test('an array element over the size limit stops the read with a reject', async () => {
    const items = await read(`[{"id":"a","schema":"Person","properties":{}},\n{"id":"b","schema":"Person","properties":{"notes":["${'y'.repeat(5000)}"]}}]`, {
      maxRecordBytes: 1000,
    });
    assert.deepEqual(
      items.map((i) => [i.line, i.kind === 'reject' ? i.code : i.kind]),
      [
        [1, 'entities'],
        [2, 'CORVID_ERR_INGEST_FORMAT'],
      ],
    );
  });

  test('binary garbage yields only rejects and skips, each with a line, and never throws', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'garbage.bin');
      await writeFile(path, garbage(200_000));
      const items = await collect(readFtm(fileStream(path, 4096), opts({ maxRecordBytes: 4096 })));
      assert.ok(items.length > 0);
      assert.ok(items.every((i) => i.kind !== 'entities'));
      assertRejectsExplained(items);
    });
  });

  test('the same input gives the same items on every run (resume relies on it)', async () => {
    const data = await readFile(join(FIXTURES, 'ftm-broken.ftm.json'));
    assert.deepEqual(await read(data, {}, 5), await read(data, {}, 4096));
  });
});
