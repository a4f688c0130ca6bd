/**
 * The JSON-array form of FtM (`[ {…}, {…} ]`, possibly pretty-printed), read as a stream with
 * @streamparser/json so that only one element is in memory at a time. An array has no point to
 * resynchronise at, so invalid JSON, a too-deep or too-large element, or bad encoding ends the read
 * with a reject naming the line; every element before it has been yielded.
 */
import JSONParser from '@streamparser/json/jsonparser.js';
import { loadModel } from '../../model/schema.ts';
import { excerpt, type ReadItem, type ReaderOptions } from '../reader.ts';
import { checkEntity } from './ftm-entity.ts';
import { JsonArrayScanner, MAX_JSON_DEPTH } from './json-scan.ts';
import { chunkDecoder, encodingReason, maxRecordBytes } from './lines.ts';

const stop = (line: number, reason: string): ReadItem => ({ kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason });
const REST = 'the rest of the file cannot be read';

/** Reads a stream that starts (after white space) with `[`. */
export async function* readFtmArray(input: AsyncIterable<Buffer>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const model = loadModel();
  const max = maxRecordBytes(options);
  const scanner = new JsonArrayScanner(MAX_JSON_DEPTH, max);
  const decoder = chunkDecoder(options.encoding);
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false });
  let values: unknown[] = [];
  parser.onValue = ({ value }) => {
    values.push(value);
  };
  let parseError: Error | undefined;
  parser.onError = (err) => {
    parseError ??= err;
  };
  let ended = false;
  parser.onEnd = () => {
    ended = true;
  };

  const drain = function* (): Generator<ReadItem> {
    for (const value of values) {
      const line = scanner.takeStart();
      const r = checkEntity(model, value);
      if (r.ok) yield { kind: 'entities', line, entities: [r.entity] };
      else yield { kind: 'reject', line, code: r.code, reason: `array element at line ${line}: ${r.reason}`, raw: excerpt(safeJson(value)) };
    }
    values = [];
  };

  /**
   * Feeds text to scanner and parser. When the read must end, returns how to say why; that is built
   * only after the completed elements have been drained, so it names the element that failed.
   */
  const feed = (text: string): (() => ReadItem) | undefined => {
    const limit = scanner.scan(text);
    const ok = limit ? text.slice(0, limit.at) : text;
    const before = ended;
    if (ok && !ended) parser.write(ok);
    if ((parseError && ended) || (!parseError && ended && before && ok.trim() !== '')) {
      return () => stop(scanner.line, `unexpected data after the end of the JSON array (near line ${scanner.line}); ${REST}`);
    }
    const at = (): number => scanner.peekStart();
    if (parseError) {
      const message = parseError.message;
      return () => stop(at(), `invalid JSON in the array element starting at line ${at()} (reading stopped near line ${scanner.line}): ${message}; ${REST}`);
    }
    if (limit?.problem === 'too-deep')
      return () => stop(at(), `the array element starting at line ${at()} nests JSON deeper than ${MAX_JSON_DEPTH} levels; ${REST}`);
    if (limit?.problem === 'too-large') return () => stop(at(), `the array element starting at line ${at()} is larger than ${max} characters; ${REST}`);
    return undefined;
  };

  for await (const chunk of input) {
    let text: string;
    try {
      text = decoder.write(chunk);
    } catch {
      yield* drain();
      yield stop(scanner.line, `${encodingReason(`the data near line ${scanner.line}`)}; ${REST}`);
      return;
    }
    const final = feed(text);
    yield* drain();
    if (final) {
      yield final();
      return;
    }
  }
  let tail: string;
  try {
    tail = decoder.end();
  } catch {
    yield stop(scanner.line, `${encodingReason('the end of the file')}; ${REST}`);
    return;
  }
  const final = tail ? feed(tail) : undefined;
  yield* drain();
  if (final) {
    yield final();
    return;
  }
  if (!ended) {
    yield stop(
      scanner.peekStart(),
      `the file ends inside the JSON array (truncated?): the element starting at line ${scanner.peekStart()} or the closing ] is missing`,
    );
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
