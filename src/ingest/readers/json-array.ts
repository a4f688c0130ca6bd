/**
 * A top-level JSON array (`[ {…}, {…} ]`, possibly pretty-printed) read as a stream with
 * @streamparser/json so that only one element is in memory at a time; each element is handed, with
 * the line it starts on, to the format's own check. An array has no point to resynchronise at, so
 * invalid JSON, a too-deep or too-large element, or bad encoding ends the read with a reject naming
 * the line; every element before it has been yielded. Used by the FtM and Bitcoin readers.
 */
import JSONParser from '@streamparser/json/jsonparser.js';
import type { ReadItem, ReaderOptions } from '../reader.ts';
import { JsonArrayScanner, MAX_JSON_DEPTH } from './json-scan.ts';
import { chunkDecoder, encodingReason, maxRecordBytes } from './lines.ts';

const stop = (line: number, reason: string): ReadItem => ({ kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason });
const REST = 'the rest of the file cannot be read';

/** Turns one array element, starting on `line`, into the item the reader yields. */
export type ElementCheck = (value: unknown, line: number) => ReadItem | ReadItem[];

/**
 * Reads a stream that starts (after white space) with `[`, one element at a time.
 * @example yield* streamJsonArray(stream, options, (value, line) => ({ kind: 'skip', line, reason: 'demo' }));
 */
export async function* streamJsonArray(input: AsyncIterable<Buffer>, options: ReaderOptions, check: ElementCheck, maxDepth = MAX_JSON_DEPTH): AsyncGenerator<ReadItem> {
  const max = maxRecordBytes(options);
  const scanner = new JsonArrayScanner(maxDepth, max);
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
      const out = check(value, scanner.takeStart());
      if (Array.isArray(out)) yield* out;
      else yield out;
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
      return () => stop(at(), `the array element starting at line ${at()} nests JSON deeper than ${maxDepth} levels; ${REST}`);
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

/** JSON text of a value for a reject file, never throwing. */
export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
