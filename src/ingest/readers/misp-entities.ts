/**
 * One MISP attribute, object or galaxy cluster as an FtM entity (the tables are in misp-types.ts),
 * plus the ids, handling and dates they carry.
 */
import { sha1 } from '../../model/ids.ts';
import type { Model } from '../../model/schema.ts';
import type { RawEntity, RecordMeta } from '../reader.ts';
import { ATTRIBUTE_TYPES, FILE_HASH_TYPES, OBJECT_TEMPLATES, TEXT_TYPES, typedFallback } from './misp-types.ts';
import { addHash, addName, isoFromEpoch, isRecord, Props, str, strings } from './stix-props.ts';
import { summariseMispTags, type MispTagSummary } from './tlp-markings.ts';

type Json = Record<string, unknown>;

/** A list that MISP may give as an array, a single object, or not at all. */
export function list(v: unknown): Json[] {
  if (Array.isArray(v)) return v.filter(isRecord);
  return isRecord(v) ? [v] : [];
}

/**
 * The entity id of a MISP element: its uuid when it has one (stable across exports), else a hash of
 * where it sits and what it says (deterministic for the same file).
 */
export function mispId(kind: string, el: Json, fallbackKey: string): string {
  const uuid = str(el.uuid);
  if (uuid && /^[A-Za-z0-9-]{1,64}$/.test(uuid)) return `misp-${kind}:${uuid}`;
  return `misp-${kind}:h-${sha1(fallbackKey).slice(0, 32)}`;
}

/** A MISP date (`2017-12-31`) or timestamp as an ISO timestamp. */
export function isoDate(v: unknown): string | undefined {
  const s = str(v);
  if (s && /^\d{4}-\d{2}-\d{2}$/.test(s)) return `${s}T00:00:00.000Z`;
  if (s && /^\d{4}-\d{2}-\d{2}T/.test(s)) return s;
  return isoFromEpoch(v);
}

/** Puts values into `prop` if the schema has it, else into `notes` as `label: value` (nothing is lost). */
export function put(model: Model, schema: string, p: Props, props: readonly string[], value: string, label: string): void {
  const has = model.get(schema).properties;
  const usable = props.filter((x) => has.has(x));
  if (usable.length === 0) p.add('notes', `${label}: ${value}`);
  for (const x of usable) {
    if (x === 'contentHash') addHash(p, label, value);
    else if (x === 'name') addName(p, value);
    else p.add(x, value);
  }
}

/** A one-line name for a free-text value. */
const headline = (s: string): string => {
  const line = s.trim().split(/\r?\n/, 1)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
};

/** Record meta from tags and dates, on top of what the event gives (an element's own TLP wins). */
export function metaFrom(tags: MispTagSummary, inherited: RecordMeta, first?: string, last?: string): RecordMeta {
  const meta: RecordMeta = { ...inherited };
  if (tags.tlp) meta.tlp = tags.tlp;
  if (tags.grading) meta.grading = tags.grading;
  if (first) meta.firstSeen = first;
  if (last) meta.lastSeen = last;
  return meta;
}

/** First and last seen of an attribute: its own first/last_seen, widened by its sightings, else its timestamp. */
export function attributeSeen(a: Json, sightings: readonly Json[]): { first?: string; last?: string } {
  const dates = sightings
    .filter((s) => str(s.type) === undefined || str(s.type) === '0')
    .map((s) => isoFromEpoch(s.date_sighting) ?? isoFromEpoch(s.timestamp))
    .filter((d): d is string => d !== undefined)
    .concat(strings(a.first_seen), strings(a.last_seen))
    .sort();
  const first = dates[0] ?? isoFromEpoch(a.timestamp);
  const last = dates.at(-1) ?? isoFromEpoch(a.timestamp);
  return { ...(first ? { first } : {}), ...(last ? { last } : {}) };
}

/** The entity of a standalone attribute: by type (misp-types.ts), else a Note named by the value. */
export function attributeEntity(model: Model, id: string, a: Json, type: string, value: string, tags: MispTagSummary): RawEntity {
  const target = ATTRIBUTE_TYPES[type];
  const p = new Props();
  const schema = target?.schema ?? 'Note';
  if (!target) {
    if (TEXT_TYPES.has(type)) {
      p.add('name', headline(value));
      p.add('description', value);
    } else addName(p, value);
  } else if (target.parts) {
    const parts = value.split('|');
    target.parts.forEach((props, i) => {
      const part = i === target.parts!.length - 1 ? parts.slice(i).join('|') : parts[i];
      if (part !== undefined && part.trim() !== '') put(model, schema, p, props, part.trim(), type.split('|')[i] ?? type);
    });
  } else put(model, schema, p, target.props ?? [], value, type);
  for (const [k, v] of Object.entries(target?.fixed ?? {})) p.add(k, v);
  p.add('keywords', [`misp-type:${type}`, ...(str(a.category) ? [`misp-category:${str(a.category)}`] : []), ...tags.keywords]);
  p.add('notes', str(a.comment));
  p.add('modifiedAt', isoFromEpoch(a.timestamp));
  return { id, schema, properties: p.out() };
}

/** The entity of a MISP object: its template's schema, each attribute by relation, then by type, else a note. */
export function objectEntity(model: Model, id: string, o: Json, attributes: readonly Json[], tags: MispTagSummary): RawEntity {
  const name = str(o.name) ?? 'object';
  const template = OBJECT_TEMPLATES[name];
  const schema = template?.schema ?? 'Note';
  const p = new Props();
  if (!template) p.add('name', name);
  for (const a of attributes) {
    const relation = str(a.object_relation) ?? str(a.type) ?? 'value';
    const type = str(a.type) ?? '';
    const value = str(a.value);
    if (value === undefined) continue;
    const props = template?.relations[relation] ?? typedFallback(type);
    if (type === 'malware-sample' && !template?.relations[relation]) {
      const [file, hash] = value.split('|');
      put(model, schema, p, ['fileName'], file ?? value, relation);
      if (hash) put(model, schema, p, ['contentHash'], hash, relation);
    } else put(model, schema, p, props, value, relation);
  }
  if (schema === 'Document' && !p.has('title')) {
    // A file known only by its hashes: caption it by the first one.
    p.add('title', attributes.filter((a) => FILE_HASH_TYPES.includes(str(a.type) ?? '')).map((a) => str(a.value)!)[0]);
  }
  if (schema === 'Person' && !p.has('name')) {
    const o2 = p.out();
    const full = [o2.firstName?.[0], o2.middleName?.[0], o2.lastName?.[0]].filter(Boolean).join(' ');
    p.add('name', full);
  }
  p.add('description', str(o.comment));
  p.add('keywords', [`misp-object:${name}`, ...(str(o['meta-category']) ? [`misp-meta-category:${str(o['meta-category'])}`] : []), ...tags.keywords]);
  p.add('modifiedAt', isoFromEpoch(o.timestamp));
  return { id, schema, properties: p.out() };
}

/** The entity of a galaxy cluster: threat actors as organisations, everything else (tools, malware, techniques) as notes. */
export function clusterEntity(id: string, c: Json, galaxy: Json): RawEntity {
  const type = str(c.type) ?? str(galaxy.type) ?? 'galaxy';
  const schema = type === 'threat-actor' ? 'Organization' : 'Note';
  const meta = isRecord(c.meta) ? c.meta : {};
  const p = new Props();
  p.add('name', str(c.value));
  p.add('description', str(c.description));
  p.add('alias', strings(meta.synonyms));
  p.add('country', strings(meta.country));
  p.add('sourceUrl', strings(meta.refs));
  p.add('keywords', [`misp-galaxy:${type}`, ...strings(c.tag_name)]);
  if (schema === 'Organization') p.add('topics', 'crime.cyber');
  return { id, schema, properties: p.out() };
}

/** An undirected link between two entities (the FtM schema for "related, we do not say how"). */
export function link(id: string, subject: string, object: string, role: string): RawEntity {
  return { id, schema: 'UnknownLink', properties: { subject: [subject], object: [object], role: [role] } };
}

/** Tags of an element, read with tlp-markings.ts. */
export const tagsOf = (el: Json): MispTagSummary => summariseMispTags(el.Tag);
