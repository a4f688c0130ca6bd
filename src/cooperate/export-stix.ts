/**
 * STIX 2.1 bundle export: people and organisations as identities, criminal networks as threat actors,
 * addresses as locations, notes that hold a STIX pattern as indicators, e-mail addresses, IPs, domains
 * and URLs as observables, interstitial entities (payments, calls, ownerships, links, …) as
 * relationships, sighting events as sightings; every object marked with its TLP 2.0 marking, and the
 * marking definitions used at the end. The objects are built in export-stix-objects.ts.
 */
import { tlpLevel, type Tlp } from '../model/handling.ts';
import type { Context } from '../model/context.ts';
import type { Model } from '../model/schema.ts';
import type { Entity, Statement } from '../model/statement.ts';
import type { Store } from '../store/port.ts';
import { exportableEntities, type ExportCounts, type ExportPolicy } from './export-policy.ts';
import {
  common,
  highestTlp,
  isSightingEvent,
  markingDefinition,
  observablesOf,
  toRelationship,
  toSdo,
  toSighting,
  uuid5,
  type SightingEvent,
  type StixObject,
} from './export-stix-objects.ts';

export { uuid5 } from './export-stix-objects.ts';

/** What the first pass keeps for the second: STIX ids of node entities, observables, sighting events. */
interface FirstPass {
  exported: Map<string, string>;
  /** Observables by id with the strictest TLP of the values they stand for (one SCO per value, emitted last). */
  observables: Map<string, { sco: StixObject; tlp: Tlp }>;
  sightings: Map<string, SightingEvent>;
  usedTlp: Set<Tlp>;
}

type Emit = (o: StixObject) => Promise<void>;

/** The observables of an entity, remembered with the TLP of the statements holding their values. */
function keepObservables(model: Model, first: FirstPass, entity: Entity, statements: readonly Statement[]): StixObject[] {
  const scos = observablesOf(model, entity);
  for (const sco of scos) {
    const tlp = highestTlp(statements.filter((s) => s.value === sco.value));
    const had = first.observables.get(sco.id);
    if (!had || tlpLevel(tlp) > tlpLevel(had.tlp)) first.observables.set(sco.id, { sco, tlp });
  }
  return scos;
}

async function nodeEntity(model: Model, first: FirstPass, entity: Entity, statements: Statement[], emit: Emit): Promise<void> {
  if (model.get(entity.schema).edge) return;
  if (isSightingEvent(model, entity)) {
    first.sightings.set(entity.id, { entity, statements });
    return;
  }
  const sdo = toSdo(model, entity, statements);
  const scos = sdo?.type === 'indicator' ? [] : keepObservables(model, first, entity, statements);
  if (!sdo) {
    if (scos[0]) first.exported.set(entity.id, scos[0].id);
    return;
  }
  first.exported.set(entity.id, sdo.id);
  first.usedTlp.add(highestTlp(statements));
  await emit(sdo);
  for (const sco of scos) {
    await emit({ type: 'relationship', id: `relationship--${uuid5(`${entity.id}:${sco.id}`)}`, ...common(entity, statements), relationship_type: 'related-to', source_ref: sdo.id, target_ref: sco.id });
  }
}

/** An interstitial entity: a sighting when it links a sighting event to what was sighted, else a relationship. */
async function edgeEntity(model: Model, first: FirstPass, entity: Entity, statements: Statement[], emit: Emit): Promise<void> {
  const p = entity.properties;
  const sighting = p.role?.[0] === 'sighting-of' ? first.sightings.get(p.subject?.[0] ?? '') : undefined;
  const of = first.exported.get(p.object?.[0] ?? '');
  if (sighting && of) {
    first.usedTlp.add(highestTlp(sighting.statements));
    await emit(toSighting(sighting, of, first.exported));
    return;
  }
  const rel = toRelationship(model, entity, statements, first.exported);
  if (!rel) return;
  first.usedTlp.add(highestTlp(statements));
  await emit(rel);
}

/**
 * Writes one STIX 2.1 bundle. Node entities are exported in a first pass, relationships and sightings
 * in a second (they need both ends' STIX ids), so the store is read twice rather than held in memory;
 * observables go after them, each once, marked with the strictest TLP of the values it stands for.
 */
export async function exportStix(ctx: Context, store: Store, policy: ExportPolicy, write: (chunk: string) => Promise<void> | void): Promise<ExportCounts> {
  const counts: ExportCounts = { entities: 0, statements: 0, withheldH2: 0 };
  const first: FirstPass = { exported: new Map(), observables: new Map(), sightings: new Map(), usedTlp: new Set() };
  let n = 0;
  const emit: Emit = async (o) => {
    await write(`${n++ === 0 ? '' : ',\n'}${JSON.stringify(o)}`);
  };
  await write(`{"type":"bundle","id":"bundle--${uuid5(`${ctx.actor}:${Date.now()}:${Math.random()}`)}","objects":[\n`);
  for await (const { entity, statements } of exportableEntities(ctx, store, policy, counts)) await nodeEntity(store.model, first, entity, statements, emit);
  const second: ExportCounts = { entities: 0, statements: 0, withheldH2: 0 };
  for await (const { entity, statements } of exportableEntities(ctx, store, policy, second)) await edgeEntity(store.model, first, entity, statements, emit);
  for (const { sco, tlp } of first.observables.values()) {
    first.usedTlp.add(tlp);
    await emit({ ...sco, object_marking_refs: [markingDefinition(tlp).id] });
  }
  for (const tlp of first.usedTlp) await emit(markingDefinition(tlp));
  await write('\n]}\n');
  return counts;
}
