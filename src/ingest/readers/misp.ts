/**
 * The MISP reader: MISP event JSON (`{"Event":{…}}`, a bare event, a list or `{"response":[…]}` of
 * events, a galaxy, or attribute/object fragments) as FtM entities. A MISP export is one JSON document,
 * so it is parsed whole, up to MAX_MISP_BYTES; each attribute, object and cluster is then one record.
 */
import { loadModel } from '../../model/schema.ts';
import type { ReadItem, Reader, ReaderOptions } from '../reader.ts';
import { maxRecordBytes } from './lines.ts';
import { clusterItem, eventItems, type MispContext } from './misp-event.ts';
import { list } from './misp-entities.ts';
import { isRecord } from './stix-props.ts';

/** Larger files are refused whole (a MISP event is parsed in one piece). */
export const MAX_MISP_BYTES = 256 * 1024 * 1024;
/** MISP events nest about six levels (event → object → attribute → tag); 64 is generous. */
export const MAX_MISP_DEPTH = 64;

type Json = Record<string, unknown>;

/** Keys that only an event (or a fragment of one) has. */
const EVENT_KEYS = ['info', 'date', 'uuid', 'threat_level_id', 'analysis', 'Attribute', 'Object', 'Tag', 'Galaxy', 'Orgc'];
/** The keys of a MISP sighting (`{ "timestamp", "type", "value" }`), which alone refers to nothing here. */
const SIGHTING_KEYS = new Set(['timestamp', 'type', 'value', 'source', 'date_sighting', 'uuid', 'id', 'attribute_id', 'attribute_uuid', 'event_id', 'org_id', 'Organisation']);

const looksLikeEvent = (o: Json): boolean => EVENT_KEYS.some((k) => o[k] !== undefined);

/** Reads the whole input as text, or says why not (too large, not decodable). */
async function readAll(input: AsyncIterable<Buffer>, encoding: BufferEncoding | undefined): Promise<{ text: string } | { reason: string }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input) {
    total += chunk.length;
    if (total > MAX_MISP_BYTES) return { reason: `the file is larger than ${MAX_MISP_BYTES} bytes, the most a MISP export is read whole; split it into events` };
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks, total);
  if (encoding && !/^utf-?8$/i.test(encoding)) return { text: bytes.toString(encoding) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { reason: 'the file is not valid UTF-8; if it is in another encoding, import it with --encoding (e.g. --encoding latin1)' };
  }
}

/** What the document is: events to read, a galaxy, or something to skip or reject whole. */
type Shape = { kind: 'events'; events: unknown[] } | { kind: 'galaxy'; galaxy: Json } | { kind: 'skip'; reason: string } | { kind: 'reject'; reason: string };

function shapeOf(doc: unknown): Shape {
  if (Array.isArray(doc)) return { kind: 'events', events: doc };
  if (!isRecord(doc)) return { kind: 'reject', reason: `not a MISP event: the document is a JSON ${doc === null ? 'null' : typeof doc}` };
  if (Array.isArray(doc.response)) return { kind: 'events', events: doc.response };
  if (isRecord(doc.Event)) return { kind: 'events', events: [doc] };
  if (Array.isArray(doc.GalaxyCluster)) return { kind: 'galaxy', galaxy: doc };
  if (looksLikeEvent(doc)) return { kind: 'events', events: [doc] };
  const keys = Object.keys(doc);
  if (keys.length === 0) return { kind: 'skip', reason: 'an empty JSON object: no MISP event in it' };
  if (keys.every((k) => SIGHTING_KEYS.has(k)) && doc.value !== undefined) {
    return { kind: 'skip', reason: 'a lone MISP sighting: it refers to an attribute that is not in this file' };
  }
  return { kind: 'reject', reason: `not a MISP event: top-level keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}` };
}

/**
 * Reads a MISP JSON export. Records are numbered from 1 across the file in the order of eventItems();
 * the reasons name the event and element ("event 1 attribute 3").
 * @example
 * for await (const item of readMisp(createReadStream('event.json'), { fileName: 'event.json' })) …
 */
export const readMisp: Reader = async function* (input: AsyncIterable<Buffer>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const fail = (reason: string): ReadItem => ({ kind: 'reject', line: 0, code: 'CORVID_ERR_INGEST_FORMAT', reason: `${options.fileName}: ${reason}` });
  const got = await readAll(input, options.encoding);
  if ('reason' in got) {
    yield fail(got.reason);
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(got.text.replace(/^\uFEFF/, ''));
  } catch (err) {
    yield fail(`invalid JSON (truncated?): ${err instanceof Error ? err.message : String(err)}; nothing was read`);
    return;
  }
  let line = 0;
  const ctx: MispContext = { model: loadModel(), maxRecordBytes: maxRecordBytes(options), maxDepth: MAX_MISP_DEPTH, nextLine: () => ++line };
  const shape = shapeOf(doc);
  switch (shape.kind) {
    case 'reject':
      yield fail(shape.reason);
      return;
    case 'skip':
      yield { kind: 'skip', line: ctx.nextLine(), reason: `${options.fileName}: ${shape.reason}` };
      return;
    case 'galaxy':
      for (const c of list(shape.galaxy.GalaxyCluster)) yield clusterItem(ctx, c, shape.galaxy, undefined, 'galaxy cluster', {});
      return;
    case 'events':
      for (const [i, el] of shape.events.entries()) {
        const ev = isRecord(el) && isRecord(el.Event) ? el.Event : el;
        if (isRecord(ev) && looksLikeEvent(ev)) yield* eventItems(ctx, ev, i + 1);
        else yield { kind: 'reject', line: ctx.nextLine(), code: 'CORVID_ERR_INGEST_FORMAT', reason: `element ${i + 1} of the list is not a MISP event` };
      }
  }
};
