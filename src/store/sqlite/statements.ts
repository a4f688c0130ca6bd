/** SQLite statements: every read path, with visibility expressed in SQL (the write path is write.ts). */
import type { Context } from '../../model/context.ts';
import type { Model } from '../../model/schema.ts';
import { assembleEntity, type Entity, type Statement } from '../../model/statement.ts';
import { throwIfAborted } from '../../errors.ts';
import type { EntityFilter, Link, StatementFilter } from '../port.ts';
import { inFirstSeenOrder, statementFromRow } from '../visibility.ts';
import { and, inDatasets, inList, prep, provenanceSql, STATEMENT_FROM, STATEMENT_FROM_BY_ENTITY, STATEMENT_SELECT, visibleSql, type Db, type Params } from './sql.ts';

/** WHERE clause over STATEMENT_FROM (or `s` and `e`) for a statement filter plus visibility. */
function statementWhere(ctx: Context, f: StatementFilter, params: Params): string {
  return and([
    inList('e.id', 'f_ids', f.entityIds, params),
    inDatasets('e.id', 'f_ds', f.datasets, params),
    inList('s.schema', 'f_schemata', f.schemata, params),
    inList('s.prop', 'f_props', f.props, params),
    visibleSql(ctx, params),
  ]);
}

/**
 * WHERE clause for an entity filter: the entity's statements are visible and in the datasets; with
 * `schemata`, the entity must have a visible statement of one of them.
 */
function entityWhere(ctx: Context, f: EntityFilter, params: Params): string {
  const vis = visibleSql(ctx, params);
  let bySchema: string | null = null;
  if (f.schemata !== undefined) {
    params.f_schemata = JSON.stringify(f.schemata);
    bySchema = `EXISTS (SELECT 1 FROM statement t WHERE t.entity_no = s.entity_no AND t.schema IN (SELECT value FROM json_each(@f_schemata)) AND ${visibleSql(ctx, params, 't')})`;
  }
  return and([inDatasets('e.id', 'f_ds', f.datasets, params), bySchema, vis]);
}

function rows(db: Db, sql: string, params: Params): Statement[] {
  return (prep(db, sql).raw(true).all(params) as unknown[][]).map(statementFromRow);
}

/** Visible statements of one entity, in first-seen order (ties: storage order). */
export function entityStatements(db: Db, ctx: Context, id: string): Statement[] {
  const params: Params = { id };
  const sql = `SELECT ${STATEMENT_SELECT} FROM ${STATEMENT_FROM} WHERE e.id = @id AND ${visibleSql(ctx, params)} ORDER BY s.first_seen, s.rowid`;
  return rows(db, sql, params);
}

/** Groups statements (already ordered by entity) into assembled entities. */
function assembleRuns(model: Model, stmts: Statement[]): Entity[] {
  const out: Entity[] = [];
  let start = 0;
  for (let i = 1; i <= stmts.length; i++) {
    if (i === stmts.length || stmts[i]?.entityId !== stmts[start]?.entityId) {
      out.push(assembleEntity(model, inFirstSeenOrder(stmts.slice(start, i))));
      start = i;
    }
  }
  return out;
}

/** The visible entities among `ids`, in the order asked for; ids with nothing visible are left out. */
export function getEntities(db: Db, model: Model, ctx: Context, ids: readonly string[]): Entity[] {
  if (ids.length === 0) return [];
  const params: Params = { ids: JSON.stringify(ids) };
  const sql = `SELECT ${STATEMENT_SELECT} FROM ${STATEMENT_FROM} WHERE e.id IN (SELECT value FROM json_each(@ids)) AND ${visibleSql(ctx, params)} ORDER BY e.id, s.rowid`;
  const byId = new Map(assembleRuns(model, rows(db, sql, params)).map((e) => [e.id, e]));
  const out: Entity[] = [];
  for (const id of new Set(ids)) {
    const e = byId.get(id);
    if (e) out.push(e);
  }
  return out;
}

/** Visible statements ordered by entity, property, value; all of them unless a page is given. */
export function listStatements(db: Db, ctx: Context, f: StatementFilter, page: { limit?: number; offset?: number } = {}): Statement[] {
  const params: Params = { limit: page.limit ?? -1, offset: page.offset ?? 0 };
  const sql = `SELECT ${STATEMENT_SELECT} FROM ${STATEMENT_FROM_BY_ENTITY} WHERE ${statementWhere(ctx, f, params)} ORDER BY e.id, s.prop, s.value, s.rowid LIMIT @limit OFFSET @offset`;
  return rows(db, sql, params);
}

/**
 * Visible statements in batches ordered by (entity id, rowid), paged by key so each batch is an index
 * range scan however deep the iteration goes. Checks the signal before every batch.
 */
export async function* iterateStatements(db: Db, ctx: Context, f: StatementFilter, batchSize = 10_000): AsyncGenerator<Statement[]> {
  yield* pages(db, ctx, (p) => statementWhere(ctx, f, p), batchSize);
}

async function* pages(db: Db, ctx: Context, where: (p: Params) => string, batchSize: number): AsyncGenerator<Statement[]> {
  const n = Math.max(1, Math.floor(batchSize));
  let lastEntity = '';
  let lastRow = 0;
  for (;;) {
    throwIfAborted(ctx.signal);
    const params: Params = { e: lastEntity, r: lastRow, n };
    // Entities drive the join, so a page is a range of the entity_id index however deep the iteration goes.
    const sql = `SELECT ${STATEMENT_SELECT}, s.rowid FROM ${STATEMENT_FROM_BY_ENTITY}
      WHERE e.id >= @e AND (e.id, s.rowid) > (@e, @r) AND ${where(params)} ORDER BY e.id, s.rowid LIMIT @n`;
    const raw = prep(db, sql).raw(true).all(params) as unknown[][];
    if (raw.length === 0) return;
    const last = raw[raw.length - 1] as unknown[];
    lastEntity = last[1] as string;
    lastRow = last[18] as number;
    yield raw.map(statementFromRow);
    if (raw.length < n) return;
    await Promise.resolve(); // let other work (and an abort) in between batches
  }
}

/** Visible entities ordered by id, assembled whole: an entity's statements never straddle two yields. */
export async function* iterateEntities(db: Db, model: Model, ctx: Context, f: EntityFilter, batchSize = 5_000): AsyncGenerator<Entity> {
  let carry: Statement[] = [];
  for await (const batch of pages(db, ctx, (p) => entityWhere(ctx, f, p), batchSize)) {
    const all = carry.length ? carry.concat(batch) : batch;
    const lastId = all[all.length - 1]?.entityId;
    let cut = all.length;
    while (cut > 0 && all[cut - 1]?.entityId === lastId) cut--;
    carry = all.slice(cut);
    for (const e of assembleRuns(model, all.slice(0, cut))) yield e;
  }
  throwIfAborted(ctx.signal);
  for (const e of assembleRuns(model, carry)) yield e;
}

/** Entities with a visible entity-typed statement pointing at `id`, through which property. */
export function getLinks(db: Db, model: Model, ctx: Context, id: string, limit = 100): Link[] {
  const params: Params = { id, limit };
  const sql = `SELECT DISTINCT e.id AS entity, s.prop AS prop FROM statement s JOIN entity e ON e.no = s.entity_no
    WHERE s.is_ref = 1 AND s.value = @id AND ${visibleSql(ctx, params)} ORDER BY e.id, s.prop LIMIT @limit`;
  const refs = prep(db, sql).all(params) as { entity: string; prop: string }[];
  const entities = new Map(getEntities(db, model, ctx, [...new Set(refs.map((r) => r.entity))]).map((e) => [e.id, e]));
  return refs.flatMap((r) => {
    const entity = entities.get(r.entity);
    return entity ? [{ entity, prop: r.prop }] : [];
  });
}

/**
 * Counts filter datasets through provenance (the dataset is a provenance field) rather than entity id
 * ranges: a scan of the statement rows with one set lookup each beats a join for any sizeable dataset.
 */
export function countStatements(db: Db, ctx: Context, f: StatementFilter = {}): number {
  const params: Params = {};
  const conds = [
    inList('e.id', 'f_ids', f.entityIds, params),
    inList('s.schema', 'f_schemata', f.schemata, params),
    inList('s.prop', 'f_props', f.props, params),
    provenanceSql(ctx, params, 's', f.datasets),
  ];
  const from = f.entityIds !== undefined ? 'statement s JOIN entity e ON e.no = s.entity_no' : 'statement s';
  return prep(db, `SELECT count(*) FROM ${from} WHERE ${and(conds)}`).pluck().get(params) as number;
}

/** Entities with at least one visible statement (of one of `schemata`, when given). */
export function countEntities(db: Db, ctx: Context, f: EntityFilter = {}): number {
  const params: Params = {};
  const conds = [inList('s.schema', 'f_schemata', f.schemata, params), provenanceSql(ctx, params, 's', f.datasets)];
  return prep(db, `SELECT count(DISTINCT s.entity_no) FROM statement s WHERE ${and(conds)}`).pluck().get(params) as number;
}

/** Deletes every statement of the dataset, their search entries, entities and provenance; returns how many statements went. */
export function deleteDatasetStatements(db: Db, dataset: string): number {
  const params: Params = {};
  const range = inDatasets('id', 'd', [dataset], params);
  const entities = `SELECT no FROM entity WHERE ${range}`;
  prep(db, `DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM statement WHERE entity_no IN (${entities}))`).run(params);
  const n = prep(db, `DELETE FROM statement WHERE entity_no IN (${entities})`).run(params).changes;
  prep(db, `DELETE FROM entity WHERE ${range}`).run(params);
  prep(db, 'DELETE FROM provenance WHERE dataset = ?').run(dataset);
  return n;
}
