/** SQLite statements: the bulk write path and every read path, with visibility expressed in SQL. */
import { canSee, type Context } from '../../model/context.ts';
import type { TlpLevel } from '../../model/handling.ts';
import { checkDataset, inNamespace } from '../../model/ids.ts';
import type { Model } from '../../model/schema.ts';
import { assembleEntity, type Entity, type Statement } from '../../model/statement.ts';
import { AuthError, throwIfAborted, ValidationError } from '../../errors.ts';
import type { EntityFilter, Link, StatementFilter, WriteBatch, WriteResult } from '../port.ts';
import { inFirstSeenOrder, isSearchable, normalizeText, statementFromRow, storedTlp } from '../visibility.ts';
import { writeCheckpoint } from './jobs.ts';
import { and, inList, prep, STATEMENT_SELECT, visibleSql, type Db, type Params } from './sql.ts';

/**
 * Checks the whole batch before anything is written: every statement in the batch's dataset and its
 * namespace (no forged references into another dataset), a valid TLP, and visible to the writer
 * (nobody writes into a compartment or above a TLP they could not read back).
 */
function validate(ctx: Context, batch: WriteBatch): void {
  checkDataset(batch.dataset);
  const allowed = new Map<string, boolean>();
  for (const s of batch.statements) {
    if (s.dataset !== batch.dataset || !inNamespace(batch.dataset, s.entityId)) {
      throw new ValidationError('CORVID_ERR_STORE_FORGED_REFERENCE', `statement ${s.id} of ${s.entityId} is outside dataset ${batch.dataset}`, { id: s.id, entityId: s.entityId, dataset: batch.dataset });
    }
    const key = `${s.compartment}\u0000${s.tlp}`;
    let ok = allowed.get(key);
    if (ok === undefined) {
      const level = storedTlp(s.tlp);
      if (level < 0) throw new ValidationError('CORVID_ERR_MODEL_INVALID_HANDLING', `invalid TLP ${String(s.tlp)} on statement ${s.id}`, { id: s.id });
      allowed.set(key, (ok = canSee(ctx, s.compartment, level as TlpLevel)));
    }
    if (!ok) throw new AuthError('CORVID_ERR_AUTH_FORBIDDEN', `${ctx.actor} may not write into compartment '${s.compartment}' at TLP ${s.tlp}`);
  }
}

const INSERT = `INSERT OR IGNORE INTO statement (id, entity_id, schema, prop, value, original, dataset, source, record, first_seen, last_seen,
  grading, compartment, tlp, handling, handling_note, importer, is_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const WIDEN = `UPDATE statement SET first_seen = min(first_seen, @fs), last_seen = max(last_seen, @ls)
  WHERE id = @id AND (first_seen > @fs OR last_seen < @ls)`;

/**
 * Writes a batch in one IMMEDIATE transaction: INSERT OR IGNORE per statement (prepared once), the new
 * ones' searchable values into the FTS index, first/last seen widened on the ones that existed, and the
 * job checkpoint last, so a crash leaves either the batch and its checkpoint or neither.
 */
export function writeBatch(db: Db, model: Model, ctx: Context, batch: WriteBatch): WriteResult {
  validate(ctx, batch);
  const insert = prep(db, INSERT);
  const widen = prep(db, WIDEN);
  const fts = prep(db, 'INSERT INTO search_fts (rowid, norm) VALUES (?, ?)');
  const inserted = db.transaction((): number => {
    let n = 0;
    for (const s of batch.statements) {
      const r = insert.run(s.id, s.entityId, s.schema, s.prop, s.value, s.original, s.dataset, s.source, s.record, s.firstSeen, s.lastSeen,
        s.grading, s.compartment, storedTlp(s.tlp), s.handling, s.handlingNote, s.importer, s.isRef ? 1 : 0);
      if (r.changes === 1) {
        n++;
        if (isSearchable(model, s.schema, s.prop)) {
          const norm = normalizeText(s.value);
          if (norm !== '') fts.run(r.lastInsertRowid, norm);
        }
      } else {
        widen.run({ fs: s.firstSeen, ls: s.lastSeen, id: s.id });
      }
    }
    if (batch.checkpoint) writeCheckpoint(db, batch.checkpoint);
    return n;
  }).immediate();
  return { inserted, unchanged: batch.statements.length - inserted };
}

/** WHERE clause over alias `s` for a statement filter plus visibility. */
function statementWhere(ctx: Context, f: StatementFilter, params: Params): string {
  return and([
    inList('s.entity_id', 'f_ids', f.entityIds, params),
    inList('s.dataset', 'f_datasets', f.datasets, params),
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
    bySchema = `EXISTS (SELECT 1 FROM statement t WHERE t.entity_id = s.entity_id AND t.schema IN (SELECT value FROM json_each(@f_schemata)) AND ${visibleSql(ctx, params, 't')})`;
  }
  return and([inList('s.dataset', 'f_datasets', f.datasets, params), bySchema, vis]);
}

function rows(db: Db, sql: string, params: Params): Statement[] {
  return (prep(db, sql).raw(true).all(params) as unknown[][]).map(statementFromRow);
}

/** Visible statements of one entity, in first-seen order (ties: storage order). */
export function entityStatements(db: Db, ctx: Context, id: string): Statement[] {
  const params: Params = { id };
  const sql = `SELECT ${STATEMENT_SELECT} FROM statement s WHERE s.entity_id = @id AND ${visibleSql(ctx, params)} ORDER BY s.first_seen, s.rowid`;
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
  const sql = `SELECT ${STATEMENT_SELECT} FROM statement s WHERE s.entity_id IN (SELECT value FROM json_each(@ids)) AND ${visibleSql(ctx, params)} ORDER BY s.entity_id, s.rowid`;
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
  const sql = `SELECT ${STATEMENT_SELECT} FROM statement s WHERE ${statementWhere(ctx, f, params)} ORDER BY s.entity_id, s.prop, s.value, s.rowid LIMIT @limit OFFSET @offset`;
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
    const sql = `SELECT ${STATEMENT_SELECT}, s.rowid FROM statement s INDEXED BY statement_entity
      WHERE (s.entity_id, s.rowid) > (@e, @r) AND ${where(params)} ORDER BY s.entity_id, s.rowid LIMIT @n`;
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
  const sql = `SELECT DISTINCT s.entity_id AS entity, s.prop AS prop FROM statement s WHERE s.is_ref = 1 AND s.value = @id AND ${visibleSql(ctx, params)}
    ORDER BY s.entity_id, s.prop LIMIT @limit`;
  const refs = prep(db, sql).all(params) as { entity: string; prop: string }[];
  const entities = new Map(getEntities(db, model, ctx, [...new Set(refs.map((r) => r.entity))]).map((e) => [e.id, e]));
  return refs.flatMap((r) => {
    const entity = entities.get(r.entity);
    return entity ? [{ entity, prop: r.prop }] : [];
  });
}

export function countStatements(db: Db, ctx: Context, f: StatementFilter = {}): number {
  const params: Params = {};
  return prep(db, `SELECT count(*) FROM statement s WHERE ${statementWhere(ctx, f, params)}`).pluck().get(params) as number;
}

/** Entities with at least one visible statement (of one of `schemata`, when given). */
export function countEntities(db: Db, ctx: Context, f: EntityFilter = {}): number {
  const params: Params = {};
  const conds = [inList('s.dataset', 'f_datasets', f.datasets, params), inList('s.schema', 'f_schemata', f.schemata, params), visibleSql(ctx, params)];
  return prep(db, `SELECT count(DISTINCT s.entity_id) FROM statement s WHERE ${and(conds)}`).pluck().get(params) as number;
}

/** Deletes every statement of the dataset and its search entries; returns how many statements went. */
export function deleteDatasetStatements(db: Db, dataset: string): number {
  prep(db, 'DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM statement WHERE dataset = ?)').run(dataset);
  return prep(db, 'DELETE FROM statement WHERE dataset = ?').run(dataset).changes;
}
