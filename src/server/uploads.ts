/** Receiving an import upload: multipart parts streamed to `<uploads>/<random>/`, fields checked into import options. */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../errors.ts';
import { FORMATS } from '../ingest/formats.ts';
import { parseCompartment, parseGrading, parseHandlingCode, parseTlp } from '../model/handling.ts';
import { checkDataset } from '../model/ids.ts';
import type { BackgroundImport } from './import-runner.ts';

const ENCODINGS: readonly BufferEncoding[] = ['utf8', 'utf-8', 'latin1', 'utf16le', 'ascii'];
const FIELDS = new Set(['dataset', 'format', 'mapping', 'grading', 'tlp', 'handling', 'handlingNote', 'compartment', 'defaultCountry', 'title', 'source', 'encoding', 'force']);
const MAX_NAME = 120;

/**
 * A file name safe to put on disk: the last path segment, letters, digits, `.`, `_` and `-` only, no
 * leading dot, at most 120 characters with the extension kept (the pipeline detects CSV by it).
 * @example sanitiseFilename('../../etc/pass wd.csv') // 'pass_wd.csv'
 */
export function sanitiseFilename(name: string | undefined): string {
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  let s = last.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+/g, '_').replace(/^[._-]+/, '');
  if (s.length > MAX_NAME) {
    const ext = extname(s).slice(0, 16);
    s = s.slice(0, MAX_NAME - ext.length) + ext;
  }
  return s === '' || s === '.' || s === '..' ? 'upload' : s;
}

export interface ReceivedUpload {
  /** The upload's own directory; removed once the import has settled. */
  dir: string;
  file: string;
  bytes: number;
  mapping: string | undefined;
  fields: Record<string, string>;
}

/**
 * Streams the parts of a multipart import request to disk: the part `file` (required) and an optional
 * file part `mapping`; every other part is a text field. Nothing is held in memory but the fields. On
 * any failure the directory is removed before the error goes on.
 */
export async function receiveUpload(request: FastifyRequest, uploadsDir: string, maxBytes: number): Promise<ReceivedUpload> {
  const dir = join(uploadsDir, randomBytes(16).toString('hex'));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fields: Record<string, string> = {};
  let file: string | undefined;
  let bytes = 0;
  let mapping: string | undefined;
  try {
    const parts = request.parts({ limits: { fileSize: maxBytes, files: 2, fields: 20, parts: 24, fieldSize: 1024 * 1024 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname === 'file' && file === undefined) {
          file = join(dir, sanitiseFilename(part.filename));
          await pipeline(part.file, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
          bytes = part.file.bytesRead;
        } else if (part.fieldname === 'mapping' && mapping === undefined) {
          await mkdir(join(dir, 'mapping'), { mode: 0o700 });
          mapping = join(dir, 'mapping', 'mapping.yml');
          await pipeline(part.file, createWriteStream(mapping, { flags: 'wx', mode: 0o600 }));
        } else {
          part.file.resume();
          throw new ValidationError('CORVID_ERR_VALIDATION', `unexpected file part: ${basename(part.fieldname)} (send "file" and optionally "mapping")`);
        }
      } else {
        const value = typeof part.value === 'string' ? part.value : String(part.value);
        if (!FIELDS.has(part.fieldname)) throw new ValidationError('CORVID_ERR_VALIDATION', `unknown field: ${part.fieldname}`, { allowed: [...FIELDS] });
        fields[part.fieldname] = value;
      }
    }
    if (file === undefined) throw new ValidationError('CORVID_ERR_VALIDATION', 'no file: send the data as the multipart file part "file"');
    if (fields.mapping !== undefined) {
      if (mapping !== undefined) throw new ValidationError('CORVID_ERR_VALIDATION', 'send the mapping either as a file part or as a field, not both');
      await mkdir(join(dir, 'mapping'), { mode: 0o700 });
      mapping = join(dir, 'mapping', 'mapping.yml');
      await writeFile(mapping, fields.mapping, { flag: 'wx', mode: 0o600 });
    }
    return { dir, file, bytes, mapping, fields };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Turns the upload's text fields into import options, with the model's own parsers (so the API accepts
 * exactly what the CLI accepts: `adm:C3` gradings, `tlp:amber`, …). Throws coded validation errors.
 */
export function importOptions(up: ReceivedUpload): BackgroundImport {
  const f = up.fields;
  if (!f.dataset) throw new ValidationError('CORVID_ERR_VALIDATION', 'the field "dataset" is required');
  const opts: BackgroundImport = { file: up.file, dataset: checkDataset(f.dataset.trim()) };
  if (up.mapping) opts.mapping = up.mapping;
  if (f.format) {
    const format = FORMATS.find((x) => x === f.format?.trim().toLowerCase());
    if (!format) throw new ValidationError('CORVID_ERR_VALIDATION', `unknown format: ${f.format} (${FORMATS.join(', ')})`);
    opts.format = format;
  }
  if (f.grading) opts.grading = parseGrading(f.grading);
  if (f.tlp) opts.tlp = parseTlp(f.tlp);
  if (f.handling) opts.handling = parseHandlingCode(f.handling);
  if (f.handlingNote !== undefined) opts.handlingNote = limited(f.handlingNote, 'handlingNote', 1000);
  if (f.compartment !== undefined) opts.compartment = parseCompartment(f.compartment);
  if (f.defaultCountry) {
    if (!/^[A-Za-z]{2}$/.test(f.defaultCountry.trim())) throw new ValidationError('CORVID_ERR_VALIDATION', 'defaultCountry must be a two-letter ISO 3166-1 code');
    opts.defaultCountry = f.defaultCountry.trim().toUpperCase();
  }
  if (f.title) opts.title = limited(f.title, 'title', 200);
  if (f.source) opts.source = limited(f.source, 'source', 200);
  if (f.encoding) {
    const encoding = ENCODINGS.find((e) => e === f.encoding?.trim().toLowerCase());
    if (!encoding) throw new ValidationError('CORVID_ERR_VALIDATION', `unsupported encoding: ${f.encoding}`, { allowed: [...ENCODINGS] });
    opts.encoding = encoding;
  }
  if (f.force !== undefined) opts.force = f.force === 'true' || f.force === '1';
  return opts;
}

function limited(value: string, name: string, max: number): string {
  if (value.length > max) throw new ValidationError('CORVID_ERR_VALIDATION', `${name} is longer than ${max} characters`);
  return value;
}
