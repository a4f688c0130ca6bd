/**
 * STIX 2.1 bundle export: people and organisations as identities, criminal networks as threat actors,
 * addresses as locations, e-mail addresses as observables, and interstitial entities (payments, calls,
 * ownerships, memberships, …) as relationships; every object marked with its TLP 2.0 marking.
 */
import { createHash } from 'node:crypto';
import { STIX_TLP2_EXTENSION, STIX_TLP2_MARKINGS } from '../ingest/readers/tlp-markings.ts';
import { tlpLevel, type Tlp } from '../model/handling.ts';
import type { Context } from '../model/context.ts';
import type { Model } from '../model/schema.ts';
import type { Entity, Statement } from '../model/statement.ts';
import type { Store } from '../store/port.ts';
import { exportableEntities, type ExportCounts, type ExportPolicy } from './export-policy.ts';

type StixObject = Record<string, unknown> & { type: string; id: string };

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

function markingDefinition(tlp: Tlp): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKING[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp}`,
    extensions: { [STIX_TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: tlp.toLowerCase() } },
  };
}

function stixTime(value: string): string {
  const d = new Date(value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : `${value}${value.length > 10 && !value.endsWith('Z') ? 'Z' : ''}`);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}

function highestTlp(statements: readonly Statement[]): Tlp {
  return statements.reduce<Tlp>((m, s) => (tlpLevel(s.tlp) > tlpLevel(m) ? s.tlp : m), 'CLEAR');
}

/** The STIX type of a node entity, or null when it becomes a relationship or is not exported. */
function sdoType(model: Model, schema: string): 'identity' | 'threat-actor' | 'location' | null {
  if (model.isA(schema, 'CriminalNetwork')) return 'threat-actor';
  if (model.isA(schema, 'LegalEntity')) return 'identity';
  if (model.isA(schema, 'Address')) return 'location';
  return null;
}

function common(e: Entity, statements: readonly Statement[]): Record<string, unknown> {
  return {
    spec_version: '2.1',
    created: stixTime(e.firstSeen),
    modified: stixTime(e.lastSeen),
    object_marking_refs: [TLP_MARKING[highestTlp(statements)]],
    external_references: [{ source_name: 'corvid', external_id: e.id }],
  };
}

function toSdo(model: Model, e: Entity, statements: readonly Statement[]): StixObject | null {
  const type = sdoType(model, e.schema);
  if (!type) return null;
  const p = e.properties;
  const base = { type, id: `${type}--${uuid5(e.id)}`, ...common(e, statements) };
  const description = [...(p.description ?? []), ...(p.notes ?? [])].join('\n') || undefined;
  if (type === 'location') return { ...base, name: p.full?.[0] ?? e.caption, street_address: p.street?.[0], city: p.city?.[0], country: p.country?.[0]?.toUpperCase() ?? 'ZZ', postal_code: p.postalCode?.[0] };
  if (type === 'threat-actor') return { ...base, name: e.caption, threat_actor_types: ['crime-syndicate'], aliases: p.alias, description };
  return { ...base, name: e.caption, identity_class: model.isA(e.schema, 'Person') ? 'individual' : 'organization', description, contact_information: [...(p.email ?? []), ...(p.phone ?? [])].join(', ') || undefined };
}

/** An interstitial entity (Payment, Call, Ownership, …) as a relationship between its two ends. */
function toRelationship(model: Model, e: Entity, statements: readonly Statement[], exported: ReadonlyMap<string, string>): StixObject | null {
  const edge = model.get(e.schema).edge;
  if (!edge) return null;
  const src = e.properties[edge.source]?.map((id) => exported.get(id)).find(Boolean);
  const dst = e.properties[edge.target]?.map((id) => exported.get(id)).find(Boolean);
  if (!src || !dst) return null;
  const verb = edge.label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'related-to';
  const parts = [e.schema, ...(e.properties.amount ?? []).map((a) => `${a} ${e.properties.currency?.[0] ?? ''}`.trim()), ...(e.properties.date ?? e.properties.startDate ?? [])];
  return { type: 'relationship', id: `relationship--${uuid5(e.id)}`, ...common(e, statements), relationship_type: verb, source_ref: src, target_ref: dst, description: parts.join(', ') };
}

/**
 * Writes one STIX 2.1 bundle. Node entities are exported in a first pass, relationships in a second
 * (they need both ends' STIX ids), so the store is read twice rather than held in memory.
 */
export async function exportStix(ctx: Context, store: Store, policy: ExportPolicy, write: (chunk: string) => Promise<void> | void): Promise<ExportCounts> {
  const counts: ExportCounts = { entities: 0, statements: 0, withheldH2: 0 };
  const exported = new Map<string, string>();
  const usedTlp = new Set<Tlp>();
  let first = true;
  const emit = async (o: StixObject): Promise<void> => {
    await write(`${first ? '' : ',\n'}${JSON.stringify(o)}`);
    first = false;
  };
  await write(`{"type":"bundle","id":"bundle--${uuid5(`${ctx.actor}:${Date.now()}:${Math.random()}`)}","objects":[\n`);
  for await (const { entity, statements } of exportableEntities(ctx, store, policy, counts)) {
    const sdo = toSdo(store.model, entity, statements);
    if (!sdo) continue;
    exported.set(entity.id, sdo.id);
    usedTlp.add(highestTlp(statements));
    await emit(sdo);
    for (const email of entity.properties.email ?? []) {
      const sco: StixObject = { type: 'email-addr', spec_version: '2.1', id: `email-addr--${uuid5(email.toLowerCase())}`, value: email };
      await emit(sco);
      await emit({ type: 'relationship', id: `relationship--${uuid5(`${entity.id}:email:${email}`)}`, ...common(entity, statements), relationship_type: 'related-to', source_ref: sdo.id, target_ref: sco.id });
    }
  }
  const second: ExportCounts = { entities: 0, statements: 0, withheldH2: 0 };
  for await (const { entity, statements } of exportableEntities(ctx, store, policy, second)) {
    const rel = toRelationship(store.model, entity, statements, exported);
    if (!rel) continue;
    usedTlp.add(highestTlp(statements));
    await emit(rel);
  }
  for (const tlp of usedTlp) await emit(markingDefinition(tlp));
  await write('\n]}\n');
  return counts;
}
