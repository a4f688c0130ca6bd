/**
 * Read models of entity resolution shared by the CLI, the HTTP API and the resolved export: a run's
 * summary without the canonical map, and the canonical group of one entity with the judgements that
 * hold it together.
 */
import { NotFoundError } from '../errors.ts';
import type { Context } from '../model/context.ts';
import type { Entity } from '../model/statement.ts';
import { loadCanonical } from './canonical.ts';
import type { ResolveRunResult } from './run.ts';
import type { Judgement, Store } from '../store/port.ts';

/** Per family (person, organization, address, account, wallet): what the comparison did. */
export interface FamilySummary {
  records: number;
  candidatePairs: number;
  aboveThreshold: number;
  merged: number;
  refusedByGuard: number;
  refusedBySize: number;
  refusedByNegative: number;
}

/** A resolve run as people read it: counts, not the canonical map (that can hold millions of ids). */
export interface RunSummary {
  run: string;
  records: number;
  changed: number;
  incremental: boolean;
  judgements: number;
  review: number;
  /** Canonical groups (two or more entities) after the run. */
  groups: number;
  /** Entities in those groups. */
  grouped: number;
  identifierLinks: number;
  families: Record<string, FamilySummary>;
  seconds: { load: number; resolve: number; write: number };
}

/**
 * Summarises a run's result for printing or answering.
 * @example const s = summarizeRun(await resolveStore(ctx, store, {})); console.log(`${s.groups} groups`);
 */
export function summarizeRun(r: ResolveRunResult): RunSummary {
  const families: Record<string, FamilySummary> = {};
  for (const [family, f] of Object.entries(r.stats.families)) {
    if (!f) continue;
    families[family] = {
      records: f.records,
      candidatePairs: f.candidatePairs,
      aboveThreshold: f.aboveThreshold,
      merged: f.merged,
      refusedByGuard: f.refusedByGuard,
      refusedBySize: f.refusedBySize,
      refusedByNegative: f.refusedByNegative,
    };
  }
  return {
    run: r.run,
    records: r.records,
    changed: r.changed,
    incremental: r.incremental,
    judgements: r.judgements,
    review: r.review,
    groups: r.groups.size,
    grouped: r.canonical.size,
    identifierLinks: r.stats.identifierLinks,
    families,
    seconds: r.seconds,
  };
}

/** The canonical entity an entity belongs to, as the caller may see it. */
export interface GroupView {
  /** The entity asked about. */
  entity: string;
  /** The group's canonical id; null when the entity has been judged the same as nothing. */
  canonical: string | null;
  /** The members the caller may see, in id order (the entity alone when it is in no group). */
  members: Entity[];
  /** The active positive judgements between members: what holds the group together, by id. */
  judgements: Judgement[];
}

/**
 * The canonical group of an entity, derived from the active judgements the caller may see. An entity
 * the caller may not see is CORVID_ERR_NOT_FOUND, exactly like one that does not exist.
 * @example const g = await groupOf(ctx, store, 'police-a.p1'); console.log(g.canonical, g.members.length);
 */
export async function groupOf(ctx: Context, store: Store, id: string): Promise<GroupView> {
  const [self] = await store.getEntities(ctx, [id]);
  if (!self) throw new NotFoundError('entity', id);
  const { canonicalOf, groups } = await loadCanonical(ctx, store);
  const canonical = canonicalOf.get(id) ?? null;
  if (!canonical) return { entity: id, canonical, members: [self], judgements: [] };
  const ids = groups.get(canonical) ?? [id];
  const members = (await store.getEntities(ctx, ids)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const inGroup = new Set(ids);
  const judgements: Judgement[] = [];
  for await (const batch of store.iterateJudgements(ctx, { entityIds: ids, active: true, verdict: 'positive' })) {
    for (const j of batch) if (inGroup.has(j.left) && inGroup.has(j.right)) judgements.push(j);
  }
  return { entity: id, canonical, members, judgements };
}
