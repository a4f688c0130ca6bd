/**
 * STIX 2.1 objects (already schema-valid) as FollowTheMoney entities. The table of choices is in
 * docs/stix-misp-mapping.md; this file is that table in code.
 */
import type { Tlp } from '../../model/handling.ts';
import type { RawEntity, RecordMeta } from '../reader.ts';
import { mapObservable, OBSERVABLE_TYPES, patternObservables } from './stix-observables.ts';
import { addName, isRecord, Props, str, strings, type StixObject } from './stix-props.ts';
import { tlpOfMarkingRefs } from './tlp-markings.ts';

export type StixMapping = { kind: 'entities'; entities: RawEntity[]; meta?: RecordMeta } | { kind: 'skip'; reason: string };

/** SDO types and the FtM schema each becomes (identity depends on its class). */
const SDO_SCHEMA: Record<string, string> = {
  'attack-pattern': 'Note',
  campaign: 'Event',
  'course-of-action': 'Note',
  grouping: 'Note',
  identity: 'LegalEntity',
  incident: 'Event',
  indicator: 'Note',
  infrastructure: 'Note',
  'intrusion-set': 'Organization',
  location: 'Address',
  malware: 'Note',
  'malware-analysis': 'Note',
  note: 'Note',
  'observed-data': 'Event',
  opinion: 'Note',
  report: 'Note',
  'threat-actor': 'Organization',
  tool: 'Note',
  vulnerability: 'Note',
};

/** Types whose objects become entities (and so may be the ends of a relationship). */
export const ENTITY_TYPES: ReadonlySet<string> = new Set([...Object.keys(SDO_SCHEMA), ...OBSERVABLE_TYPES]);

/** The type part of a STIX id (`malware--…` → `malware`). */
export const typeOfId = (id: string): string => id.slice(0, Math.max(0, id.indexOf('--')));

const IDENTITY_SCHEMA: Record<string, string> = { individual: 'Person', organization: 'Organization', group: 'Organization' };

/** Properties every SDO has a place for in FtM's Thing. */
function thingProps(o: StixObject): Props {
  const p = new Props();
  addName(p, str(o.name));
  p.add('description', str(o.description));
  p.add('alias', strings(o.aliases));
  p.add('createdAt', str(o.created));
  p.add('modifiedAt', str(o.modified));
  p.add('keywords', o.type);
  p.add('keywords', strings(o.labels));
  if (o.revoked === true) p.add('keywords', 'revoked');
  for (const ref of Array.isArray(o.external_references) ? o.external_references : []) {
    if (!isRecord(ref)) continue;
    p.add('sourceUrl', str(ref.url));
    const source = str(ref.source_name);
    const extId = str(ref.external_id);
    if (extId) p.add('keywords', source ? `${source}:${extId}` : extId);
  }
  for (const k of Array.isArray(o.kill_chain_phases) ? o.kill_chain_phases : []) {
    if (isRecord(k) && str(k.kill_chain_name) && str(k.phase_name)) p.add('keywords', `${str(k.kill_chain_name)}:${str(k.phase_name)}`);
  }
  return p;
}

/** First/last seen of an actor or tool, which FtM's Note and Organization have no dates for. */
function seenNotes(p: Props, o: StixObject, first: string, last: string): void {
  if (str(o[first])) p.add('notes', `${first.replace('_', ' ')}: ${str(o[first])}`);
  if (str(o[last])) p.add('notes', `${last.replace('_', ' ')}: ${str(o[last])}`);
}

/** References to objects that become entities (others would dangle). */
function entityRefs(v: unknown): string[] {
  return strings(v).filter((r) => ENTITY_TYPES.has(typeOfId(r)));
}

function mapSdo(o: StixObject): RawEntity[] {
  const p = thingProps(o);
  let schema = SDO_SCHEMA[o.type]!;
  const extra: RawEntity[] = [];
  switch (o.type) {
    case 'identity':
      schema = IDENTITY_SCHEMA[str(o.identity_class) ?? ''] ?? 'LegalEntity';
      p.add('sector', strings(o.sectors));
      p.add('keywords', strings(o.roles));
      p.add('notes', str(o.contact_information));
      break;
    case 'threat-actor':
    case 'intrusion-set':
      p.add('topics', 'crime.cyber');
      p.add('keywords', [...strings(o.threat_actor_types), ...strings(o.roles), ...strings(o.primary_motivation), ...strings(o.resource_level)]);
      p.add('notes', strings(o.goals).map((g) => `goal: ${g}`));
      seenNotes(p, o, 'first_seen', 'last_seen');
      break;
    case 'campaign':
      p.add('startDate', str(o.first_seen));
      p.add('endDate', str(o.last_seen));
      p.add('summary', str(o.objective));
      break;
    case 'incident':
      break;
    case 'malware':
    case 'tool':
    case 'infrastructure':
      p.add('keywords', [...strings(o.malware_types), ...strings(o.tool_types), ...strings(o.infrastructure_types), ...strings(o.capabilities)]);
      if (o.is_family === true) p.add('keywords', 'family');
      seenNotes(p, o, 'first_seen', 'last_seen');
      break;
    case 'malware-analysis':
      p.add('name', str(o.product));
      p.add('keywords', strings(o.result));
      p.add('entity', entityRefs(o.sample_ref));
      break;
    case 'vulnerability':
    case 'attack-pattern':
    case 'course-of-action':
      break;
    case 'indicator': {
      const pattern = str(o.pattern);
      if (!p.has('name') && pattern) p.add('name', pattern.length > 200 ? `${pattern.slice(0, 200)}…` : pattern);
      p.add('notes', pattern ? `${str(o.pattern_type) ?? 'stix'} pattern: ${pattern}` : undefined);
      p.add('keywords', strings(o.indicator_types));
      seenNotes(p, o, 'valid_from', 'valid_until');
      if (pattern && (o.pattern_type ?? 'stix') === 'stix') {
        const observables = patternObservables(pattern);
        p.add('entity', observables.map((e) => e.id));
        extra.push(...observables);
      }
      break;
    }
    case 'report':
      p.add('notes', str(o.published) ? `published: ${str(o.published)}` : undefined);
      p.add('keywords', strings(o.report_types));
      p.add('entity', entityRefs(o.object_refs));
      break;
    case 'grouping':
      p.add('keywords', str(o.context));
      p.add('entity', entityRefs(o.object_refs));
      break;
    case 'note':
      p.add('summary', str(o.abstract));
      p.add('description', str(o.content));
      p.add('notes', strings(o.authors).map((a) => `author: ${a}`));
      p.add('entity', entityRefs(o.object_refs));
      break;
    case 'opinion':
      p.add('description', str(o.explanation));
      p.add('keywords', str(o.opinion) ? `opinion:${str(o.opinion)}` : undefined);
      p.add('entity', entityRefs(o.object_refs));
      break;
    case 'observed-data':
      p.add('startDate', str(o.first_observed));
      p.add('endDate', str(o.last_observed));
      p.add('summary', typeof o.number_observed === 'number' ? `observed ${o.number_observed} times` : undefined);
      entityRefs(o.object_refs).forEach((ref, i) => extra.push(link(`${o.id}:ref:${i}`, o.id, ref, 'observed')));
      break;
    case 'location':
      p.add('full', str(o.name));
      p.add('street', str(o.street_address));
      p.add('city', str(o.city));
      p.add('region', str(o.region));
      p.add('state', str(o.administrative_area));
      p.add('postalCode', str(o.postal_code));
      p.add('country', str(o.country));
      p.add('latitude', typeof o.latitude === 'number' ? String(o.latitude) : undefined);
      p.add('longitude', typeof o.longitude === 'number' ? String(o.longitude) : undefined);
      break;
  }
  return [{ id: o.id, schema, properties: p.out() }, ...extra];
}

function link(id: string, subject: string, object: string, role: string, props = new Props()): RawEntity {
  props.add('subject', subject);
  props.add('object', object);
  props.add('role', role);
  return { id, schema: 'UnknownLink', properties: props.out() };
}

/** Why a relationship end cannot be an entity, or undefined when it can. */
function endProblem(ref: string): string | undefined {
  const t = typeOfId(ref);
  if (ENTITY_TYPES.has(t)) return undefined;
  if (t.startsWith('x-')) return `points at a custom object (${t}), which is not imported`;
  return `points at a ${t || 'malformed id'}, which is not imported as an entity`;
}

function mapRelationship(o: StixObject): StixMapping {
  const source = str(o.source_ref)!;
  const target = str(o.target_ref)!;
  const problem = endProblem(source) ?? endProblem(target);
  if (problem) return { kind: 'skip', reason: `relationship ${o.id} (${str(o.relationship_type)}) ${problem}` };
  const p = new Props();
  p.add('description', str(o.description));
  p.add('startDate', str(o.start_time));
  p.add('endDate', str(o.stop_time));
  p.add('modifiedAt', str(o.modified));
  for (const ref of Array.isArray(o.external_references) ? o.external_references : []) if (isRecord(ref)) p.add('sourceUrl', str(ref.url));
  return { kind: 'entities', entities: [link(o.id, source, target, str(o.relationship_type) ?? 'related-to', p)] };
}

/** A sighting: an Event with the sighting's dates, plus a link to what was sighted. */
function mapSighting(o: StixObject): RawEntity[] {
  const p = new Props();
  const of = str(o.sighting_of_ref)!;
  p.add('name', `sighting of ${of}`);
  p.add('description', str(o.description));
  p.add('startDate', str(o.first_seen));
  p.add('endDate', str(o.last_seen));
  p.add('date', str(o.first_seen));
  p.add('summary', typeof o.count === 'number' ? `seen ${o.count} times` : undefined);
  p.add('involved', strings(o.where_sighted_refs).filter((r) => typeOfId(r) === 'identity'));
  p.add('keywords', 'sighting');
  const out: RawEntity[] = [{ id: o.id, schema: 'Event', properties: p.out() }];
  if (endProblem(of) === undefined) out.push(link(`${o.id}:of`, o.id, of, 'sighting-of'));
  return out;
}

/** The record meta of an object: TLP from its markings, first/last seen from its own dates. */
function metaOf(o: StixObject, knownTlp: ReadonlyMap<string, Tlp>): RecordMeta | undefined {
  const meta: RecordMeta = {};
  const tlp = tlpOfMarkingRefs(o.object_marking_refs, knownTlp);
  if (tlp) meta.tlp = tlp;
  const first = o.type === 'sighting' ? str(o.first_seen) ?? str(o.created) : str(o.created);
  const last = o.type === 'sighting' ? str(o.last_seen) ?? str(o.modified) : str(o.modified);
  if (first) meta.firstSeen = first;
  if (last) meta.lastSeen = last;
  return Object.keys(meta).length > 0 ? meta : undefined;
}

/**
 * Maps one valid STIX object. Marking definitions, extension definitions and language content govern
 * or decorate other objects and are skipped with the reason.
 */
export function mapStixObject(o: StixObject, knownTlp: ReadonlyMap<string, Tlp>): StixMapping {
  const withMeta = (entities: RawEntity[]): StixMapping => {
    const meta = metaOf(o, knownTlp);
    return meta ? { kind: 'entities', entities, meta } : { kind: 'entities', entities };
  };
  if (o.type === 'relationship') {
    const r = mapRelationship(o);
    return r.kind === 'entities' ? withMeta(r.entities) : r;
  }
  if (o.type === 'sighting') return withMeta(mapSighting(o));
  if (SDO_SCHEMA[o.type]) return withMeta(mapSdo(o));
  const sco = mapObservable(o);
  if (sco) return withMeta([sco]);
  if (o.type === 'marking-definition') return { kind: 'skip', reason: `marking definition ${o.id}: a handling marking, applied to the objects that reference it` };
  return { kind: 'skip', reason: `${o.type} ${o.id}: this type is not imported` };
}
