/**
 * Statements — the unit of storage: one value of one property of one entity, with its provenance,
 * grading and handling — and entities as views assembled from them.
 */
import crypto from 'node:crypto';
import type { Grading, HandlingCode, Tlp } from './handling.ts';
import type { Model } from './schema.ts';

/** The pseudo-property that records that an entity exists, even with no other values. */
export const ID_PROP = 'id';

export interface Statement {
  /** Deterministic: hash of dataset, entity, property, value, source and handling (see statementId). */
  id: string;
  entityId: string;
  schema: string;
  prop: string;
  /** The cleaned value (for `id` statements, the entity id). */
  value: string;
  /** The value as the source wrote it, when cleaning changed it; '' otherwise. */
  original: string;
  dataset: string;
  /** Where it came from: the file name or a source label. */
  source: string;
  /** Where in the source: line number, row key or object id. */
  record: string;
  /** ISO 8601 UTC timestamps. */
  firstSeen: string;
  lastSeen: string;
  grading: Grading;
  compartment: string;
  tlp: Tlp;
  handling: HandlingCode;
  /** The free text of an H3 restriction. */
  handlingNote: string;
  /** Who imported it (the actor of the import's Context). */
  importer: string;
  /** True when the property is an entity reference (indexed for reverse look-ups). */
  isRef: boolean;
}

/** The fields that make a statement the same statement: re-importing them changes nothing. */
export function statementId(s: Pick<Statement, 'dataset' | 'entityId' | 'prop' | 'value' | 'source' | 'grading' | 'compartment' | 'tlp' | 'handling'>): string {
  return sha1Base64url(`${s.dataset}\u001f${s.entityId}\u001f${s.prop}\u001f${s.value}\u001f${s.source}\u001f${s.grading}\u001f${s.compartment}\u001f${s.tlp}\u001f${s.handling}`);
}

type OneShotHash = (algorithm: string, data: string, encoding: 'base64url') => string;
/** Node's one-shot `crypto.hash` (20.12+) is three times faster than createHash for short inputs. */
const oneShot = (crypto as unknown as { hash?: OneShotHash }).hash;
const sha1Base64url = oneShot
  ? (text: string): string => oneShot('sha1', text, 'base64url')
  : (text: string): string => crypto.createHash('sha1').update(text).digest('base64url');

/** An entity as the caller may see it: assembled from the statements visible to them. */
export interface Entity {
  id: string;
  schema: string;
  caption: string;
  properties: Record<string, string[]>;
  datasets: string[];
  firstSeen: string;
  lastSeen: string;
}

export interface EntityWithStatements extends Entity {
  statements: Statement[];
}

/**
 * Assembles entities from statements (of any number of entities, in any order). The schema is the most
 * specific one the statements agree on; values keep first-seen order without duplicates.
 */
export function assembleEntities(model: Model, statements: readonly Statement[]): Entity[] {
  const byId = new Map<string, Statement[]>();
  for (const s of statements) {
    const list = byId.get(s.entityId);
    if (list) list.push(s);
    else byId.set(s.entityId, [s]);
  }
  return [...byId.values()].map((list) => assembleEntity(model, list));
}

/** Assembles one entity from its statements (all of the same entity id). */
export function assembleEntity(model: Model, statements: readonly Statement[]): Entity {
  const first = statements[0];
  if (!first) throw new Error('assembleEntity needs at least one statement');
  let schema = first.schema;
  const properties: Record<string, string[]> = {};
  const datasets = new Set<string>();
  let firstSeen = first.firstSeen;
  let lastSeen = first.lastSeen;
  for (const s of statements) {
    if (s.schema !== schema && model.has(s.schema) && model.has(schema)) {
      try {
        schema = model.common(schema, s.schema);
      } catch {
        // Unrelated schemata from different sources: keep the first; resolution will flag it.
      }
    }
    datasets.add(s.dataset);
    if (s.firstSeen < firstSeen) firstSeen = s.firstSeen;
    if (s.lastSeen > lastSeen) lastSeen = s.lastSeen;
    if (s.prop === ID_PROP) continue;
    const values = (properties[s.prop] ??= []);
    if (!values.includes(s.value)) values.push(s.value);
  }
  return { id: first.entityId, schema, caption: caption(model, schema, properties, first.entityId), properties, datasets: [...datasets].sort(), firstSeen, lastSeen };
}

/** The display name: the first caption property of the schema that has a value. */
export function caption(model: Model, schema: string, properties: Record<string, string[]>, fallback: string): string {
  const s = model.has(schema) ? model.get(schema) : undefined;
  for (const prop of s?.caption ?? ['name']) {
    const v = properties[prop]?.[0];
    if (v) return v;
  }
  return fallback;
}
