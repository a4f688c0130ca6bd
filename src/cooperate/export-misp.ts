/**
 * MISP event export: one `{"Event": …}` document of the entities the export policy lets go (the
 * exporter's view, capped at the recipient's TLP, H2 withheld), as attributes and objects
 * (export-misp-map.ts), with interstitial entities (ownerships, payments, …) as object references.
 * Every uuid is a UUIDv5 of Corvid ids and the event's date is the data's, so a re-export is identical.
 */
import { tlpLevel, type Tlp } from '../model/handling.ts';
import type { Context } from '../model/context.ts';
import type { Model } from '../model/schema.ts';
import { sha1 } from '../model/ids.ts';
import type { Entity, Statement } from '../model/statement.ts';
import type { Store } from '../store/port.ts';
import { entityElements, epoch, tlpTag, type MispAttribute, type MispObject, type MispTag } from './export-misp-map.ts';
import { exportableEntities, type ExportCounts, type ExportPolicy } from './export-policy.ts';
import { uuid5 } from './export-stix.ts';

export interface MispExportOptions {
  /** The event's title (`info`); default "Corvid export". */
  info?: string;
}

export interface MispEvent {
  Event: {
    uuid: string;
    info: string;
    date: string;
    timestamp: string;
    published: false;
    threat_level_id: '4';
    analysis: '0';
    distribution: '0';
    Tag: MispTag[];
    Attribute: MispAttribute[];
    Object: MispObject[];
  };
}

/** An interstitial entity waiting for both ends to be known. */
interface Edge {
  id: string;
  source: string[];
  target: string[];
  label: string;
}

/** What the export collects in one pass over the store. */
interface Collected {
  attributes: MispAttribute[];
  objects: MispObject[];
  /** Corvid entity id → the uuid of the object (or first attribute) it became. */
  uuidOf: Map<string, string>;
  edges: Edge[];
  strictest: Tlp;
  lastSeen: string;
}

function edgeOf(model: Model, entity: Entity): Edge | null {
  const edge = model.get(entity.schema).edge;
  if (!edge) return null;
  return { id: entity.id, source: entity.properties[edge.source] ?? [], target: entity.properties[edge.target] ?? [], label: edge.label };
}

function collect(model: Model, c: Collected, entity: Entity, statements: readonly Statement[]): void {
  for (const s of statements) {
    if (tlpLevel(s.tlp) > tlpLevel(c.strictest)) c.strictest = s.tlp;
    if (s.lastSeen > c.lastSeen) c.lastSeen = s.lastSeen;
  }
  const edge = edgeOf(model, entity);
  if (edge) {
    c.edges.push(edge);
    return;
  }
  const { object, attributes } = entityElements(model, entity, statements);
  if (object) {
    c.objects.push(object);
    c.uuidOf.set(entity.id, object.uuid);
  }
  if (attributes[0] && !object) c.uuidOf.set(entity.id, attributes[0].uuid);
  c.attributes.push(...attributes);
}

/** Each interstitial entity whose source end is an exported object and whose target was exported: a reference. */
function addReferences(c: Collected): void {
  const objects = new Map(c.objects.map((o) => [o.uuid, o]));
  for (const e of c.edges) {
    const from = e.source.map((id) => objects.get(c.uuidOf.get(id) ?? '')).find(Boolean);
    const to = e.target.map((id) => c.uuidOf.get(id)).find(Boolean);
    if (!from || !to) continue;
    const relationship = e.label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'related-to';
    from.ObjectReference.push({ uuid: uuid5(`misp-reference:${e.id}`), referenced_uuid: to, relationship_type: relationship, comment: `corvid ${e.id}` });
  }
}

/**
 * Builds the MISP event of what the policy lets go. The whole event is held in memory: MISP reads
 * (and our reader parses) an event as one document anyway.
 * @example const { event } = await buildMispEvent(ctx, store, { tlpMax: 'AMBER' }, { info: 'op-falco phones' });
 */
export async function buildMispEvent(ctx: Context, store: Store, policy: ExportPolicy, opts: MispExportOptions = {}): Promise<{ event: MispEvent; counts: ExportCounts }> {
  const counts: ExportCounts = { entities: 0, statements: 0, withheldH2: 0 };
  const c: Collected = { attributes: [], objects: [], uuidOf: new Map(), edges: [], strictest: 'CLEAR', lastSeen: '' };
  for await (const { entity, statements } of exportableEntities(ctx, store, policy, counts)) collect(store.model, c, entity, statements);
  addReferences(c);
  const info = opts.info ?? 'Corvid export';
  const content = sha1([...c.attributes.map((a) => a.uuid), ...c.objects.map((o) => o.uuid)].sort().join('\n'));
  const date = /^\d{4}-\d{2}-\d{2}/.test(c.lastSeen) ? c.lastSeen.slice(0, 10) : '1970-01-01';
  const event: MispEvent = {
    Event: {
      uuid: uuid5(`misp-event:${info}:${content}`),
      info,
      date,
      timestamp: epoch(c.lastSeen),
      published: false,
      threat_level_id: '4',
      analysis: '0',
      distribution: '0',
      Tag: [tlpTag(c.strictest)],
      Attribute: c.attributes,
      Object: c.objects,
    },
  };
  return { event, counts };
}

/** Writes the MISP event through `write`; returns what was exported and withheld. */
export async function exportMisp(ctx: Context, store: Store, policy: ExportPolicy, write: (chunk: string) => Promise<void> | void, opts: MispExportOptions = {}): Promise<ExportCounts> {
  const { event, counts } = await buildMispEvent(ctx, store, policy, opts);
  await write(`${JSON.stringify(event, null, 1)}\n`);
  return counts;
}
