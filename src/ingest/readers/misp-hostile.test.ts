/** Hostile input for the MISP reader: truncation, wrong shapes, deep nesting, huge values and files. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadItem } from '../reader.ts';
import { MAX_MISP_BYTES, readMisp } from './misp.ts';
import { sharedDir } from './stix-schemas.ts';
import { chunksOf, collect, garbage } from './testing.ts';

const read = (text: string | Buffer, maxRecordBytes?: number): Promise<ReadItem[]> =>
  collect(readMisp(chunksOf(text, 4096), { fileName: 'hostile.json', ...(maxRecordBytes ? { maxRecordBytes } : {}) }));
const summary = (items: ReadItem[]): string[] => items.map((i) => `${i.line}:${i.kind}${i.kind === 'reject' ? `:${i.code}` : ''}`);
const event = (attributes: string[]): string => `{"Event":{"uuid":"6f1c2a3b-4d5e-4f60-8172-8394a5b6c7d8","info":"t","date":"2024-05-01","Attribute":[${attributes.join(',')}]}}`;
const attr = (value: string, type = 'domain'): string => `{"type":"${type}","category":"Network activity","value":${value}}`;

describe('wrong shapes', () => {
  test('truncated JSON: one reject, nothing half-read', async () => {
    const text = await readFile(join(sharedDir(), 'data', 'misp', 'existing_event.json'), 'utf8');
    const items = await read(text.slice(0, Math.floor(text.length / 2)));
    assert.deepEqual(summary(items), ['0:reject:CORVID_ERR_INGEST_FORMAT']);
    assert.ok(items[0]!.kind === 'reject' && /invalid JSON/.test(items[0]!.reason));
  });

  test('a string, a number, null, unknown keys, garbage, nothing: one reject each', async () => {
    for (const text of ['"event"', '42', 'null', '{"foo":1,"bar":2}', garbage(3000), '']) {
      assert.deepEqual(summary(await read(text)), ['0:reject:CORVID_ERR_INGEST_FORMAT'], String(text).slice(0, 20));
    }
  });

  test('a list with something that is not an event: that element is rejected, the events are read', async () => {
    const items = await read(`[1, ${event([attr('"a.example"')])}, {"nothing":"here"}]`);
    assert.deepEqual(summary(items), ['1:reject:CORVID_ERR_INGEST_FORMAT', '2:entities', '3:entities', '4:reject:CORVID_ERR_INGEST_FORMAT']);
  });

  test('an attribute without a type, or with a value that is not text, is rejected; the rest is read', async () => {
    const items = await read(event(['{"value":"x"}', attr('{"a":1}'), attr('42', 'port'), attr('"ok.example"')]));
    assert.deepEqual(summary(items), ['1:entities', '2:reject:CORVID_ERR_VALIDATION', '3:reject:CORVID_ERR_VALIDATION', '4:entities', '5:entities']);
  });

  test('invalid UTF-8 is refused unless an encoding is given', async () => {
    const bytes = Buffer.from(event([attr('"caf\u00e9.example"')]), 'latin1');
    assert.deepEqual(summary(await read(bytes)), ['0:reject:CORVID_ERR_INGEST_FORMAT']);
    const items = await collect(readMisp(chunksOf(bytes, 10), { fileName: 'l1.json', encoding: 'latin1' }));
    assert.deepEqual(items[1]!.kind === 'entities' ? items[1]!.entities[0]!.properties.name : [], ['café.example']);
  });
});

describe('limits', () => {
  test('100,000-deep nesting in one attribute: that attribute is rejected, the others read', async () => {
    const deep = `{"type":"text","value":"x","extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const items = await read(event([attr('"a.example"'), deep, attr('"b.example"')]));
    assert.deepEqual(summary(items), ['1:entities', '2:entities', '3:reject:CORVID_ERR_INGEST_FORMAT', '4:entities']);
    assert.ok(items[2]!.kind === 'reject' && /deeper than/.test(items[2]!.reason));
  });

  test('a document nested 100,000 deep is not an event', async () => {
    assert.deepEqual(summary(await read(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)), ['1:reject:CORVID_ERR_INGEST_FORMAT']);
  });

  test('a 20 MB attribute value goes over the 16 MiB record limit: rejected, the event and the rest read', async () => {
    const items = await read(event([attr(`"${'x'.repeat(20_000_000)}"`, 'text'), attr('"b.example"')]));
    assert.deepEqual(summary(items), ['1:entities', '2:reject:CORVID_ERR_INGEST_FORMAT', '3:entities']);
    assert.ok(items[1]!.kind === 'reject' && items[1]!.reason.includes(`larger than ${16 * 1024 * 1024} bytes`));
  });

  test('a file over the whole-document limit is refused without being parsed', async () => {
    const mib = Buffer.alloc(1 << 20, 0x20); // the same 1 MiB of spaces, so the test itself stays small
    async function* huge(): AsyncGenerator<Buffer> {
      for (let i = 0; i <= MAX_MISP_BYTES / mib.length; i++) yield mib;
    }
    const items = await collect(readMisp(huge(), { fileName: 'huge.json' }));
    assert.deepEqual(summary(items), ['0:reject:CORVID_ERR_INGEST_FORMAT']);
    assert.ok(items[0]!.kind === 'reject' && items[0]!.reason.includes(`larger than ${MAX_MISP_BYTES} bytes`));
  });
});
