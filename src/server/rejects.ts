/** Reads a page of an import's reject file (JSON lines) without loading the whole file. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { ValidationError } from '../errors.ts';

export interface RejectPage {
  rejects: Record<string, unknown>[];
  offset: number;
  /** The offset of the next page, or null when this is the last. */
  next: number | null;
}

/** Where the pipeline writes a job's rejects (`<rejectsDir>/<job id>.rejects.jsonl`), kept inside that directory. */
export function rejectsPath(rejectsDir: string, jobId: string): string {
  const root = resolve(rejectsDir);
  const p = resolve(join(root, `${jobId}.rejects.jsonl`));
  if (!p.startsWith(root + sep)) throw new ValidationError('CORVID_ERR_VALIDATION', 'invalid job id');
  return p;
}

/**
 * Lines `offset` … `offset + limit - 1` of the file (0-based), parsed. A missing file is an empty page
 * (an import with no rejects writes none). A line that is not JSON is shown as its text, not dropped.
 */
export async function readRejects(path: string, offset: number, limit: number): Promise<RejectPage> {
  const exists = await stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) return { rejects: [], offset, next: null };
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const rejects: Record<string, unknown>[] = [];
  let index = 0;
  let more = false;
  try {
    for await (const line of lines) {
      if (line === '') continue;
      if (index++ < offset) continue;
      if (rejects.length === limit) {
        more = true;
        break;
      }
      rejects.push(parseLine(line));
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  return { rejects, offset, next: more ? offset + rejects.length : null };
}

function parseLine(line: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(line);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through: show the text as it is
  }
  return { raw: line };
}
