/**
 * The JSON-array form of FtM (`[ {…}, {…} ]`, possibly pretty-printed), read as a stream one element at
 * a time (json-array.ts); each element is checked as an FtM entity.
 */
import { loadModel } from '../../model/schema.ts';
import { excerpt, type ReadItem, type ReaderOptions } from '../reader.ts';
import { checkEntity } from './ftm-entity.ts';
import { safeJson, streamJsonArray } from './json-array.ts';

/** Reads a stream that starts (after white space) with `[`. */
export function readFtmArray(input: AsyncIterable<Buffer>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const model = loadModel();
  return streamJsonArray(input, options, (value, line): ReadItem => {
    const r = checkEntity(model, value);
    if (r.ok) return { kind: 'entities', line, entities: [r.entity] };
    return { kind: 'reject', line, code: r.code, reason: `array element at line ${line}: ${r.reason}`, raw: excerpt(safeJson(value)) };
  });
}
