/**
 * The FollowTheMoney reader: entities as JSON lines (one `{"id","schema","properties"}` per line, as
 * `ftm` and OpenSanctions write them) or as one JSON array; the first non-blank byte decides which.
 */
import { loadModel, type Model } from '../../model/schema.ts';
import { excerpt, type ReadItem, type Reader, type ReaderOptions } from '../reader.ts';
import { checkEntity } from './ftm-entity.ts';
import { readFtmArray } from './ftm-array.ts';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-scan.ts';
import { encodingReason, maxRecordBytes, peekFirstByte, splitLines, stripBom, tooLongReason, type LineItem } from './lines.ts';

/**
 * Reads FtM entities, one item per line (or per array element), in file order.
 * @example for await (const item of readFtm(readBytes('entities.ftm.json'), { fileName: 'entities.ftm.json' })) …
 */
export const readFtm: Reader = async function* (input: AsyncIterable<Buffer>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const { first, stream } = await peekFirstByte(stripBom(input));
  if (first === undefined) return; // empty or blank file: nothing to read
  if (first === 0x5b /* [ */) {
    yield* readFtmArray(stream, options);
    return;
  }
  const model = loadModel();
  for await (const l of splitLines(stream, { maxLineBytes: maxRecordBytes(options), ...(options.encoding ? { encoding: options.encoding } : {}) })) {
    yield lineItem(model, l, maxRecordBytes(options));
  }
};

/** One JSON line → one item. */
function lineItem(model: Model, l: LineItem, max: number): ReadItem {
  const { line } = l;
  if (l.kind === 'too-long')
    return { kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason: tooLongReason(`line ${line}`, l.bytes, max), raw: excerpt(l.head, 500) };
  if (l.kind === 'invalid-utf8')
    return { kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason: encodingReason(`line ${line}`), raw: excerpt(l.head) };
  const text = l.text.trim();
  if (text === '') return { kind: 'skip', line, reason: 'blank line' };
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    return {
      kind: 'reject',
      line,
      code: 'CORVID_ERR_INGEST_FORMAT',
      reason: `line ${line} nests JSON deeper than ${MAX_JSON_DEPTH} levels; an entity needs 3`,
      raw: excerpt(text, 200),
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const truncated = !l.terminated ? '; the file ends in the middle of this line (truncated?)' : '';
    return {
      kind: 'reject',
      line,
      code: 'CORVID_ERR_INGEST_FORMAT',
      reason: `line ${line} is not valid JSON: ${(err as Error).message}${truncated}`,
      raw: excerpt(text),
    };
  }
  const r = checkEntity(model, data);
  if (!r.ok) return { kind: 'reject', line, code: r.code, reason: `line ${line}: ${r.reason}`, raw: excerpt(text) };
  return { kind: 'entities', line, entities: [r.entity] };
}
