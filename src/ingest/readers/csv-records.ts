/**
 * CSV byte stream → records, each with the line it starts on. Quote-aware (RFC 4180: quoted fields
 * may hold delimiters, `""` and line breaks), with `\n`, `\r\n` and CR-only endings (even mixed), and
 * recovery instead of silent loss: a record over the size limit is skipped to the next line, and a
 * quote that is never closed costs only the line it opens on, after which reading resumes.
 */
import { isUtf8 } from 'node:buffer';
import { encodingReason, lossyHead, stripBom, tooLongReason } from './lines.ts';

export type CsvItem =
  /** `endLine` differs from `line` when a quoted field holds line breaks. */
  | { kind: 'record'; line: number; endLine: number; fields: string[] }
  | { kind: 'blank'; line: number }
  | { kind: 'bad'; line: number; reason: string; raw: string };

export interface CsvOptions {
  maxRecordBytes: number;
  /** A single byte, usually `,` (`\t` for TSV, `;` for many spreadsheet exports). */
  delimiter: number;
  encoding?: BufferEncoding;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;

const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: either `""` or the end of the field, the next byte decides. */
  QuoteInQuoted,
  /** Skipping the rest of an over-long line. */
  Discard,
}

/**
 * Reads CSV records. Rejected records come as `bad` with a reason; the stream goes on after them.
 * @example for await (const r of csvRecords(readBytes('x.csv'), { maxRecordBytes: 1 << 24, delimiter: 0x2c })) …
 */
export async function* csvRecords(input: AsyncIterable<Buffer>, opts: CsvOptions): AsyncGenerator<CsvItem> {
  const max = opts.maxRecordBytes;
  let state = S.FieldStart as S;
  let line = 1; // the line of the byte being read
  let lastCR = false;
  let recLine = 1;
  let recParts: Buffer[] = []; // the current record's bytes, as slices of the chunks
  let recSize = 0;
  let malformed = false; // a stray quote after a closing quote
  let discard: { line: number; bytes: number; report: boolean; head: string } = { line: 0, bytes: 0, report: false, head: '' };
  const out: CsvItem[] = [];

  const recordBytes = (): Buffer => (recParts.length === 1 ? recParts[0]! : Buffer.concat(recParts, recSize));
  const reset = (): void => {
    recParts = [];
    recSize = 0;
    malformed = false;
    state = S.FieldStart;
  };

  /**
   * Sets the record's first line aside (an unclosed or stray quote, an over-long quoted field) and
   * returns the bytes after that line, to be read again as fresh records. A record without a line
   * break has nothing to re-read: the rest of its line is skipped.
   */
  const recover = (why: string): Buffer | undefined => {
    const bytes = recordBytes();
    out.push({ kind: 'bad', line: recLine, reason: why, raw: lossyHead(bytes, opts.encoding) });
    const cr = bytes.indexOf(CR);
    const lf = bytes.indexOf(LF);
    const eol = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
    reset();
    if (eol === -1) {
      state = S.Discard;
      discard = { line: recLine, bytes: 0, report: false, head: '' };
      return undefined;
    }
    line = recLine + 1;
    lastCR = false;
    return bytes.subarray(bytes[eol] === CR && bytes[eol + 1] === LF ? eol + 2 : eol + 1);
  };

  /** Ends the record at a line break; returns bytes to re-read when the record had to be split up. */
  const finishRecord = (): Buffer | undefined => {
    if (malformed) {
      const lines = line > recLine ? `lines ${recLine}–${line}` : `line ${recLine}`;
      const why = `${lines}: a quote inside a quoted field is not doubled, or text follows a closing quote (write "" for a literal quote)`;
      if (line > recLine)
        return recover(
          `${why}; most likely the quote opened on line ${recLine} is not closed, so line ${recLine} was set aside and reading resumed on the next line`,
        );
      out.push({ kind: 'bad', line: recLine, reason: why, raw: lossyHead(recordBytes(), opts.encoding) });
    } else out.push(decodeRecord(recordBytes(), recLine, line, opts));
    reset();
    return undefined;
  };

  /** Runs the state machine over one buffer; re-reads go in front of the rest of it in `queue`. */
  const scan = (buf: Buffer, queue: Buffer[]): void => {
    let from = 0; // start of the bytes of `buf` that belong to the current record
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      const eolByte = b === CR || b === LF;
      if (b === LF && lastCR && state === S.FieldStart && recSize === 0 && from === i) {
        // The \n of a \r\n whose \r ended the previous record (or the skipped part of a line).
        lastCR = false;
        from = i + 1;
        continue;
      }
      const newline = b === CR || (b === LF && !lastCR);
      lastCR = b === CR;
      if (state === S.Discard) {
        from = i + 1;
        if (!eolByte) {
          discard.bytes++;
          continue;
        }
        if (discard.report)
          out.push({ kind: 'bad', line: discard.line, reason: tooLongReason(`the record on line ${discard.line}`, discard.bytes, max), raw: discard.head });
        state = S.FieldStart;
        line++;
        continue;
      }
      if (recSize === 0 && from === i) recLine = line;
      // The line break that ends a record is not part of it; one inside quotes is.
      const ends = eolByte && state !== S.Quoted;
      if (!ends && recSize + (i - from) + 1 > max) {
        recParts.push(buf.subarray(from, i + 1));
        recSize += i + 1 - from;
        from = i + 1;
        if (state === S.Quoted || state === S.QuoteInQuoted) {
          const rest = recover(
            `line ${recLine}: a quoted field starting here runs past ${max} bytes; most likely its closing quote is missing, so this line was set aside and reading resumed on the next line`,
          );
          if (rest) {
            queue.unshift(rest, buf.subarray(from));
            return;
          }
          continue;
        }
        discard = { line: recLine, bytes: recSize, report: true, head: lossyHead(recParts[0]!, opts.encoding) };
        reset();
        state = S.Discard;
        continue;
      }
      if (ends) {
        recParts.push(buf.subarray(from, i));
        recSize += i - from;
        from = i + 1;
        const rest = finishRecord();
        if (rest) {
          queue.unshift(rest, buf.subarray(i)); // the line break at i ends the re-read part's last line
          return;
        }
        if (newline) line++;
        continue;
      }
      switch (state) {
        case S.FieldStart:
          if (b === QUOTE) state = S.Quoted;
          else if (b !== opts.delimiter && b !== SPACE) state = S.Unquoted;
          break;
        case S.Unquoted:
          if (b === opts.delimiter) state = S.FieldStart;
          break;
        case S.Quoted:
          if (b === QUOTE) state = S.QuoteInQuoted;
          break;
        case S.QuoteInQuoted:
          if (b === QUOTE) state = S.Quoted;
          else if (b === opts.delimiter) state = S.FieldStart;
          else {
            malformed = true;
            state = S.Unquoted;
          }
          break;
      }
      if (newline) line++;
    }
    if (from < buf.length && state !== S.Discard) {
      recParts.push(buf.subarray(from));
      recSize += buf.length - from;
    }
  };

  const run = (first: Buffer): void => {
    const queue = [first];
    while (queue.length) scan(queue.shift()!, queue);
  };

  for await (const chunk of stripBom(input)) {
    run(chunk);
    yield* out.splice(0);
  }
  // The end of the input: finish or recover the last record, which may leave more to read.
  for (;;) {
    if (state === S.Discard) {
      if (discard.report)
        out.push({ kind: 'bad', line: discard.line, reason: tooLongReason(`the record on line ${discard.line}`, discard.bytes, max), raw: discard.head });
      break;
    }
    let rest: Buffer | undefined;
    if (state === S.Quoted) {
      rest = recover(
        `line ${recLine}: a quoted field starting here is never closed (unbalanced quote); this line was set aside and reading resumed on the next line`,
      );
    } else if (recSize > 0) rest = finishRecord();
    if (!rest?.length) break;
    run(rest);
    yield* out.splice(0);
  }
  yield* out.splice(0);
}

/** Splits a complete record's bytes into fields (quotes removed, `""` unescaped) and decodes them. */
function decodeRecord(bytes: Buffer, line: number, endLine: number, opts: CsvOptions): CsvItem {
  // The same check as a fatal TextDecoder, without building a string only to throw it away.
  if (!opts.encoding && !isUtf8(bytes)) return { kind: 'bad', line, reason: encodingReason(`line ${line}`), raw: lossyHead(bytes) };
  const enc = opts.encoding ?? 'utf8';
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (i < bytes.length && bytes[i] === SPACE) i++; // like Python's skipinitialspace, as FtM reads CSV
    if (bytes[i] === QUOTE) {
      const close = closingQuote(bytes, i + 1);
      fields.push(bytes.toString(enc, i + 1, close).replaceAll('""', '"'));
      i = close + 1; // the delimiter (or the end)
    } else {
      let end = bytes.indexOf(opts.delimiter, i);
      if (end === -1) end = bytes.length;
      fields.push(bytes.toString(enc, i, end));
      i = end;
    }
    if (i >= bytes.length) break;
    i++; // past the delimiter
  }
  if (fields.length === 1 && fields[0]!.trim() === '') return { kind: 'blank', line };
  return { kind: 'record', line, endLine, fields };
}

/** The index of the quote that closes a quoted field whose content starts at `from`. */
function closingQuote(bytes: Buffer, from: number): number {
  let i = from;
  for (;;) {
    const q = bytes.indexOf(QUOTE, i);
    if (q === -1) return bytes.length;
    if (bytes[q + 1] === QUOTE) i = q + 2;
    else return q;
  }
}
