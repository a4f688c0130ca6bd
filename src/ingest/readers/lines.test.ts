/** Tests of the byte-stream → lines splitter. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isCorvidError } from '../../errors.ts';
import { checkEncoding, peekFirstByte, splitLines, stripBom, type LineItem } from './lines.ts';
import { chunksOf, collect } from './testing.ts';

const split = (data: Buffer | string, chunk = 65536, maxLineBytes = 1 << 20, encoding?: BufferEncoding): Promise<LineItem[]> =>
  collect(splitLines(chunksOf(data, chunk), { maxLineBytes, ...(encoding ? { encoding } : {}) }));

const texts = (items: LineItem[]): [number, string][] => items.map((l) => [l.line, l.kind === 'text' ? l.text : l.kind]);

describe('splitLines', () => {
  test('LF, CRLF and CR-only endings, mixed, number the lines the same whatever the chunk size', async () => {
    const data = 'a\r\nb\rc\nd\r\n\re';
    const expected: [number, string][] = [
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
      [5, ''],
      [6, 'e'],
    ];
    for (const size of [1, 2, 3, 5, 1000]) assert.deepEqual(texts(await split(data, size)), expected, `chunk size ${size}`);
  });

  test('a CR at the end of a chunk and the LF at the start of the next are one line ending', async () => {
    const items = await collect(
      splitLines(
        (async function* () {
          yield Buffer.from('one\r');
          yield Buffer.from('\ntwo');
        })(),
        { maxLineBytes: 100 },
      ),
    );
    assert.deepEqual(texts(items), [
      [1, 'one'],
      [2, 'two'],
    ]);
  });

  test('marks a last line without a line ending as unterminated', async () => {
    const items = await split('x\ny');
    assert.deepEqual(
      items.map((l) => l.kind === 'text' && l.terminated),
      [true, false],
    );
    assert.deepEqual(await split(''), []);
    assert.deepEqual(texts(await split('x\n')), [[1, 'x']]);
  });

  test('drops a UTF-8 BOM, also when it is split across chunks, and keeps a U+FEFF elsewhere', async () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo\n\ufeffx')]);
    for (const size of [1, 2, 4, 100])
      assert.deepEqual(texts(await split(data, size)), [
        [1, 'héllo'],
        [2, '\ufeffx'],
      ]);
  });

  test('decodes multi-byte characters split across chunks', async () => {
    assert.deepEqual(texts(await split('Ærø — 東京\n', 1)), [[1, 'Ærø — 東京']]);
  });

  test('an over-long line is reported with its size and a short head, and the next line is read', async () => {
    const long = 'x'.repeat(10_000);
    const items = await split(`ok\n${long}\nnext\n`, 333, 1000);
    assert.deepEqual(texts(items), [
      [1, 'ok'],
      [2, 'too-long'],
      [3, 'next'],
    ]);
    const tooLong = items[1]!;
    assert.equal(tooLong.kind, 'too-long');
    if (tooLong.kind === 'too-long') {
      assert.equal(tooLong.bytes, 10_000);
      assert.ok(tooLong.head.length <= 2048);
    }
  });

  test('invalid UTF-8 is reported per line; with an encoding the line is decoded with it', async () => {
    const data = Buffer.concat([Buffer.from('a\n'), Buffer.from('M\xfcller\n', 'latin1'), Buffer.from('b')]);
    assert.deepEqual(texts(await split(data)), [
      [1, 'a'],
      [2, 'invalid-utf8'],
      [3, 'b'],
    ]);
    assert.deepEqual(texts(await split(data, 65536, 1000, 'latin1')), [
      [1, 'a'],
      [2, 'Müller'],
      [3, 'b'],
    ]);
  });

  test('refuses encodings whose line breaks are not single bytes', () => {
    assert.throws(
      () => checkEncoding('utf16le'),
      (e: unknown) => isCorvidError(e) && e.code === 'CORVID_ERR_INGEST_FILE',
    );
    assert.equal(checkEncoding('latin1'), 'latin1');
  });
});

describe('stream helpers', () => {
  test('peekFirstByte finds the first non-blank byte and replays every byte', async () => {
    const { first, stream } = await peekFirstByte(chunksOf(' \n\r\t [1]', 2));
    assert.equal(first, '['.charCodeAt(0));
    assert.equal(Buffer.concat(await collect(stream)).toString(), ' \n\r\t [1]');
    assert.equal((await peekFirstByte(chunksOf(' \n'))).first, undefined);
  });

  test('stripBom keeps a lone BOM prefix as data', async () => {
    assert.deepEqual(Buffer.concat(await collect(stripBom(chunksOf(Buffer.from([0xef, 0xbb]))))), Buffer.from([0xef, 0xbb]));
  });
});
