/**
 * Byte stream → lines, for the line-based readers: `\n`, `\r\n` and old-Mac `\r` endings, a leading
 * UTF-8 byte-order mark, over-long lines (skipped without being buffered) and invalid UTF-8.
 */
import { StringDecoder } from 'node:string_decoder';
import { CorvidError } from '../../errors.ts';
import type { ReaderOptions } from '../reader.ts';

/** The default of `ReaderOptions.maxRecordBytes`. */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** How much of an over-long or undecodable line is kept for the reject file. */
const HEAD_BYTES = 2048;
const LF = 0x0a;
const CR = 0x0d;

export type LineItem =
  /** `terminated` is false for a last line without a line ending (a truncated file often looks so). */
  | { kind: 'text'; line: number; text: string; terminated: boolean }
  | { kind: 'too-long'; line: number; bytes: number; head: string }
  | { kind: 'invalid-utf8'; line: number; head: string };

/** The single-byte encodings (and UTF-8) whose line endings are the bytes `\n` and `\r`. */
const LINE_SAFE_ENCODINGS = new Set<string>(['utf8', 'utf-8', 'latin1', 'binary', 'ascii']);

/**
 * Checks `options.encoding` for a byte-oriented reader: UTF-16 and the binary-to-text encodings cannot
 * be split on `\n` bytes, so they are refused up front rather than producing garbage records.
 */
export function checkEncoding(encoding: BufferEncoding | undefined): BufferEncoding | undefined {
  if (encoding === undefined || LINE_SAFE_ENCODINGS.has(encoding.toLowerCase())) return encoding;
  throw new CorvidError(
    'CORVID_ERR_INGEST_FILE',
    `encoding ${encoding} is not supported here: convert the file to UTF-8 first (e.g. iconv -f ${encoding} -t utf-8)`,
  );
}

export function maxRecordBytes(options: ReaderOptions): number {
  return options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
}

/** The reject reason for a record over the size limit. */
export function tooLongReason(what: string, bytes: number, max: number): string {
  return `${what} is ${bytes} bytes, more than the limit of ${max} bytes; it was skipped without being read`;
}

/** The reject reason for bytes that are not UTF-8. */
export function encodingReason(what: string): string {
  return `${what} is not valid UTF-8; if the file is in another encoding, import it with --encoding (e.g. --encoding latin1)`;
}

/** Lossy text of some bytes, for messages and reject files only. */
export function lossyHead(bytes: Buffer, encoding?: BufferEncoding): string {
  return bytes.subarray(0, HEAD_BYTES).toString(encoding ?? 'utf8');
}

/** Drops a UTF-8 byte-order mark at the start of the stream, even when it is split across chunks. */
export async function* stripBom(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of input) {
    if (head === undefined) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < 3 && head.equals(Buffer.from([0xef, 0xbb, 0xbf]).subarray(0, head.length))) continue;
    const out: Buffer = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
    head = undefined;
    if (out.length) yield out;
  }
  // The input ended inside what could have been a BOM: those bytes are data after all.
  if (head !== undefined && head.length) yield head;
}

/**
 * Reads ahead to the first byte that is not ASCII white space and returns it with a stream that still
 * yields every byte (the look-ahead is replayed). `first` is undefined for an empty or blank input.
 */
export async function peekFirstByte(input: AsyncIterable<Buffer>): Promise<{ first: number | undefined; stream: AsyncIterable<Buffer> }> {
  const it = input[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let first: number | undefined;
  let done = false;
  while (first === undefined) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    seen.push(r.value);
    for (const b of r.value) {
      if (b !== 0x20 && b !== 0x09 && b !== LF && b !== CR) {
        first = b;
        break;
      }
    }
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* seen;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { first, stream: replay() };
}

interface SplitOptions {
  maxLineBytes: number;
  encoding?: BufferEncoding;
}

/**
 * Splits a byte stream into lines. A line longer than `maxLineBytes` is not kept: only its first bytes
 * are, for the reject file, and the rest is skipped up to the next line ending. Lines are decoded as
 * strict UTF-8 (a fatal TextDecoder per line) unless an encoding is given.
 * @example for await (const l of splitLines(readBytes(path), { maxLineBytes: 1 << 24 })) if (l.kind === 'text') …
 */
export async function* splitLines(input: AsyncIterable<Buffer>, opts: SplitOptions): AsyncGenerator<LineItem> {
  const encoding = checkEncoding(opts.encoding);
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = 0; // bytes of an over-long line seen so far; 0 when the line is within the limit
  let head = Buffer.alloc(0);
  let line = 1;
  let pendingCR = false; // the previous chunk ended with \r: a \n starting this chunk belongs to it

  const append = (piece: Buffer): void => {
    if (piece.length === 0) return;
    if (overflow > 0) {
      overflow += piece.length;
      return;
    }
    if (size + piece.length > opts.maxLineBytes) {
      head = Buffer.concat([...parts, piece.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES);
      overflow = size + piece.length;
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  };

  const finish = (terminated: boolean): LineItem => {
    let item: LineItem;
    if (overflow > 0) {
      item = { kind: 'too-long', line, bytes: overflow, head: lossyHead(head, encoding) };
    } else {
      const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
      if (encoding) {
        item = { kind: 'text', line, text: bytes.toString(encoding), terminated };
      } else {
        try {
          item = { kind: 'text', line, text: strict.decode(bytes), terminated };
        } catch {
          item = { kind: 'invalid-utf8', line, head: lossyHead(bytes) };
        }
      }
    }
    parts = [];
    size = 0;
    overflow = 0;
    line++;
    return item;
  };

  for await (const chunk of stripBom(input)) {
    let start = 0;
    if (pendingCR) {
      pendingCR = false;
      if (chunk[0] === LF) start = 1;
    }
    let nextLf = chunk.indexOf(LF, start);
    let nextCr = chunk.indexOf(CR, start);
    while (start < chunk.length) {
      if (nextLf !== -1 && nextLf < start) nextLf = chunk.indexOf(LF, start);
      if (nextCr !== -1 && nextCr < start) nextCr = chunk.indexOf(CR, start);
      const end = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
      if (end === -1) {
        append(chunk.subarray(start));
        break;
      }
      append(chunk.subarray(start, end));
      yield finish(true);
      start = end + 1;
      if (chunk[end] === CR) {
        if (end + 1 === chunk.length) pendingCR = true;
        else if (chunk[end + 1] === LF) start = end + 2;
      }
    }
  }
  if (size > 0 || overflow > 0) yield finish(false);
}

/**
 * A streaming decoder for the whole-document readers: strict UTF-8 (throws a TypeError on invalid
 * bytes, across chunk boundaries) or the given encoding.
 */
export function chunkDecoder(encoding: BufferEncoding | undefined): { write(chunk: Buffer): string; end(): string } {
  if (encoding) {
    const d = new StringDecoder(checkEncoding(encoding));
    return { write: (c) => d.write(c), end: () => d.end() };
  }
  const d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return { write: (c) => d.decode(c, { stream: true }), end: () => d.decode() };
}
