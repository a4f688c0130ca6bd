/**
 * A CSV file as a header and rows, for the readers that know their columns by name (Ethereum
 * explorer exports, AMLSim): blank lines are skips, unreadable records and rows of the wrong width
 * are rejects with their line, so the format reader sees only well-formed rows.
 */
import { excerpt, type ReadItem, type ReaderOptions } from '../reader.ts';
import { csvRecords } from './csv-records.ts';
import { checkEncoding, maxRecordBytes } from './lines.ts';

export type TableItem = { kind: 'header'; line: number; names: string[] } | { kind: 'row'; line: number; fields: string[]; raw: string } | ReadItem;

/**
 * Reads a comma-separated file; the first record is the header (names trimmed).
 * @example for await (const t of csvTable(stream, options)) if (t.kind === 'row') …
 */
export async function* csvTable(input: AsyncIterable<Buffer>, options: ReaderOptions): AsyncGenerator<TableItem> {
  const encoding = checkEncoding(options.encoding);
  let width = -1;
  for await (const r of csvRecords(input, { maxRecordBytes: maxRecordBytes(options), delimiter: 0x2c, ...(encoding ? { encoding } : {}) })) {
    if (r.kind === 'blank') yield { kind: 'skip', line: r.line, reason: 'blank line' };
    else if (r.kind === 'bad') yield { kind: 'reject', line: r.line, code: 'CORVID_ERR_INGEST_FORMAT', reason: r.reason, raw: excerpt(r.raw) };
    else if (width < 0) {
      width = r.fields.length;
      yield { kind: 'header', line: r.line, names: r.fields.map((f) => f.trim()) };
    } else if (r.fields.length !== width) {
      yield { kind: 'reject', line: r.line, code: 'CORVID_ERR_INGEST_FORMAT', reason: `line ${r.line}: ${r.fields.length} fields, but the header has ${width}`, raw: excerpt(r.fields.join(',')) };
    } else yield { kind: 'row', line: r.line, fields: r.fields, raw: excerpt(r.fields.join(',')) };
  }
}

/** Finds columns by any of their names, case-insensitively and ignoring spaces, `_` and quotes. */
export function columnFinder(names: string[]): (...aliases: string[]) => number | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[\s_"']/g, '');
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (!index.has(norm(n))) index.set(norm(n), i);
  });
  return (...aliases) => {
    for (const a of aliases) {
      const i = index.get(norm(a));
      if (i !== undefined) return i;
    }
    return undefined;
  };
}
