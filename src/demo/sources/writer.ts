/** Buffered, synchronous writers for the demo's files: FtM JSON lines and CSV, byte-identical run to run. */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const FLUSH_AT = 1 << 20;

/** Writes lines to a file through a buffer (synchronous, so output order never depends on timing). */
export class LineWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  lines = 0;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }

  write(line: string): void {
    this.buffer.push(line);
    this.size += line.length + 1;
    this.lines++;
    if (this.size >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, `${this.buffer.join('\n')}\n`);
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export type PropValue = string | number | undefined | null | false;

/**
 * Writes FollowTheMoney entities as JSON lines (`{"id", "schema", "properties"}`); empty values are
 * dropped, so callers can pass optional fields as they are.
 */
export class FtmWriter {
  private readonly out: LineWriter;
  readonly counts = new Map<string, number>();

  constructor(path: string) {
    this.out = new LineWriter(path);
  }

  entity(id: string, schema: string, props: Record<string, PropValue | readonly PropValue[]>): string {
    const properties: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(props)) {
      const list = (Array.isArray(v) ? v : [v]) as readonly PropValue[];
      const values: string[] = [];
      for (const x of list) {
        if (x === undefined || x === null || x === false) continue;
        const s = String(x);
        if (s.trim() !== '' && !values.includes(s)) values.push(s);
      }
      if (values.length > 0) properties[k] = values;
    }
    this.out.write(JSON.stringify({ id, schema, properties }));
    this.counts.set(schema, (this.counts.get(schema) ?? 0) + 1);
    return id;
  }

  get lines(): number {
    return this.out.lines;
  }

  close(): void {
    this.out.close();
  }
}

/** One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes a CSV file with a header row. */
export class CsvWriter {
  private readonly out: LineWriter;
  rows = 0;

  constructor(
    path: string,
    readonly header: readonly string[],
  ) {
    this.out = new LineWriter(path);
    this.out.write(header.map(csvField).join(','));
  }

  row(values: Record<string, string | number | undefined>): void {
    this.out.write(this.header.map((h) => csvField(values[h])).join(','));
    this.rows++;
  }

  close(): void {
    this.out.close();
  }
}
