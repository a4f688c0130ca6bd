/** Statements in PostgreSQL: the visibility-filtered read paths and the bulk write path (COPY into a staging table). */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AuthError, throwIfAborted, ValidationError } from '../../errors.ts';
import { canSee, type Context } from '../../model/context.ts';
import { checkDataset, inNamespace } from '../../model/ids.ts';
import type { Model } from '../../model/schema.ts';
import { assembleEntities, assembleEntity, type Entity, type Statement } from '../../model/statement.ts';
import type { EntityFilter, Link, StatementFilter, WriteBatch, WriteResult } from '../port.ts';
import { storedTlp } from '../visibility.ts';
import { Params, selectStatements, STATEMENT_SELECT, statementWhere, visible, type Db } from './sql.ts';

/** Values keep the order they were first seen in, then the order they were written (seq). */
const ASSEMBLY_ORDER = 'entity_id, first_seen, seq';

/** The statements of one entity the caller may see, in assembly order. */
export async function entityStatements(db: Db, ctx: Context, id: string): Promise<Statement[]> {
  const p = new Params();
  const where = `entity_id = ${p.add(id)} AND ${visible(ctx, p)}`;
  return (await selectStatements(db, `SELECT ${STATEMENT_SELECT} FROM statements WHERE ${where} ORDER BY ${ASSEMBLY_ORDER}`, p.values)).statements;
}

/** Assembles the visible entities among `ids` (optionally from some datasets only), in the order of `ids`. */
export async function entitiesByIds(db: Db, model: Model, ctx: Context, ids: readonly string[], datasets?: readonly string[]): Promise<Entity[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const p = new Params();
  const where = statementWhere(ctx, { entityIds: unique, ...(datasets ? { datasets } : {}) }, p);
  const { statements } = await selectStatements(db, `SELECT ${STATEMENT_SELECT} FROM statements WHERE ${where} ORDER BY ${ASSEMBLY_ORDER}`, p.values);
  const byId = new Map(assembleEntities(model, statements).map((e) => [e.id, e]));
  return unique.flatMap((id) => byId.get(id) ?? []);
}

/** Visible statements matching the filter, ordered by entity id, property, value; a null limit is no limit. */
export async function listStatements(db: Db, ctx: Context, f: StatementFilter, limit: number | null, offset: number): Promise<Statement[]> {
  const p = new Params();
  const sql = `SELECT ${STATEMENT_SELECT} FROM statements WHERE ${statementWhere(ctx, f, p)}
    ORDER BY entity_id, prop, value, id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
  return (await selectStatements(db, sql, p.values)).statements;
}

type Key = [entityId: string, id: string];

/**
 * One keyset page of visible statements after `after`, ordered by (entity_id, id) — the order of the
 * statements_entity_idx index, so every page is an index range scan, never an OFFSET. Each row carries seq last.
 */
async function page(db: Db, ctx: Context, f: StatementFilter, after: Key | null, limit: number): Promise<{ statements: Statement[]; rows: unknown[][] }> {
  const p = new Params();
  let where = statementWhere(ctx, f, p);
  if (after) where += ` AND (entity_id, id) > (${p.add(after[0])}, ${p.add(after[1])})`;
  return selectStatements(db, `SELECT ${STATEMENT_SELECT}, seq FROM statements WHERE ${where} ORDER BY entity_id, id LIMIT ${p.add(limit)}`, p.values);
}

const keyOf = (s: Statement): Key => [s.entityId, s.id];

/** Streams visible statements in keyset pages, checking the caller's signal between pages. */
export async function* iterateStatements(db: Db, ctx: Context, f: StatementFilter, batchSize: number): AsyncGenerator<Statement[]> {
  let after: Key | null = null;
  for (;;) {
    throwIfAborted(ctx.signal);
    const { statements } = await page(db, ctx, f, after, batchSize);
    if (statements.length === 0) return;
    after = keyOf(statements[statements.length - 1] as Statement);
    yield statements;
    if (statements.length < batchSize) return;
  }
}

/**
 * Streams visible entities ordered by id, assembled from keyset pages of their statements (within the
 * filter's datasets); an entity cut by a page boundary is completed from the next page. With `schemata`,
 * an entity qualifies when one of those statements has one of the schemata.
 */
export async function* iterateEntities(db: Db, model: Model, ctx: Context, f: EntityFilter, pageSize = 5000): AsyncGenerator<Entity> {
  const wanted = f.schemata ? new Set(f.schemata) : null;
  const filter: StatementFilter = f.datasets ? { datasets: f.datasets } : {};
  let group: { s: Statement; seq: number }[] = [];
  const finish = (): Entity | null => {
    const list = group;
    group = [];
    if (list.length === 0 || (wanted && !list.some((g) => wanted.has(g.s.schema)))) return null;
    // Pages come in statement-id order; assembly wants first seen, then written.
    list.sort((a, b) => (a.s.firstSeen < b.s.firstSeen ? -1 : a.s.firstSeen > b.s.firstSeen ? 1 : a.seq - b.seq));
    return assembleEntity(
      model,
      list.map((g) => g.s),
    );
  };
  let after: Key | null = null;
  for (;;) {
    throwIfAborted(ctx.signal);
    const { statements, rows } = await page(db, ctx, filter, after, pageSize);
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i] as Statement;
      if (group.length > 0 && group[0]?.s.entityId !== s.entityId) {
        const e = finish();
        if (e) yield e;
      }
      group.push({ s, seq: Number((rows[i] as unknown[])[STATEMENT_SEQ]) });
    }
    if (statements.length < pageSize) break;
    after = keyOf(statements[statements.length - 1] as Statement);
  }
  const e = finish();
  if (e) yield e;
}

/** Where `seq` sits in a page row: right after the statement columns. */
const STATEMENT_SEQ = STATEMENT_SELECT.split(', ').length;

function entityWhere(ctx: Context, f: EntityFilter, p: Params): string {
  return statementWhere(ctx, { ...(f.datasets ? { datasets: f.datasets } : {}), ...(f.schemata ? { schemata: f.schemata } : {}) }, p);
}

export async function countEntities(db: Db, ctx: Context, f: EntityFilter): Promise<number> {
  const p = new Params();
  const { rows } = await db.query(`SELECT count(DISTINCT entity_id) AS n FROM statements WHERE ${entityWhere(ctx, f, p)}`, p.values);
  return Number(rows[0]?.n ?? 0);
}

export async function countStatements(db: Db, ctx: Context, f: StatementFilter): Promise<number> {
  const p = new Params();
  const { rows } = await db.query(`SELECT count(*) AS n FROM statements WHERE ${statementWhere(ctx, f, p)}`, p.values);
  return Number(rows[0]?.n ?? 0);
}

/** Entities that refer to `id` through an entity-typed property, assembled from what the caller may see. */
export async function getLinks(db: Db, model: Model, ctx: Context, id: string, limit: number): Promise<Link[]> {
  const p = new Params();
  const where = `is_ref AND value = ${p.add(id)} AND ${visible(ctx, p)}`;
  const sql = `SELECT DISTINCT entity_id, prop FROM statements WHERE ${where} ORDER BY entity_id, prop LIMIT ${p.add(limit)}`;
  const { rows } = await db.query(sql, p.values);
  const entities = await entitiesByIds(
    db,
    model,
    ctx,
    rows.map((r) => r.entity_id as string),
  );
  const byId = new Map(entities.map((e) => [e.id, e]));
  return rows.flatMap((r) => {
    const entity = byId.get(r.entity_id as string);
    return entity ? [{ entity, prop: r.prop as string }] : [];
  });
}

// Writing -------------------------------------------------------------------------------------

/** Rejects statements outside the batch's dataset or namespace, and handling the writer may not see. */
export function checkBatch(ctx: Context, batch: WriteBatch): void {
  checkDataset(batch.dataset);
  for (const s of batch.statements) {
    if (s.dataset !== batch.dataset || !inNamespace(batch.dataset, s.entityId)) {
      throw new ValidationError(
        'CORVID_ERR_STORE_FORGED_REFERENCE',
        `statement ${s.id} (entity ${s.entityId}, dataset ${s.dataset}) is outside dataset ${batch.dataset}`,
        {
          statement: s.id,
          entityId: s.entityId,
          dataset: batch.dataset,
        },
      );
    }
    const level = storedTlp(s.tlp);
    if (level === -1) throw new ValidationError('CORVID_ERR_MODEL_INVALID_HANDLING', `statement ${s.id} has an unknown TLP: ${String(s.tlp)}`);
    if (!canSee(ctx, s.compartment, level)) {
      throw new AuthError('CORVID_ERR_AUTH_FORBIDDEN', `${ctx.actor} may not write statements in compartment ${JSON.stringify(s.compartment)} at TLP ${s.tlp}`);
    }
  }
}

/** Merges repeats of one statement id within a batch: the first occurrence, seen from the earliest to the latest. */
function dedupe(statements: readonly Statement[]): Statement[] {
  const byId = new Map<string, Statement>();
  for (const s of statements) {
    const prev = byId.get(s.id);
    if (!prev) byId.set(s.id, s);
    else if (s.firstSeen < prev.firstSeen || s.lastSeen > prev.lastSeen) {
      byId.set(s.id, {
        ...prev,
        firstSeen: s.firstSeen < prev.firstSeen ? s.firstSeen : prev.firstSeen,
        lastSeen: s.lastSeen > prev.lastSeen ? s.lastSeen : prev.lastSeen,
      });
    }
  }
  return [...byId.values()];
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A field in COPY's text format. */
function field(s: string): string {
  return COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIAL_ALL, (ch) => COPY_ESCAPES[ch] as string) : s;
}

/** The batch as COPY text, fields in STATEMENT_COLUMNS order then search, in chunks of rows (one string a row would cost a stream write each). */
function* copyText(statements: readonly Statement[], searchOf: SearchOf): Generator<string> {
  let buf = '';
  let n = 0;
  for (const s of statements) {
    const search = searchOf(s);
    buf +=
      `${field(s.id)}\t${field(s.entityId)}\t${field(s.schema)}\t${field(s.prop)}\t${field(s.value)}\t${field(s.original)}\t` +
      `${field(s.dataset)}\t${field(s.source)}\t${field(s.record)}\t${field(s.firstSeen)}\t${field(s.lastSeen)}\t${field(s.grading)}\t` +
      `${field(s.compartment)}\t${storedTlp(s.tlp)}\t${field(s.handling)}\t${field(s.handlingNote)}\t${field(s.importer)}\t${s.isRef ? 't' : 'f'}\t` +
      `${search === null ? '\\N' : field(search)}\n`;
    if (++n % 2000 === 0) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** The statement columns (in copyText's field order) and the search text. */
const WRITE_COLUMNS = `${STATEMENT_SELECT}, search`;

/** The indexed search form of a statement's value, or null when it is not searched (see search.ts). */
export type SearchOf = (s: Statement) => string | null;

/**
 * The bulk path, inside the caller's transaction: COPY the batch into a temporary staging table, insert
 * what is new, then widen first/last seen of what existed. Returns exact counts.
 */
export async function writeStatements(client: PoolClient, statements: readonly Statement[], searchOf: SearchOf): Promise<WriteResult> {
  if (statements.length === 0) return { inserted: 0, unchanged: 0 };
  const unique = dedupe(statements);
  await client.query(`CREATE TEMP TABLE corvid_stage (
    id text COLLATE "C", entity_id text COLLATE "C", schema text COLLATE "C", prop text COLLATE "C", value text COLLATE "C",
    original text, dataset text COLLATE "C", source text, record text, first_seen text COLLATE "C", last_seen text COLLATE "C",
    grading text, compartment text COLLATE "C", tlp smallint, handling text, handling_note text, importer text, is_ref boolean, search text
  ) ON COMMIT DROP`);
  await pipeline(Readable.from(copyText(unique, searchOf)), client.query(copyFrom(`COPY corvid_stage (${WRITE_COLUMNS}) FROM STDIN`)));
  const ins = await client.query(`INSERT INTO statements (${WRITE_COLUMNS}) SELECT ${WRITE_COLUMNS} FROM corvid_stage ON CONFLICT (id) DO NOTHING`);
  const inserted = ins.rowCount ?? 0;
  if (inserted < unique.length) {
    // A second upsert pass rather than UPDATE … FROM: one index probe per row, whatever the planner thinks of the temp table.
    await client.query(`INSERT INTO statements (${WRITE_COLUMNS}) SELECT ${WRITE_COLUMNS} FROM corvid_stage
      ON CONFLICT (id) DO UPDATE SET first_seen = LEAST(statements.first_seen, excluded.first_seen), last_seen = GREATEST(statements.last_seen, excluded.last_seen)
      WHERE excluded.first_seen < statements.first_seen OR excluded.last_seen > statements.last_seen`);
  }
  return { inserted, unchanged: statements.length - inserted };
}
