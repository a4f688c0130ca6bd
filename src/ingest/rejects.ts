/**
 * The reject file of an import: one JSON line per record or value set aside, with file, line and
 * reason. Buffered in memory and flushed before each batch commits, so the checkpoint can record its
 * length and a resumed import cuts off what the crashed run wrote after it.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ErrorCode } from '../errors.ts';

export interface RejectLine {
  file: string;
  line: number;
  /** `record`: the whole record was set aside; `value`: one value of a good record was dropped. */
  kind: 'record' | 'value';
  code: ErrorCode;
  reason: string;
  entityId?: string;
  prop?: string;
  raw?: string;
}

export class RejectFile {
  readonly path: string;
  private fd: number | null = null;
  private pending: string[] = [];
  private bytes: number;

  /** Opens (creating lazily) the file; `keepBytes` cuts it back to a checkpoint's length on resume. */
  constructor(path: string, keepBytes = 0) {
    this.path = path;
    this.bytes = 0;
    if (existsSync(path)) {
      const size = statSync(path).size;
      const keep = Math.min(keepBytes, size);
      const fd = openSync(path, 'r+');
      ftruncateSync(fd, keep);
      closeSync(fd);
      this.bytes = keep;
    }
  }

  add(line: RejectLine): void {
    this.pending.push(`${JSON.stringify(line)}\n`);
  }

  /** Writes what is pending and syncs; returns the file's length (what a checkpoint records). */
  flush(): number {
    if (this.pending.length === 0) return this.bytes;
    if (this.fd === null) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.fd = openSync(this.path, 'a');
    }
    const buf = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    writeSync(this.fd, buf);
    fsyncSync(this.fd);
    this.bytes += buf.length;
    return this.bytes;
  }

  get length(): number {
    return this.bytes;
  }

  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
