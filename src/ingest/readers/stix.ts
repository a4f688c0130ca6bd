/**
 * The STIX 2.1 bundle reader: one record per element of `objects`, streamed (a large bundle is never
 * in memory whole), validated against the OASIS JSON schemas and mapped onto FtM entities.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Tlp } from '../../model/handling.ts';
import { excerpt, type ReadItem, type Reader, type ReaderOptions } from '../reader.ts';
import { maxRecordBytes } from './lines.ts';
import { mapStixObject } from './stix-map.ts';
import { isRecord, type StixObject } from './stix-props.ts';
import { stixValidator, type StixValidator } from './stix-schemas.ts';
import { streamBundleObjects } from './stix-stream.ts';
import { tlpOfMarkingDefinition } from './tlp-markings.ts';

/** Input in another encoding, re-encoded as UTF-8 (JSON's own encoding). */
async function* asUtf8(input: AsyncIterable<Buffer>, encoding: BufferEncoding | undefined): AsyncGenerator<Buffer> {
  if (!encoding || /^utf-?8$/i.test(encoding)) {
    yield* input;
    return;
  }
  const d = new StringDecoder(encoding);
  for await (const chunk of input) yield Buffer.from(d.write(chunk), 'utf8');
  yield Buffer.from(d.end(), 'utf8');
}

/** A bounded, never-throwing rendering of an object for the reject file. */
function rawOf(value: unknown): string | undefined {
  try {
    return excerpt(JSON.stringify(value) ?? String(value));
  } catch {
    return undefined;
  }
}

/** Checks and maps one element of `objects`; `knownTlp` learns the bundle's TLP marking definitions. */
function readObject(validator: StixValidator, value: unknown, line: number, knownTlp: Map<string, Tlp>): ReadItem {
  const where = `object ${line}`;
  if (!isRecord(value)) return { kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason: `${where} is not a JSON object`, raw: rawOf(value) };
  const type = value.type;
  if (typeof type !== 'string' || type === '') {
    return { kind: 'reject', line, code: 'CORVID_ERR_VALIDATION', reason: `${where} has no "type"`, raw: rawOf(value) };
  }
  const shortType = type.length > 64 ? `${type.slice(0, 64)}…` : type;
  if (!validator.types.has(type)) {
    const what = type.startsWith('x-') ? 'a custom object' : 'an object of a type STIX 2.1 does not define';
    return { kind: 'skip', line, reason: `${where} (${shortType}) is ${what}; not imported` };
  }
  const v = validator.validate(type, value);
  if (!v.ok) {
    return { kind: 'reject', line, code: 'CORVID_ERR_VALIDATION', reason: `${where} (${shortType}) does not meet the STIX 2.1 schema: ${v.errors.join('; ')}`, raw: rawOf(value) };
  }
  const o = value as StixObject;
  if (type === 'marking-definition') {
    const tlp = tlpOfMarkingDefinition(o);
    if (tlp) knownTlp.set(o.id, tlp);
  }
  const m = mapStixObject(o, knownTlp);
  if (m.kind === 'skip') return { kind: 'skip', line, reason: `${where}: ${m.reason}` };
  return m.meta ? { kind: 'entities', line, entities: m.entities, meta: m.meta } : { kind: 'entities', line, entities: m.entities };
}

/**
 * Reads a STIX 2.1 bundle (`{"type":"bundle","objects":[…]}`). Line = position in `objects` (from 1).
 * Custom (`x-…`) and unknown types are skipped; schema-invalid objects, objects over the size or depth
 * limit are rejected and reading goes on; broken JSON or a truncated file ends the read with a reject.
 * @example
 * for await (const item of readStix(createReadStream('bundle.json'), { fileName: 'bundle.json' })) …
 */
export const readStix: Reader = async function* (input: AsyncIterable<Buffer>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const validator = stixValidator();
  const max = maxRecordBytes(options);
  const knownTlp = new Map<string, Tlp>();
  for await (const ev of streamBundleObjects(asUtf8(input, options.encoding), { maxRecordBytes: max })) {
    switch (ev.kind) {
      case 'object':
        yield readObject(validator, ev.value, ev.index + 1, knownTlp);
        break;
      case 'abandoned': {
        const line = ev.index + 1;
        const why = ev.problem === 'too-large' ? `is larger than ${max} bytes` : 'nests JSON too deep';
        yield { kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason: `object ${line} (from byte ${ev.start}) ${why}; it was skipped unread` };
        break;
      }
      case 'bundle-type':
        if (ev.value !== 'bundle') {
          const shown = typeof ev.value === 'string' ? ev.value.slice(0, 64) : typeof ev.value;
          yield { kind: 'reject', line: 0, code: 'CORVID_ERR_INGEST_FORMAT', reason: `not a STIX bundle: ${options.fileName} has type "${shown}" (expected "bundle")` };
          return;
        }
        break;
      case 'fatal':
        yield { kind: 'reject', line: ev.index === undefined ? 0 : ev.index + 1, code: 'CORVID_ERR_INGEST_FORMAT', reason: `${options.fileName}: ${ev.reason}; the rest of the file cannot be read` };
        return;
    }
  }
};
