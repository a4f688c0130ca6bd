/**
 * The records of one MISP event, in a fixed order: the event, its attributes, its objects (each followed
 * by its references), its galaxy clusters, then one skip each for proposals, correlations and reports.
 */
import type { Model } from '../../model/schema.ts';
import { excerpt, type ReadItem, type RawEntity, type RecordMeta } from '../reader.ts';
import { attributeEntity, attributeSeen, clusterEntity, isoDate, link, list, metaFrom, mispId, objectEntity, tagsOf } from './misp-entities.ts';
import { isoFromEpoch, isRecord, measureJson, Props, str } from './stix-props.ts';
import { stricterTlp, type MispTagSummary } from './tlp-markings.ts';

type Json = Record<string, unknown>;

export interface MispContext {
  model: Model;
  maxRecordBytes: number;
  maxDepth: number;
  /** The next record number (the "line" of the contract), from 1 across the file. */
  nextLine(): number;
}

/** Lists inside an event that are records of their own, not part of the event's head. */
const CHILD_LISTS = ['Attribute', 'Object', 'Galaxy', 'ShadowAttribute', 'RelatedEvent', 'EventReport', 'Sighting'];
const THREAT_LEVEL: Record<string, string> = { '1': 'high', '2': 'medium', '3': 'low', '4': 'undefined' };
const ANALYSIS: Record<string, string> = { '0': 'initial', '1': 'ongoing', '2': 'completed' };

const isDeleted = (el: Json): boolean => el.deleted === true || el.deleted === 1 || el.deleted === '1';

/** A reject for an element over the size or depth limit, or undefined when it is within both. */
function limitReject(ctx: MispContext, el: unknown, line: number, where: string): ReadItem | undefined {
  const m = measureJson(el, ctx.maxDepth, ctx.maxRecordBytes);
  if (!m.tooDeep && !m.tooLarge) return undefined;
  const why = m.tooDeep ? `nests JSON deeper than ${ctx.maxDepth} levels` : `is larger than ${ctx.maxRecordBytes} bytes`;
  return { kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason: `${where} ${why}` };
}

const entitiesItem = (line: number, entities: RawEntity[], meta: RecordMeta): ReadItem =>
  Object.keys(meta).length > 0 ? { kind: 'entities', line, entities, meta } : { kind: 'entities', line, entities };

type Prepared = { ok: true; id: string; el: Json; where: string } | { ok: false; el: Json; where: string; item: (line: number) => ReadItem };

function rawOf(el: Json): string | undefined {
  try {
    return excerpt(JSON.stringify(el));
  } catch {
    return undefined;
  }
}

/** Checks an attribute before anything is yielded, so references can tell which attributes become entities. */
function prepareAttribute(ctx: MispContext, a: Json, where: string, key: string): Prepared {
  const fail = (reason: string, raw = true): Prepared => ({ ok: false, el: a, where, item: (line) => ({ kind: 'reject', line, code: 'CORVID_ERR_VALIDATION', reason: `${where} ${reason}`, ...(raw ? { raw: rawOf(a) } : {}) }) });
  const limit = limitReject(ctx, a, 0, where);
  if (limit) return { ok: false, el: a, where, item: (line) => ({ ...limit, line }) };
  const type = str(a.type);
  if (isDeleted(a)) return { ok: false, el: a, where, item: (line) => ({ kind: 'skip', line, reason: `${where} (${type ?? 'no type'}) is deleted in MISP` }) };
  if (!type) return fail('has no type');
  if (str(a.value) === undefined) return fail(`(${type}) has no value that is text`);
  return { ok: true, id: mispId('attribute', a, `${key}|${type}|${str(a.value)}`), el: a, where };
}

function prepareObject(ctx: MispContext, o: Json, where: string, key: string): Prepared {
  const limit = limitReject(ctx, o, 0, where);
  if (limit) return { ok: false, el: o, where, item: (line) => ({ ...limit, line }) };
  if (isDeleted(o)) return { ok: false, el: o, where, item: (line) => ({ kind: 'skip', line, reason: `${where} is deleted in MISP` }) };
  const usable = list(o.Attribute).filter((a) => !isDeleted(a) && str(a.value) !== undefined);
  if (usable.length === 0) return { ok: false, el: o, where, item: (line) => ({ kind: 'skip', line, reason: `${where} has no attributes with a value (or only deleted ones)` }) };
  return { ok: true, id: mispId('object', o, `${key}|${str(o.name)}`), el: o, where };
}

/** The tags of an object and of its attributes together: the strictest TLP, the object's own grading first. */
function objectTags(o: Json, attributes: readonly Json[]): MispTagSummary {
  const own = tagsOf(o);
  const out: MispTagSummary = { ...own, keywords: [...own.keywords] };
  for (const a of attributes) {
    const t = tagsOf(a);
    out.tlp = stricterTlp(out.tlp, t.tlp);
    if (!out.grading && t.grading) out.grading = t.grading;
    out.keywords.push(...t.keywords);
  }
  return out;
}

/** The Event entity of the event's head (info, date, threat level, analysis, creator organisation). */
function eventEntity(id: string, ev: Json, tags: MispTagSummary): RawEntity {
  const p = new Props();
  p.add('name', str(ev.info));
  p.add('date', str(ev.date));
  p.add('modifiedAt', isoFromEpoch(ev.timestamp));
  p.add('recordId', str(ev.id));
  const org = isRecord(ev.Orgc) ? ev.Orgc : isRecord(ev.Org) ? ev.Org : undefined;
  p.add('publisher', org ? str(org.name) : undefined);
  const level = THREAT_LEVEL[str(ev.threat_level_id) ?? ''];
  const analysis = ANALYSIS[str(ev.analysis) ?? ''];
  p.add('keywords', ['misp-event', ...(level ? [`misp-threat-level:${level}`] : []), ...(analysis ? [`misp-analysis:${analysis}`] : []), ...tags.keywords]);
  return { id, schema: 'Event', properties: p.out() };
}

/** Sightings by attribute (event-level `Sighting` entries name their attribute by id or uuid). */
function sightingsOf(ev: Json): Map<string, Json[]> {
  const map = new Map<string, Json[]>();
  for (const s of list(ev.Sighting)) {
    for (const key of [str(s.attribute_uuid), str(s.attribute_id)]) {
      if (key) map.set(key, [...(map.get(key) ?? []), s]);
    }
  }
  return map;
}

/**
 * The records of one event (`eventNo` from 1). An event without a head (no info, date or uuid: a
 * fragment of attributes or objects) yields its elements without an Event entity to link them to.
 */
export function* eventItems(ctx: MispContext, ev: Json, eventNo: number): Generator<ReadItem> {
  const where = `event ${eventNo}`;
  const hasHead = ['info', 'date', 'uuid', 'threat_level_id', 'analysis'].some((k) => ev[k] !== undefined);
  const evTags = tagsOf(ev);
  const evKey = `event|${eventNo}|${str(ev.info) ?? ''}|${str(ev.date) ?? ''}`;
  const evId = mispId('event', ev, evKey);
  const evFirst = isoDate(ev.date);
  const evMeta = metaFrom(evTags, {}, evFirst, isoFromEpoch(ev.timestamp) ?? evFirst);
  let linkTo: string | undefined;
  if (hasHead) {
    const line = ctx.nextLine();
    const head = Object.fromEntries(Object.entries(ev).filter(([k]) => !CHILD_LISTS.includes(k)));
    const limit = limitReject(ctx, head, line, where);
    if (limit) yield limit;
    else {
      linkTo = evId;
      yield entitiesItem(line, [eventEntity(evId, ev, evTags)], evMeta);
    }
  }

  const attributes = list(ev.Attribute).map((a, i) => prepareAttribute(ctx, a, `${where} attribute ${i + 1}`, `${evKey}|attribute|${i}`));
  const objects = list(ev.Object).map((o, i) => prepareObject(ctx, o, `${where} object ${i + 1} (${str(o.name) ?? 'unnamed'})`, `${evKey}|object|${i}`));
  // What a reference may point at: attributes and objects that become entities (an object's attributes are the object).
  const targets = new Map<string, string>();
  for (const a of attributes) if (a.ok && str(a.el.uuid)) targets.set(str(a.el.uuid)!, a.id);
  for (const o of objects) {
    if (!o.ok) continue;
    if (str(o.el.uuid)) targets.set(str(o.el.uuid)!, o.id);
    for (const a of list(o.el.Attribute)) if (str(a.uuid) && !isDeleted(a)) targets.set(str(a.uuid)!, o.id);
  }
  const sightings = sightingsOf(ev);
  const clusters: { c: Json; g: Json; subject: string | undefined }[] = [];

  for (const a of attributes) {
    const line = ctx.nextLine();
    if (!a.ok) {
      yield a.item(line);
      continue;
    }
    const el = a.el;
    const type = str(el.type)!;
    const tags = tagsOf(el);
    const seen = attributeSeen(el, [...list(el.Sighting), ...(sightings.get(str(el.uuid) ?? '') ?? []), ...(sightings.get(str(el.id) ?? '') ?? [])]);
    const entities = [attributeEntity(ctx.model, a.id, el, type, str(el.value)!, tags)];
    if (linkTo) entities.push(link(`${a.id}:event`, linkTo, a.id, str(el.category) ?? 'attribute'));
    yield entitiesItem(line, entities, metaFrom(tags, evMeta, seen.first, seen.last));
    for (const g of list(el.Galaxy)) for (const c of list(g.GalaxyCluster)) clusters.push({ c, g, subject: a.id });
  }

  for (const o of objects) {
    const line = ctx.nextLine();
    if (!o.ok) {
      yield o.item(line);
      continue;
    }
    const attrs = list(o.el.Attribute).filter((a) => !isDeleted(a) && str(a.value) !== undefined);
    const tags = objectTags(o.el, attrs);
    const seen = attrs.map((a) => attributeSeen(a, list(a.Sighting)));
    const firsts = seen.map((s) => s.first).filter((d): d is string => d !== undefined).sort();
    const lasts = seen.map((s) => s.last).filter((d): d is string => d !== undefined).sort();
    const meta = metaFrom(tags, evMeta, firsts[0], lasts.at(-1));
    const entities = [objectEntity(ctx.model, o.id, o.el, attrs, tags)];
    if (linkTo) entities.push(link(`${o.id}:event`, linkTo, o.id, `object:${str(o.el.name) ?? 'object'}`));
    yield entitiesItem(line, entities, meta);
    for (const [k, r] of list(o.el.ObjectReference).entries()) {
      const rLine = ctx.nextLine();
      const rWhere = `${o.where} reference ${k + 1}`;
      const ref = str(r.referenced_uuid) ?? '';
      const target = targets.get(ref);
      if (isDeleted(r)) yield { kind: 'skip', line: rLine, reason: `${rWhere} is deleted in MISP` };
      else if (!target) yield { kind: 'skip', line: rLine, reason: `${rWhere} points at ${ref ? `uuid ${ref.slice(0, 64)}` : 'nothing'}, which is not an imported attribute or object of this event` };
      else yield entitiesItem(rLine, [link(mispId('reference', r, `${o.id}|reference|${k}|${ref}`), o.id, target, str(r.relationship_type) ?? 'related-to')], meta);
    }
  }

  for (const g of list(ev.Galaxy)) for (const c of list(g.GalaxyCluster)) clusters.push({ c, g, subject: linkTo });
  for (const { c, g, subject } of clusters) yield clusterItem(ctx, c, g, subject, `${where} galaxy cluster`, evMeta);

  const proposals = list(ev.ShadowAttribute).length + list(ev.Attribute).reduce((n, a) => n + list(a.ShadowAttribute).length, 0) + list(ev.Object).reduce((n, o) => n + list(o.Attribute).reduce((m, a) => m + list(a.ShadowAttribute).length, 0), 0);
  if (proposals > 0) yield { kind: 'skip', line: ctx.nextLine(), reason: `${where}: ${proposals} proposal(s) (ShadowAttribute) not imported: suggestions the event's owner has not accepted` };
  const related = list(ev.RelatedEvent).length;
  if (related > 0) yield { kind: 'skip', line: ctx.nextLine(), reason: `${where}: ${related} related event(s) not imported: correlations computed by the MISP server, not source data` };
  const reports = list(ev.EventReport).length;
  if (reports > 0) yield { kind: 'skip', line: ctx.nextLine(), reason: `${where}: ${reports} event report(s) not imported` };
}

/** One galaxy cluster: its entity and, when there is something to attach it to, the link. */
export function clusterItem(ctx: MispContext, c: Json, g: Json, subject: string | undefined, where: string, meta: RecordMeta): ReadItem {
  const line = ctx.nextLine();
  const w = `${where} ${str(c.value) ? `"${str(c.value)!.slice(0, 80)}"` : line}`;
  const limit = limitReject(ctx, c, line, w);
  if (limit) return limit;
  if (!str(c.value)) return { kind: 'reject', line, code: 'CORVID_ERR_VALIDATION', reason: `${w} has no value (name)`, raw: rawOf(c) };
  const id = mispId('galaxy-cluster', c, `galaxy|${str(c.type) ?? str(g.type) ?? ''}|${str(c.value)}`);
  const entities = [clusterEntity(id, c, g)];
  if (subject) entities.push(link(mispId('galaxy-link', {}, `${subject}|${id}`), subject, id, str(g.name) ?? 'galaxy'));
  return entitiesItem(line, entities, meta);
}
