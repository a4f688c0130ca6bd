/**
 * STIX cyber-observables (SCOs) as FtM entities, and the observables named by simple indicator
 * patterns (`[domain-name:value = 'x']`), which get the id STIX itself would give them.
 */
import { createHash } from 'node:crypto';
import type { RawEntity } from '../reader.ts';
import { addHash, addName, isRecord, Props, str, strings, type StixObject } from './stix-props.ts';

/** The namespace of STIX 2.1 deterministic SCO ids (specification, section 2.9). */
const SCO_NAMESPACE = Buffer.from('00abedb4aa42466c9c01fed23315a9b7', 'hex');

/** Canonical JSON (RFC 8785) of the small flat objects used here: keys sorted, no spaces. */
function canonical(v: unknown): string {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The deterministic id STIX 2.1 gives an SCO: UUIDv5 of its id-contributing properties, so that an
 * observable named by a pattern meets the SCO object of the same value in one entity.
 * @example stixScoId('domain-name', { value: 'example.com' }) // 'domain-name--…'
 */
export function stixScoId(type: string, contributing: Record<string, unknown>): string {
  const h = createHash('sha1').update(SCO_NAMESPACE).update(canonical(contributing), 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50; // version 5
  h[8] = (h[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const x = h.subarray(0, 16).toString('hex');
  return `${type}--${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const IP_TYPES = new Set(['ipv4-addr', 'ipv6-addr']);

/** The first hash of a `hashes` dictionary, to caption a file known only by its hashes. */
function firstHash(hashes: unknown): string | undefined {
  if (!isRecord(hashes)) return undefined;
  return Object.keys(hashes).sort().flatMap((k) => strings(hashes[k]))[0];
}

/** Entity for an address-like value that FtM has no schema for: a Note named by the value. */
function valueNote(id: string, type: string, value: string): RawEntity {
  const p = new Props();
  addName(p, value);
  if (IP_TYPES.has(type) && !value.includes('/')) p.add('ipMentioned', value);
  p.add('keywords', type);
  return { id, schema: 'Note', properties: p.out() };
}

/** Adds the hashes of a `hashes` dictionary (sorted by algorithm, for a stable order). */
function addHashes(p: Props, hashes: unknown): void {
  if (!isRecord(hashes)) return;
  for (const k of Object.keys(hashes).sort()) for (const v of strings(hashes[k])) addHash(p, k, v);
}

/** The first of these fields that holds a string or number, as text. */
function firstOf(o: StixObject, fields: readonly string[]): string | undefined {
  for (const f of fields) {
    const v = o[f];
    if (typeof v === 'string' && v.trim() !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

/** What names an SCO of a type FtM has no schema for (the Note's name). */
const GENERIC_NAME: Record<string, readonly string[]> = {
  'mac-addr': ['value'],
  mutex: ['name'],
  process: ['command_line', 'cwd', 'pid'],
  software: ['cpe', 'name', 'swid'],
  'windows-registry-key': ['key'],
  'x509-certificate': ['subject', 'serial_number', 'issuer'],
  'autonomous-system': ['name', 'number'],
  directory: ['path'],
  artifact: ['url', 'mime_type'],
  'network-traffic': ['protocols'],
};

/** The FtM entity of one SCO object (already schema-valid), or undefined for types not mapped. */
export function mapObservable(o: StixObject): RawEntity | undefined {
  const id = o.id;
  const type = o.type;
  switch (type) {
    case 'domain-name':
    case 'ipv4-addr':
    case 'ipv6-addr':
    case 'url': {
      const value = str(o.value);
      return value === undefined ? undefined : valueNote(id, type, value);
    }
    case 'email-addr': {
      const p = new Props();
      p.add('email', str(o.value));
      p.add('username', str(o.value));
      p.add('name', str(o.display_name));
      p.add('service', 'email');
      return { id, schema: 'UserAccount', properties: p.out() };
    }
    case 'user-account': {
      const p = new Props();
      p.add('username', str(o.account_login) ?? str(o.user_id));
      p.add('name', str(o.display_name));
      p.add('service', str(o.account_type));
      p.add('keywords', type);
      return { id, schema: 'UserAccount', properties: p.out() };
    }
    case 'file': {
      const p = new Props();
      p.add('fileName', str(o.name));
      p.add('title', str(o.name));
      addHashes(p, o.hashes);
      if (!p.has('title')) p.add('title', firstHash(o.hashes));
      p.add('fileSize', typeof o.size === 'number' ? String(o.size) : undefined);
      p.add('mimeType', str(o.mime_type));
      p.add('keywords', type);
      return { id, schema: 'Document', properties: p.out() };
    }
    case 'email-message': {
      const p = new Props();
      p.add('subject', str(o.subject));
      p.add('date', str(o.date));
      p.add('messageId', str(o.message_id));
      p.add('bodyText', str(o.body));
      p.add('keywords', type);
      return { id, schema: 'Email', properties: p.out() };
    }
    default: {
      const fields = GENERIC_NAME[type];
      if (!fields) return undefined;
      const p = new Props();
      const name = type === 'autonomous-system' && typeof o.number === 'number' ? `AS${o.number}${str(o.name) ? ` ${str(o.name)}` : ''}` : firstOf(o, fields);
      addName(p, name ?? strings(o[fields[0]!]).join(' '));
      p.add('keywords', type);
      if (type === 'artifact') addHashes(p, o.hashes);
      return { id, schema: 'Note', properties: p.out() };
    }
  }
}

/** SCO types mapped by `mapObservable`. */
export const OBSERVABLE_TYPES: ReadonlySet<string> = new Set(['domain-name', 'ipv4-addr', 'ipv6-addr', 'url', 'email-addr', 'user-account', 'file', 'email-message', ...Object.keys(GENERIC_NAME)]);

/** At most this many observables are taken from one pattern (a pattern is data, not a program). */
export const MAX_PATTERN_OBSERVABLES = 100;

/**
 * Pattern tokens: white space, a string literal, an object path (`file:hashes.'SHA-256'`), a word, a
 * two-character operator, any other character. A word takes a whole run of name characters, so a
 * failed path attempt is never retried inside the same run: tokenising is linear in the pattern.
 */
const TOKEN = /\s+|'(?:[^'\\]|\\.)*'|([a-z0-9-]+):([A-Za-z0-9_-]+(?:\.(?:'[^']*'|[A-Za-z0-9_-]+))*)|[A-Za-z0-9_-]+|!=|<=|>=|[\s\S]/y;
const VALUE_TYPES = new Set(['domain-name', 'ipv4-addr', 'ipv6-addr', 'url', 'email-addr']);
/** Longer patterns are kept as text only. */
export const MAX_PATTERN_CHARS = 1 << 20;

/** The `type:path = 'value'` comparisons of a pattern, in order. */
function* equalities(pattern: string): Generator<{ type: string; path: string; value: string }> {
  let path: { type: string; path: string } | undefined;
  let equals = false;
  const re = new RegExp(TOKEN); // own lastIndex: generators may interleave
  for (let m = re.exec(pattern); m && m[0] !== ''; m = re.exec(pattern)) {
    const tok = m[0];
    if (/^\s/.test(tok)) continue;
    if (m[1] !== undefined && m[2] !== undefined) {
      path = { type: m[1], path: m[2] };
      equals = false;
    } else if (tok === '=' && path && !equals) equals = true;
    else if (tok.length >= 2 && tok.startsWith("'") && tok.endsWith("'") && path && equals) {
      yield { ...path, value: tok.slice(1, -1).replace(/\\(['\\])/g, '$1') };
      path = undefined;
      equals = false;
    } else {
      path = undefined;
      equals = false;
    }
  }
}

/**
 * The observables an indicator's STIX pattern names by equality: `value` of domains, IPs, URLs and
 * e-mail addresses, and file hashes (`file:hashes.'SHA-256' = '…'`). Other comparisons (MATCHES,
 * LIKE, ranges) describe sets, not things, and stay in the pattern text only.
 */
export function patternObservables(pattern: string): RawEntity[] {
  const out = new Map<string, RawEntity>();
  if (pattern.length > MAX_PATTERN_CHARS) return [];
  for (const { type, path, value } of equalities(pattern)) {
    if (out.size >= MAX_PATTERN_OBSERVABLES) break;
    if (value.trim() === '') continue;
    if (VALUE_TYPES.has(type) && path === 'value') {
      const id = stixScoId(type, { value });
      const e = type === 'email-addr' ? mapObservable({ id, type, value }) : valueNote(id, type, value);
      if (e) out.set(id, e);
      continue;
    }
    const hash = /^hashes\.'?([A-Za-z0-9-]+)'?$/.exec(path);
    if (type === 'file' && hash) {
      const id = stixScoId('file', { hashes: { [hash[1]!]: value } });
      const p = new Props().add('title', value);
      addHash(p, hash[1]!, value);
      out.set(id, { id, schema: 'Document', properties: p.add('keywords', 'file').out() });
    }
  }
  return [...out.values()];
}
