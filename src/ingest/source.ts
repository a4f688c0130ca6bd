/** Reading an import's file: its hash (the import's identity), its format, and its bytes as a stream. */
import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { CorvidError } from '../errors.ts';
import { FORMATS } from './formats.ts';
import type { ImportFormat } from './options.ts';
import { looksLikeCamt053 } from './readers/camt053.ts';

/** SHA-256 of the file, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export function fileSize(path: string): number {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new CorvidError('CORVID_ERR_INGEST_FILE', `not a file: ${path}`);
    return st.size;
  } catch (err) {
    if (err instanceof CorvidError) throw err;
    throw new CorvidError('CORVID_ERR_INGEST_FILE', `cannot read ${path}: ${(err as Error).message}`);
  }
}

/** The file's bytes, counting them as they pass (for progress). */
export async function* readBytes(path: string, counter: { bytes: number }): AsyncIterable<Buffer> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    counter.bytes += (chunk as Buffer).length;
    yield chunk as Buffer;
  }
}

/**
 * Guesses the format from the extension and the first 64 KiB: CSV by extension (the money CSV formats,
 * ethereum and amlsim, need --format); XML in a camt.053 namespace is camt053; YAML with `tags:` is a
 * TagPack; JSON naming `txid` and `vin` is Bitcoin; JSON that starts with `[` or holds one entity per
 * line is FtM; a STIX bundle says `"type": "bundle"`; MISP has `"Event"`, `"Attribute"` or `"Object"` keys.
 */
export function detectFormat(path: string): ImportFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(65536);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const head = buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
  if (looksLikeCamt053(head)) return 'camt053';
  if ((ext === '.yaml' || ext === '.yml') && /^tags\s*:/m.test(head)) return 'tagpack';
  if (/"txid"\s*:/.test(head) && /"vin"\s*:/.test(head)) return 'bitcoin';
  if (/"type"\s*:\s*"bundle"/.test(head) && /"objects"\s*:/.test(head)) return 'stix';
  if (/^\s*\{\s*"(Event|Attribute|Object|response)"\s*:/.test(head) || /"Attribute"\s*:\s*\[/.test(head)) return 'misp';
  if (/"schema"\s*:/.test(head) || /^\s*\[/.test(head)) return 'ftm';
  if (/^\s*\{/.test(head) && /"(uuid|threat_level_id|info)"\s*:/.test(head)) return 'misp';
  throw new CorvidError('CORVID_ERR_INGEST_FORMAT', `cannot tell the format of ${basename(path)}: pass --format ${FORMATS.join('|')}`);
}
