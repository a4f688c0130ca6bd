/** Hostile input for the STIX reader: wrong shapes, broken JSON, deep nesting, huge values, ReDoS bait. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadItem } from '../reader.ts';
import { readStix } from './stix.ts';
import { chunksOf, collect, fileStream, garbage, withTempDir } from './testing.ts';

const note = (n: number, extra = ''): string =>
  `{"type":"note","spec_version":"2.1","id":"note--0000000${n}-1111-4222-8333-444444444444","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","content":"note ${n}","object_refs":["identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"]${extra}}`;
const bundle = (...objects: string[]): string => `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[${objects.join(',')}]}`;
const read = async (text: string | Buffer, chunk = 65536, maxRecordBytes?: number): Promise<ReadItem[]> =>
  collect(readStix(chunksOf(text, chunk), { fileName: 'hostile.json', ...(maxRecordBytes ? { maxRecordBytes } : {}) }));
const summary = (items: ReadItem[]): string[] => items.map((i) => `${i.line}:${i.kind}${i.kind === 'reject' ? `:${i.code}` : ''}`);

describe('not a bundle', () => {
  test('a top-level array, a string, a single object, nothing, garbage: one reject each', async () => {
    for (const text of ['[{"type":"note"}]', '"bundle"', '{"type":"indicator","id":"indicator--x","objects":[]}', '', '   ', garbage(5000)]) {
      const items = await read(text);
      assert.deepEqual(summary(items), ['0:reject:CORVID_ERR_INGEST_FORMAT'], String(text).slice(0, 40));
    }
  });

  test('a bundle without objects, or with objects that are not an array', async () => {
    assert.deepEqual(summary(await read('{"type":"bundle","id":"bundle--1"}')), ['0:reject:CORVID_ERR_INGEST_FORMAT']);
    assert.deepEqual(summary(await read('{"type":"bundle","objects":{"a":{"type":"note"}}}')), ['0:reject:CORVID_ERR_INGEST_FORMAT']);
  });

  test('data after the end of the bundle is refused after what came before', async () => {
    const items = await read(`${bundle(note(1))} {"type":"bundle"}`);
    assert.deepEqual(summary(items), ['1:entities', '0:reject:CORVID_ERR_INGEST_FORMAT']);
  });

  test('an escaped key still names the objects array; an empty bundle yields nothing', async () => {
    assert.deepEqual(summary(await read(`{"type":"bundle","obj\\u0065cts":[${note(1)}]}`)), ['1:entities']);
    assert.deepEqual(await read(bundle()), []);
  });
});

describe('broken objects', () => {
  test('an object missing required fields is rejected with the schema errors; reading goes on', async () => {
    const items = await read(bundle(note(1), '{"type":"note","id":"note--00000002-1111-4222-8333-444444444444"}', note(3)));
    assert.deepEqual(summary(items), ['1:entities', '2:reject:CORVID_ERR_VALIDATION', '3:entities']);
    const r = items[1]!;
    assert.ok(r.kind === 'reject' && /object 2 \(note\)/.test(r.reason) && /required property/.test(r.reason));
  });

  test('elements that are not objects, or have no type', async () => {
    const items = await read(bundle('42', '"text"', '{"id":"x"}', 'null', note(5)));
    assert.deepEqual(summary(items), ['1:reject:CORVID_ERR_INGEST_FORMAT', '2:reject:CORVID_ERR_INGEST_FORMAT', '3:reject:CORVID_ERR_VALIDATION', '4:reject:CORVID_ERR_INGEST_FORMAT', '5:entities']);
  });

  test('invalid JSON inside object 2 ends the read after object 1, naming object 2', async () => {
    const items = await read(bundle(note(1), '{"type":"note",,"x":1}', note(3)));
    assert.deepEqual(summary(items), ['1:entities', '2:reject:CORVID_ERR_INGEST_FORMAT']);
    const r = items[1]!;
    assert.ok(r.kind === 'reject' && /invalid JSON (at byte \d+ )?in object 2/.test(r.reason), r.kind === 'reject' ? r.reason : '');
  });

  test('a truncated bundle: the objects before the cut, then one reject naming where', async () => {
    const text = bundle(note(1), note(2), note(3));
    const cut = text.indexOf('note 3');
    const items = await read(text.slice(0, cut));
    assert.deepEqual(summary(items), ['1:entities', '2:entities', '3:reject:CORVID_ERR_INGEST_FORMAT']);
    const r = items[2]!;
    assert.ok(r.kind === 'reject' && r.reason.includes(`ends at byte ${cut} inside object 3`));
    // Cut between objects: no object to blame, still a reject.
    const between = await read(text.slice(0, text.indexOf(note(3)) - 1));
    assert.deepEqual(summary(between), ['1:entities', '2:entities', '0:reject:CORVID_ERR_INGEST_FORMAT']);
  });

  test('a hostile extension key (exponential for the schema pattern as published) is rejected, not run for hours', async () => {
    const key = `${'a'.repeat(60)}!`;
    const items = await read(bundle(`{"type":"domain-name","id":"domain-name--69228563-c8d2-54ae-aeca-5f4134cb59aa","value":"evil.example","extensions":{"${key}":{"x":1}}}`));
    assert.deepEqual(summary(items), ['1:reject:CORVID_ERR_VALIDATION']);
  });
});

describe('limits', () => {
  test('100,000-deep nesting in one object: that object is rejected unread, the next one is read', async () => {
    const deep = `{"type":"note","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const items = await read(bundle(note(1), deep, note(3)));
    assert.deepEqual(summary(items), ['1:entities', '2:reject:CORVID_ERR_INGEST_FORMAT', '3:entities']);
    assert.ok(items[1]!.kind === 'reject' && /nests JSON too deep/.test(items[1]!.reason));
  });

  test('after an object skipped unread, later objects and error positions are still right', async () => {
    const text = bundle(note(1), `{"x":${'['.repeat(200)}${']'.repeat(200)}}`, note(3), '{"type":"note","x":tru}');
    const items = await read(text, 100);
    assert.deepEqual(summary(items), ['1:entities', '2:reject:CORVID_ERR_INGEST_FORMAT', '3:entities', '4:reject:CORVID_ERR_INGEST_FORMAT']);
    const at = text.indexOf('tru}') + 3; // the "}" that cannot follow "tru"
    assert.ok(items[3]!.kind === 'reject' && items[3]!.reason.includes(`at byte ${at} in object 4`));
  });

  test('100,000-deep nesting outside the objects ends the read', async () => {
    const text = `{"type":"bundle","x":${'['.repeat(100_000)}${']'.repeat(100_000)},"objects":[${note(1)}]}`;
    assert.deepEqual(summary(await read(text)), ['0:reject:CORVID_ERR_INGEST_FORMAT']);
  });

  test('a 20 MB string field goes over the default 16 MiB record limit: rejected, the next object read', async () => {
    const big = note(2, `,"description":"${'x'.repeat(20_000_000)}"`);
    const items = await withTempDir(async (dir) => {
      const file = join(dir, 'big.json');
      await writeFile(file, bundle(note(1), big, note(3)));
      return collect(readStix(fileStream(file), { fileName: 'big.json' }));
    });
    assert.deepEqual(summary(items), ['1:entities', '2:reject:CORVID_ERR_INGEST_FORMAT', '3:entities']);
    assert.ok(items[1]!.kind === 'reject' && items[1]!.reason.includes(`larger than ${16 * 1024 * 1024} bytes`));
  });

  test('maxRecordBytes applies to objects and to primitive elements alike', async () => {
    const items = await read(bundle(note(1), note(2, `,"description":"${'y'.repeat(5000)}"`), `"${'z'.repeat(5000)}"`, note(4)), 1000, 2000);
    assert.deepEqual(summary(items), ['1:entities', '2:reject:CORVID_ERR_INGEST_FORMAT', '3:reject:CORVID_ERR_INGEST_FORMAT', '4:entities']);
  });

  test('a huge string outside the objects ends the read', async () => {
    assert.deepEqual(summary(await read(`{"type":"bundle","x":"${'q'.repeat(5000)}","objects":[]}`, 512, 2000)), ['0:reject:CORVID_ERR_INGEST_FORMAT']);
  });

  test('latin1 input is re-encoded when the encoding is given', async () => {
    const text = bundle(note(1, ',"abstract":"caf\u00e9"'));
    const items = await collect(readStix(chunksOf(Buffer.from(text, 'latin1'), 7), { fileName: 'l1.json', encoding: 'latin1' }));
    assert.ok(items[0]!.kind === 'entities');
    assert.deepEqual(items[0]!.entities[0]!.properties.summary, ['café']);
  });
});
