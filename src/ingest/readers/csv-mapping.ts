/**
 * The CSV reader: rows mapped to entities by a FollowTheMoney mapping (see mapping.ts and
 * docs/mapping.md). The first record is the header; every column the mapping reads must be in it.
 */
import { CorvidError } from '../../errors.ts';
import { excerpt, type ReadItem, type Reader, type ReaderOptions } from '../reader.ts';
import { csvRecords } from './csv-records.ts';
import { checkEncoding, maxRecordBytes } from './lines.ts';
import { mapRow } from './mapping-apply.ts';
import type { CompiledMapping } from './mapping.ts';

const COMMA = 0x2c;
const TAB = 0x09;
const SEMICOLON = 0x3b;

/**
 * A reader for CSV files under this mapping. Throws CORVID_ERR_INGEST_MAPPING before the first row
 * when the header lacks a mapped column, and CORVID_ERR_INGEST_FORMAT when the header is unreadable.
 * @example
 * const read = readCsvMapping(await loadMappingFile('mappings/montagna/phone.yml'));
 * for await (const item of read(readBytes('montagna_phone.csv'), { fileName: 'montagna_phone.csv' })) …
 */
export function readCsvMapping(mapping: CompiledMapping): Reader {
  return async function* (input: AsyncIterable<Buffer>, options: ReaderOptions): AsyncGenerator<ReadItem> {
    const encoding = checkEncoding(options.encoding);
    const { stream, delimiter } = await sniffDelimiter(input, options.fileName);
    const records = csvRecords(stream, { maxRecordBytes: maxRecordBytes(options), delimiter, ...(encoding ? { encoding } : {}) });
    let index: Map<string, number> | undefined;
    let width = 0;
    const sep = String.fromCharCode(delimiter);
    for await (const r of records) {
      if (r.kind === 'blank') {
        yield { kind: 'skip', line: r.line, reason: 'blank line' };
        continue;
      }
      if (!index) {
        if (r.kind === 'bad')
          throw new CorvidError('CORVID_ERR_INGEST_FORMAT', `${options.fileName}: the header (line ${r.line}) cannot be read: ${r.reason}`, { line: r.line });
        index = headerIndex(mapping, options.fileName, r.fields);
        width = r.fields.length;
        continue;
      }
      if (r.kind === 'bad') {
        yield { kind: 'reject', line: r.line, code: 'CORVID_ERR_INGEST_FORMAT', reason: r.reason, raw: excerpt(r.raw) };
        continue;
      }
      const raw = excerpt(r.fields.join(sep));
      if (r.fields.length !== width) {
        const lines = r.endLine > r.line ? `lines ${r.line}–${r.endLine}` : `line ${r.line}`;
        yield {
          kind: 'reject',
          line: r.line,
          code: 'CORVID_ERR_INGEST_FORMAT',
          reason: `${lines}: ${r.fields.length} fields, but the header has ${width}`,
          raw,
        };
        continue;
      }
      const { fields } = r;
      const cols = index;
      yield mapRow(mapping, (column) => fields[cols.get(column)!] ?? '', r.line, raw);
    }
  };
}

/** Column positions by (trimmed) header name; every mapped column must be there, once. */
function headerIndex(mapping: CompiledMapping, fileName: string, header: string[]): Map<string, number> {
  const index = new Map<string, number>();
  const twice = new Set<string>();
  header.forEach((h, i) => {
    const name = h.trim();
    if (index.has(name)) twice.add(name);
    else index.set(name, i);
  });
  const missing = mapping.columns.filter((c) => !index.has(c));
  if (missing.length) {
    throw new CorvidError(
      'CORVID_ERR_INGEST_MAPPING',
      `${fileName}: the header has no column ${missing.map((c) => JSON.stringify(c)).join(', ')} that the mapping ${mapping.source} reads (header: ${header.map((h) => h.trim()).join(', ')})`,
      { missing, mapping: mapping.source },
    );
  }
  const ambiguous = mapping.columns.filter((c) => twice.has(c));
  if (ambiguous.length) {
    throw new CorvidError('CORVID_ERR_INGEST_MAPPING', `${fileName}: the header has the mapped column ${ambiguous.join(', ')} more than once`, { ambiguous });
  }
  return index;
}

/**
 * The delimiter: tab for `.tsv` files; otherwise comma, unless the header line has no comma but
 * semicolons or tabs (as spreadsheet exports in many locales write).
 */
async function sniffDelimiter(input: AsyncIterable<Buffer>, fileName: string): Promise<{ stream: AsyncIterable<Buffer>; delimiter: number }> {
  if (/\.tsv$/i.test(fileName)) return { stream: input, delimiter: TAB };
  const it = input[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let size = 0;
  let end = -1;
  let done = false;
  while (end === -1 && size < 65536) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    end = r.value.findIndex((b) => b === 0x0a || b === 0x0d);
    if (end !== -1) end += size;
    seen.push(r.value);
    size += r.value.length;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* seen;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  const head = Buffer.concat(seen).subarray(0, end === -1 ? size : end);
  const count = (byte: number): number => head.reduce((n, b) => n + (b === byte ? 1 : 0), 0);
  let delimiter = COMMA;
  if (count(COMMA) === 0) delimiter = count(SEMICOLON) > 0 ? SEMICOLON : count(TAB) > 0 ? TAB : COMMA;
  return { stream: replay(), delimiter };
}
