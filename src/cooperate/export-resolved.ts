/**
 * Resolved FollowTheMoney export: one JSON line per canonical entity, members of a group merged into one
 * line with their ids as `referents` (OpenSanctions' convention), and entity references rewritten to
 * canonical ids so the exported graph is consistent. The same ExportPolicy as every export applies.
 */
import type { Context } from '../model/context.ts';
import type { Model } from '../model/schema.ts';
import { caption, type Entity } from '../model/statement.ts';
import { loadCanonical } from '../resolve/canonical.ts';
import type { Store } from '../store/port.ts';
import { exportContext, exportableEntities, type ExportCounts, type ExportPolicy } from './export-policy.ts';

export interface ResolvedExportCounts extends ExportCounts {
  /** Lines written: one per canonical entity. */
  lines: number;
  /** Lines that merge two or more exported entities. */
  merged: number;
  /**
   * Canonical ids of groups whose members have unrelated schemata (a Person judged the same as a
   * Company): written with the first member's schema; values that schema has no property for are dropped.
   */
  schemaConflicts: string[];
  /** Values dropped from such groups. */
  droppedValues: number;
}

/** One line of the resolved export, in the key order of OpenSanctions' entity files. */
interface ResolvedLine {
  id: string;
  schema: string;
  caption: string;
  properties: Record<string, string[]>;
  referents: string[];
  datasets: string[];
  first_seen: string;
  last_seen: string;
}

/** A group being merged while its members stream past (they come in id order, not together). */
interface Pending {
  id: string;
  size: number;
  firstSchema: string;
  schema: string;
  conflict: boolean;
  properties: Map<string, Set<string>>;
  referents: string[];
  datasets: Set<string>;
  firstSeen: string;
  lastSeen: string;
}

/** The entity's values with entity-typed ones pointing at canonical ids instead of group members. */
function rewriteRefs(model: Model, entity: Entity, canonicalOf: ReadonlyMap<string, string>): Record<string, string[]> {
  const schema = model.has(entity.schema) ? model.get(entity.schema) : undefined;
  const out: Record<string, string[]> = {};
  for (const [prop, values] of Object.entries(entity.properties)) {
    if (schema?.properties.get(prop)?.type !== 'entity') {
      out[prop] = values;
      continue;
    }
    // Two references to members of one group become one reference to the group.
    out[prop] = [...new Set(values.map((v) => canonicalOf.get(v) ?? v))];
  }
  return out;
}

function startGroup(id: string, size: number, e: Entity): Pending {
  return {
    id,
    size,
    firstSchema: e.schema,
    schema: e.schema,
    conflict: false,
    properties: new Map(),
    referents: [],
    datasets: new Set(),
    firstSeen: e.firstSeen,
    lastSeen: e.lastSeen,
  };
}

function addMember(model: Model, g: Pending, e: Entity, properties: Record<string, string[]>): void {
  if (!g.conflict && e.schema !== g.schema) {
    try {
      g.schema = model.common(g.schema, e.schema);
    } catch {
      g.conflict = true;
      g.schema = g.firstSchema;
    }
  }
  for (const [prop, values] of Object.entries(properties)) {
    let set = g.properties.get(prop);
    if (!set) g.properties.set(prop, (set = new Set()));
    for (const v of values) set.add(v);
  }
  g.referents.push(e.id);
  for (const d of e.datasets) g.datasets.add(d);
  if (e.firstSeen < g.firstSeen) g.firstSeen = e.firstSeen;
  if (e.lastSeen > g.lastSeen) g.lastSeen = e.lastSeen;
}

function groupLine(model: Model, g: Pending, counts: ResolvedExportCounts): ResolvedLine {
  const known = model.has(g.schema) ? model.get(g.schema).properties : undefined;
  const properties: Record<string, string[]> = {};
  for (const [prop, values] of g.properties) {
    // Only a conflict can bring in properties the merged schema lacks; an importer would reject the line.
    if (known && !known.has(prop)) {
      counts.droppedValues += values.size;
      continue;
    }
    properties[prop] = [...values];
  }
  if (g.conflict) counts.schemaConflicts.push(g.id);
  return {
    id: g.id,
    schema: g.schema,
    caption: caption(model, g.schema, properties, g.id),
    properties,
    referents: [...g.referents].sort(),
    datasets: [...g.datasets].sort(),
    first_seen: g.firstSeen,
    last_seen: g.lastSeen,
  };
}

/**
 * Writes the resolved view as FtM JSON lines through `write`; counts like `exportFtm` (entities and
 * statements read from the store, H2 values withheld) plus lines and merges. Canonical groups come from
 * the judgements the exporter may see at the recipient's TLP ceiling, so a merge never rests on a
 * record that stays home. Only grouped entities are held in memory; a group is written once all its
 * members have passed (or at the end, for members the policy leaves out).
 * @example
 * const counts = await exportResolvedFtm(ctx, store, { tlpMax: 'AMBER' }, (line) => out.write(line));
 * console.log(`${counts.lines} canonical entities from ${counts.entities} records`);
 */
export async function exportResolvedFtm(
  ctx: Context,
  store: Store,
  policy: ExportPolicy,
  write: (line: string) => Promise<void> | void,
): Promise<ResolvedExportCounts> {
  const counts: ResolvedExportCounts = { entities: 0, statements: 0, withheldH2: 0, lines: 0, merged: 0, schemaConflicts: [], droppedValues: 0 };
  const model = store.model;
  const { canonicalOf, groups } = await loadCanonical(exportContext(ctx, policy), store);
  const pending = new Map<string, Pending>();
  const emit = async (line: ResolvedLine): Promise<void> => {
    counts.lines++;
    if (line.referents.length > 1) counts.merged++;
    await write(`${JSON.stringify(line)}\n`);
  };
  for await (const { entity } of exportableEntities(ctx, store, policy, counts)) {
    const properties = rewriteRefs(model, entity, canonicalOf);
    const cid = canonicalOf.get(entity.id);
    if (cid === undefined) {
      await emit({
        id: entity.id,
        schema: entity.schema,
        caption: entity.caption,
        properties,
        referents: [],
        datasets: entity.datasets,
        first_seen: entity.firstSeen,
        last_seen: entity.lastSeen,
      });
      continue;
    }
    let g = pending.get(cid);
    if (!g) pending.set(cid, (g = startGroup(cid, groups.get(cid)?.length ?? 0, entity)));
    addMember(model, g, entity, properties);
    if (g.referents.length >= g.size) {
      pending.delete(cid);
      await emit(groupLine(model, g, counts));
    }
  }
  // Groups some of whose members the policy left out (another dataset, above the ceiling, all H2).
  for (const g of pending.values()) await emit(groupLine(model, g, counts));
  return counts;
}
