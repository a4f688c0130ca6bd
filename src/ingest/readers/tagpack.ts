/**
 * The TagPack reader: GraphSense TagPack YAML (a header with title, creator, description, is_public and
 * defaults label/source/category/currency/abuse/confidence/lastmod, then `tags:`, each inheriting the
 * defaults it does not set) as one CryptoWallet per tag with Corvid's tag properties. YAML is parsed
 * with the failsafe schema (every scalar is text; no tags, custom or not) and aliases are bounded
 * (billion laughs); one record per tag, at the line it starts on.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { excerpt, type ReadItem, type Reader, type ReaderOptions } from '../reader.ts';
import { cryptoWallet } from './crypto-wallet.ts';
import { safeJson } from './json-array.ts';
import { readWholeText } from './whole-text.ts';

/** A TagPack is read whole; the largest public ones are a few MB. */
export const MAX_TAGPACK_BYTES = 64 * 1024 * 1024;
/** Aliases a document may expand; a TagPack needs none, and a few hundred cannot blow up. */
export const MAX_TAGPACK_ALIASES = 100;

/** Fields a tag inherits from the header when it does not set them. */
const INHERITED = ['label', 'source', 'category', 'currency', 'abuse', 'confidence', 'lastmod', 'context'] as const;
type Json = Record<string, unknown>;

const reject = (line: number, reason: string, raw?: string): ReadItem => ({
  kind: 'reject',
  line,
  code: 'CORVID_ERR_INGEST_FORMAT',
  reason,
  ...(raw ? { raw } : {}),
});
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A scalar as text; undefined for nothing, and for lists or maps (which no tag field is). */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return undefined;
}

/** True when the tag says the address is sanctioned (FtM topic `sanction`). */
const sanctioned = (fields: (string | undefined)[]): boolean => fields.some((f) => f !== undefined && /sanction|\bofac\b/i.test(f));

function tagItem(tag: unknown, header: Json, line: number, n: number): ReadItem {
  const where = `tag ${n} (line ${line})`;
  if (!isRecord(tag)) return reject(line, `${where} is not a mapping of fields`);
  const get = (k: string): string | undefined => text(tag[k]) ?? ((INHERITED as readonly string[]).includes(k) ? text(header[k]) : undefined);
  const address = text(tag.address);
  if (!address) return reject(line, `${where} has no address`, excerpt(safeJson(tag)));
  const currency = get('currency');
  if (!currency) return reject(line, `${where} has no currency, and the header gives none`, excerpt(safeJson(tag)));
  if (address.length > 200) return reject(line, `${where}: the address is longer than 200 characters`);
  const extra: Record<string, string[]> = {};
  const put = (prop: string, v: string | undefined): void => {
    if (v) extra[prop] = [v.slice(0, 2000)];
  };
  const [label, category, abuse] = [get('label'), get('category'), get('abuse')];
  put('tagLabel', label);
  put('tagCategory', category);
  put('tagAbuse', abuse);
  put('tagSource', get('source'));
  put('tagConfidence', get('confidence'));
  put('modifiedAt', get('lastmod'));
  put('publisher', text(header.creator));
  if (sanctioned([label, category, abuse])) extra.topics = ['sanction'];
  return { kind: 'entities', line, entities: [cryptoWallet(currency, address, extra)] };
}

/** Parses the YAML safely, or says why it cannot be read. */
function parse(textIn: string, lines: LineCounter): Document | string {
  try {
    // Failsafe: every scalar is text as written (the core schema would read an 0x… address as a number).
    const doc = parseDocument(textIn, { lineCounter: lines, schema: 'failsafe', customTags: [], uniqueKeys: true, prettyErrors: false });
    // A warning is an unresolved tag (`!custom`, `!!js/function`): TagPacks have none, so it is refused too.
    const err = doc.errors[0] ?? doc.warnings[0];
    if (err) return `invalid YAML at line ${lines.linePos(err.pos[0]).line}: ${err.message.split('\n')[0]}`;
    return doc;
  } catch (err) {
    return `the YAML cannot be parsed: ${(err as Error).message}`;
  }
}

/**
 * Reads a TagPack, one item per tag in file order.
 * @example for await (const item of readTagpack(readBytes('ofac.yaml'), { fileName: 'ofac.yaml' })) …
 */
export const readTagpack: Reader = async function* (input: AsyncIterable<Buffer>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const got = await readWholeText(input, options.encoding, MAX_TAGPACK_BYTES);
  if ('reason' in got) {
    yield reject(1, `${options.fileName}: ${got.reason}`);
    return;
  }
  const lines = new LineCounter();
  const doc = parse(got.text, lines);
  if (typeof doc === 'string') {
    yield reject(1, `${options.fileName}: ${doc}; nothing was read`);
    return;
  }
  const root = doc.contents;
  if (!isMap(root)) {
    yield reject(1, `${options.fileName}: not a TagPack: the document is not a mapping with a tags list`);
    return;
  }
  const header: Json = {};
  for (const pair of root.items) {
    const key = text((pair.key as { value?: unknown } | null)?.value);
    if (!key || key === 'tags') continue;
    try {
      header[key] = (pair.value as { toJS?: (d: Document, o: object) => unknown } | null)?.toJS?.(doc, { maxAliasCount: MAX_TAGPACK_ALIASES });
    } catch (err) {
      yield reject(1, `${options.fileName}: the header field ${key} cannot be read: ${(err as Error).message}; nothing was read`);
      return;
    }
  }
  const tags = root.get('tags', true);
  if (!isSeq(tags)) {
    yield reject(1, `${options.fileName}: not a TagPack: there is no tags list`);
    return;
  }
  for (const [i, node] of tags.items.entries()) {
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
    const line = lines.linePos(offset).line;
    let value: unknown;
    try {
      value = (node as { toJS?: (d: Document, o: object) => unknown } | null)?.toJS?.(doc, { maxAliasCount: MAX_TAGPACK_ALIASES }) ?? null;
    } catch (err) {
      yield reject(line, `tag ${i + 1} (line ${line}) cannot be read: ${(err as Error).message}`);
      continue;
    }
    yield tagItem(value, header, line, i + 1);
  }
};
