/**
 * The STIX 2.1 objects of one exported entity: identities, threat actors, locations, indicators (notes
 * that hold a STIX pattern), cyber-observables (e-mail addresses, IPs, domains, URLs, with the ids STIX
 * itself gives them), relationships and sightings. The inverse of src/ingest/readers/stix-map.ts.
 */
import { createHash } from 'node:crypto';
import { stixScoId } from '../ingest/readers/stix-observables.ts';
import { STIX_TLP2_EXTENSION, STIX_TLP2_MARKINGS } from '../ingest/readers/tlp-markings.ts';
import { tlpLevel, type Tlp } from '../model/handling.ts';
import type { Model } from '../model/schema.ts';
import type { Entity, Statement } from '../model/statement.ts';

export type StixObject = Record<string, unknown> & { type: string; id: string };

/** Corvid's namespace for deterministic STIX ids (UUIDv5 over the entity id). */
const NAMESPACE = 'c0a1d5e2-6f3b-4e8a-9d7c-2b1e4f6a8c90';

/** A deterministic UUIDv5 (RFC 4122 §4.3), so the same entity always exports under the same STIX id. */
export function uuid5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const TLP_MARKING: Record<Tlp, string> = Object.fromEntries(Object.entries(STIX_TLP2_MARKINGS).map(([id, tlp]) => [tlp, id])) as Record<Tlp, string>;

export function markingDefinition(tlp: Tlp): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKING[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp}`,
    extensions: { [STIX_TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: tlp.toLowerCase() } },
  };
}

export function stixTime(value: string): string {
  const d = new Date(value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : `${value}${value.length > 10 && !/(Z|[+-]\d\d:?\d\d)$/.test(value) ? 'Z' : ''}`);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}

export function highestTlp(statements: readonly Statement[]): Tlp {
  return statements.reduce<Tlp>((m, s) => (tlpLevel(s.tlp) > tlpLevel(m) ? s.tlp : m), 'CLEAR');
}

/** The STIX type of a node entity, or null when it becomes observables only, a relationship, or nothing. */
function sdoType(model: Model, e: Entity): 'identity' | 'threat-actor' | 'location' | 'indicator' | null {
  if (model.isA(e.schema, 'CriminalNetwork')) return 'threat-actor';
  // What the reader makes of a threat actor: an Organization with the cyber-crime topic.
  if (model.isA(e.schema, 'Organization') && e.properties.topics?.includes('crime.cyber')) return 'threat-actor';
  if (model.isA(e.schema, 'LegalEntity')) return 'identity';
  if (model.isA(e.schema, 'Address')) return 'location';
  if (model.isA(e.schema, 'Note') && patternOf(e) !== undefined) return 'indicator';
  return null;
}

/** The STIX pattern an imported indicator keeps in its notes (`stix pattern: [...]`). */
function patternOf(e: Entity): string | undefined {
  return e.properties.notes?.map((n) => /^stix pattern: (.+)$/s.exec(n)?.[1]).find((p) => p !== undefined);
}

/** The value of a `label: value` note, as the reader keeps an indicator's validity. */
const noteOf = (e: Entity, label: string): string | undefined => e.properties.notes?.find((n) => n.startsWith(`${label}: `))?.slice(label.length + 2);

/** What every exported object carries: dates, the TLP marking of its strictest statement, and the Corvid id. */
export function common(e: Entity, statements: readonly Statement[]): Record<string, unknown> {
  return {
    spec_version: '2.1',
    created: stixTime(e.firstSeen),
    modified: stixTime(e.lastSeen),
    object_marking_refs: [TLP_MARKING[highestTlp(statements)]],
    external_references: [{ source_name: 'corvid', external_id: e.id }],
  };
}

/**
 * The SDO of a node entity, or null.
 * @example toSdo(model, person, statements)?.type // 'identity'
 */
export function toSdo(model: Model, e: Entity, statements: readonly Statement[]): StixObject | null {
  const type = sdoType(model, e);
  if (!type) return null;
  const p = e.properties;
  const base = { type, id: `${type}--${uuid5(e.id)}`, ...common(e, statements) };
  // A Note's caption is not its name (FtM captions notes by title), so the name comes first where there is one.
  const name = e.caption === e.id ? (p.name?.[0] ?? e.caption) : e.caption;
  const description = [...(p.description ?? []), ...(p.notes ?? []).filter((n) => !/^(stix pattern|valid from|valid until): /.test(n))].join('\n') || undefined;
  if (type === 'location') return { ...base, name: p.full?.[0] ?? name, street_address: p.street?.[0], city: p.city?.[0], country: p.country?.[0]?.toUpperCase() ?? 'ZZ', postal_code: p.postalCode?.[0] };
  if (type === 'threat-actor') return { ...base, name, threat_actor_types: ['crime-syndicate'], aliases: p.alias, description };
  if (type === 'indicator') return { ...base, name, description, pattern: patternOf(e), pattern_type: 'stix', valid_from: stixTime(noteOf(e, 'valid from') ?? e.firstSeen) };
  const phones = (p.phone ?? []).join(', ');
  return { ...base, name, identity_class: model.isA(e.schema, 'Person') ? 'individual' : 'organization', description, contact_information: phones ? `phone: ${phones}` : undefined };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/;

/** One cyber-observable, with the deterministic id STIX 2.1 gives it (so it meets the same value elsewhere). */
export function sco(type: 'email-addr' | 'ipv4-addr' | 'ipv6-addr' | 'domain-name' | 'url', value: string): StixObject {
  return { type, spec_version: '2.1', id: stixScoId(type, { value }), value };
}

const ipSco = (v: string): StixObject => sco(IPV4.test(v) ? 'ipv4-addr' : 'ipv6-addr', v);

/** The observable a Note stands for (as the readers make them: named by the value, typed by a keyword). */
function noteObservable(e: Entity): StixObject | null {
  const k = e.properties.keywords ?? [];
  const name = e.properties.name?.[0];
  if (!name) return null;
  if (k.includes('domain-name') || k.includes('misp-type:domain') || k.includes('misp-type:hostname')) return sco('domain-name', name);
  if (k.includes('url') || k.includes('misp-type:url')) return sco('url', name);
  return null;
}

/**
 * The observables of an entity: its e-mail addresses and IPs, and for an observable-like Note the value
 * it is named by. Returned with the property they come from, so that a node entity can relate to them.
 */
export function observablesOf(model: Model, e: Entity): StixObject[] {
  const out = new Map<string, StixObject>();
  const add = (o: StixObject | null): void => void (o && out.set(o.id, o));
  if (model.isA(e.schema, 'Note')) add(noteObservable(e));
  for (const [prop, values] of Object.entries(e.properties)) {
    const type = model.get(e.schema).properties.get(prop)?.type;
    if (type === 'email') for (const v of values) add(sco('email-addr', v));
    if (type === 'ip') for (const v of values) add(ipSco(v));
  }
  return [...out.values()];
}

/** An interstitial entity (Payment, Call, Ownership, UnknownLink, …) as a relationship between its two ends. */
export function toRelationship(model: Model, e: Entity, statements: readonly Statement[], exported: ReadonlyMap<string, string>): StixObject | null {
  const edge = model.get(e.schema).edge;
  if (!edge) return null;
  const src = e.properties[edge.source]?.map((id) => exported.get(id)).find(Boolean);
  const dst = e.properties[edge.target]?.map((id) => exported.get(id)).find(Boolean);
  if (!src || !dst) return null;
  const label = model.isA(e.schema, 'UnknownLink') ? (e.properties.role?.[0] ?? edge.label) : edge.label;
  const verb = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'related-to';
  const parts = [e.schema, ...(e.properties.amount ?? []).map((a) => `${a} ${e.properties.currency?.[0] ?? ''}`.trim()), ...(e.properties.date ?? e.properties.startDate ?? [])];
  return { type: 'relationship', id: `relationship--${uuid5(e.id)}`, ...common(e, statements), relationship_type: verb, source_ref: src, target_ref: dst, description: parts.join(', ') };
}

/** A sighting Event (as the reader makes them: keyword `sighting`), kept from the first pass until its link is met. */
export interface SightingEvent {
  entity: Entity;
  statements: Statement[];
}

export const isSightingEvent = (model: Model, e: Entity): boolean => model.isA(e.schema, 'Event') && (e.properties.keywords ?? []).includes('sighting');

/** A sighting of `of` (an exported SDO), from the Event and its `sighting-of` link. */
export function toSighting(s: SightingEvent, of: string, exported: ReadonlyMap<string, string>): StixObject {
  const p = s.entity.properties;
  const where = (p.involved ?? []).map((id) => exported.get(id)).filter((id): id is string => id?.startsWith('identity--') === true);
  const count = /^seen (\d+) times$/.exec(p.summary?.[0] ?? '')?.[1];
  return {
    type: 'sighting',
    id: `sighting--${uuid5(s.entity.id)}`,
    ...common(s.entity, s.statements),
    sighting_of_ref: of,
    ...(p.startDate?.[0] ? { first_seen: stixTime(p.startDate[0]) } : {}),
    ...(p.endDate?.[0] ? { last_seen: stixTime(p.endDate[0]) } : {}),
    ...(count ? { count: Number(count) } : {}),
    ...(where.length > 0 ? { where_sighted_refs: where } : {}),
    ...(p.description?.[0] ? { description: p.description[0] } : {}),
  };
}
