/** Tests of CSV record framing: line endings, quotes, recovery from broken quotes and over-long records. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { csvRecords, type CsvItem } from './csv-records.ts';
import { chunksOf, collect } from './testing.ts';

const COMMA = 0x2c;

async function records(data: Buffer | string, chunk = 65536, maxRecordBytes = 1 << 20, encoding?: BufferEncoding): Promise<CsvItem[]> {
  return collect(csvRecords(chunksOf(data, chunk), { maxRecordBytes, delimiter: COMMA, ...(encoding ? { encoding } : {}) }));
}

/** [line, fields or 'blank' or 'bad'] per item, to compare with what was worked out by hand. */
const brief = (items: CsvItem[]): [number, string[] | string][] => items.map((r) => [r.line, r.kind === 'record' ? r.fields : r.kind]);

/** The same answer whatever the chunk size: a boundary anywhere must not change anything. */
async function framed(data: Buffer | string, maxRecordBytes = 1 << 20): Promise<[number, string[] | string][]> {
  const whole = brief(await records(data, 65536, maxRecordBytes));
  for (const size of [1, 2, 3, 7]) assert.deepEqual(brief(await records(data, size, maxRecordBytes)), whole, `chunk size ${size}`);
  return whole;
}

describe('csvRecords', () => {
  test('LF, CRLF, CR-only and mixed endings, with a BOM', async () => {
    const expected = [
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
    ];
    assert.deepEqual(await framed('a,b\n1,2\n3,4\n'), expected);
    assert.deepEqual(await framed('a,b\r\n1,2\r\n3,4'), expected);
    assert.deepEqual(await framed('\ufeffa,b\r1,2\r3,4\r\n'), expected); // like montagna_sightings.csv
  });

  test('quoted fields hold delimiters, doubled quotes and line breaks; the record keeps its first line', async () => {
    const items = await records('a,b\n"x,\r\ny",2\n"say ""hi""",3\n');
    assert.deepEqual(brief(items), [
      [1, ['a', 'b']],
      [2, ['x,\r\ny', '2']],
      [4, ['say "hi"', '3']],
    ]);
    assert.ok(items[1]!.kind === 'record' && items[1]!.endLine === 3);
  });

  test('blank lines are blank items; spaces after a delimiter are skipped as FtM does', async () => {
    assert.deepEqual(await framed('a, b\n\n 1, "x,y"\n  \n'), [
      [1, ['a', 'b']],
      [2, 'blank'],
      [3, ['1', 'x,y']],
      [4, 'blank'],
    ]);
  });

  test('an unclosed quote costs only its own line: reading resumes on the next', async () => {
    assert.deepEqual(await framed('a,b\n1,"Smith\n2,Jones\n3,Brown\n'), [
      [1, ['a', 'b']],
      [2, 'bad'],
      [3, ['2', 'Jones']],
      [4, ['3', 'Brown']],
    ]);
    // ...also when a later quote seems to close it
    assert.deepEqual(await framed('a,b\n1,"Smith\n2,Jones\n3,"Brown"\n4,Green'), [
      [1, ['a', 'b']],
      [2, 'bad'],
      [3, ['2', 'Jones']],
      [4, ['3', 'Brown']],
      [5, ['4', 'Green']],
    ]);
  });

  test('text after a closing quote on one line rejects that line only', async () => {
    assert.deepEqual(await framed('a,b\n1,"x"y\n2,z\n'), [
      [1, ['a', 'b']],
      [2, 'bad'],
      [3, ['2', 'z']],
    ]);
  });

  test('a quote inside an unquoted field is data', async () => {
    assert.deepEqual(await framed('a,b\n5" screen,x\n'), [
      [1, ['a', 'b']],
      [2, ['5" screen', 'x']],
    ]);
  });

  test('over-long records are skipped to the next line, quoted or not', async () => {
    const x = 'x'.repeat(100);
    assert.deepEqual(await framed(`a,b\n1,${x}\n2,z\r\n3,w`, 50), [
      [1, ['a', 'b']],
      [2, 'bad'],
      [3, ['2', 'z']],
      [4, ['3', 'w']],
    ]);
    assert.deepEqual(await framed(`a,b\n1,"${x}"\n2,z\n`, 50), [
      [1, ['a', 'b']],
      [2, 'bad'],
      [3, ['2', 'z']],
    ]);
    // an unclosed quote with a long tail: its line is set aside, the lines after it are read again
    assert.deepEqual(await framed(`a,b\n1,"abc\n2,${x}\n3,z\n`, 50), [
      [1, ['a', 'b']],
      [2, 'bad'],
      [3, 'bad'],
      [4, ['3', 'z']],
    ]);
  });

  test('invalid UTF-8 is a bad record naming its line; with an encoding it is decoded', async () => {
    const data = Buffer.concat([Buffer.from('a,b\n'), Buffer.from('M\xfcller,2\n', 'latin1'), Buffer.from('3,4\n')]);
    const items = await records(data);
    assert.deepEqual(brief(items), [
      [1, ['a', 'b']],
      [2, 'bad'],
      [3, ['3', '4']],
    ]);
    assert.ok(items[1]!.kind === 'bad' && items[1]!.reason.includes('--encoding'));
    assert.deepEqual(brief(await records(data, 65536, 1 << 20, 'latin1')), [
      [1, ['a', 'b']],
      [2, ['Müller', '2']],
      [3, ['3', '4']],
    ]);
  });

  test('multi-byte characters split across chunks survive', async () => {
    assert.deepEqual(await framed('name\nŁódź 東京\n'), [
      [1, ['name']],
      [2, ['Łódź 東京']],
    ]);
  });

  test('an empty input has no records', async () => {
    assert.deepEqual(await records(''), []);
  });
});
