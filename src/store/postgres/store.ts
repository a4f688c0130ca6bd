/** PostgresStore: the Store port on PostgreSQL (node-postgres), for many users and many worker processes. */
import pg from 'pg';
import type { PoolClient } from 'pg';
import { isCorvidError, throwIfAborted, ValidationError } from '../../errors.ts';
import type { Context } from '../../model/context.ts';
import type { Model } from '../../model/schema.ts';
import { assembleEntity, type Entity, type EntityWithStatements, type Statement } from '../../model/statement.ts';
import type {
  ApiToken,
  AuditEvent,
  AuditFilter,
  AuditRecord,
  AuditVerification,
  Chart,
  ChartFilter,
  ChartInit,
  ChartSummary,
  Dataset,
  DatasetInit,
  EntityFilter,
  Job,
  JobFilter,
  JobInit,
  JobProgress,
  JsonValue,
  Judgement,
  JudgementFilter,
  JudgementInit,
  Link,
  ReviewCandidate,
  ReviewCandidateFilter,
  ReviewCandidateInit,
  SearchHit,
  SearchQuery,
  StatementFilter,
  Store,
  User,
  WriteBatch,
  WriteResult,
} from '../port.ts';
import { isSensitive } from '../visibility.ts';
import * as audit from './audit.ts';
import * as charts from './charts.ts';
import * as jobs from './jobs.ts';
import { migrate } from './migrations.ts';
import * as resolution from './resolution.ts';
import { search, searchText } from './search.ts';
import { inTransaction, translate, type Db } from './sql.ts';
import * as st from './statements.ts';
import * as users from './users.ts';

export interface PostgresStoreOptions {
  /** e.g. `postgresql://corvid@db.example.org/corvid`. */
  connectionString: string;
  model: Model;
  /** The PostgreSQL schema that holds the store's tables (default `public`); tests use a fresh one each. */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The PostgreSQL store. Every method runs its SQL with the caller's visibility; writes and their audit
 * records share one transaction.
 * @example
 * const store = new PostgresStore({ connectionString: 'postgresql://root@localhost/corvid', model: loadModel() });
 * await store.migrate();
 * await store.writeBatch(ctx, { dataset: 'police-a', statements });
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly model: Model;
  readonly schema: string;
  readonly #pool: pg.Pool;

  constructor(opts: PostgresStoreOptions) {
    this.model = opts.model;
    this.schema = opts.schema ?? 'public';
    if (!SCHEMA_RE.test(this.schema)) throw new ValidationError('CORVID_ERR_VALIDATION', `invalid PostgreSQL schema name: ${this.schema}`);
    // public stays on the path for pg_trgm's functions and operators.
    this.#pool = new pg.Pool({ connectionString: opts.connectionString, max: opts.poolSize ?? 10, options: `-c search_path=${this.schema},public` });
    // An idle client losing its connection (server restart) must not crash the process.
    this.#pool.on('error', () => undefined);
  }

  /** Runs `fn` on one pooled connection. */
  async #with<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (err) {
      throw translate(err);
    }
    let broken: Error | undefined;
    try {
      return await fn(client);
    } catch (err) {
      // An error the server did not report (a dropped socket, a failed stream) (a dropped socket, a failed stream):
      // the connection may be mid-protocol, so it is discarded rather than returned to the pool.
      if (!isCorvidError(err) && !(err instanceof pg.DatabaseError)) broken = err instanceof Error ? err : new Error(String(err));
      throw translate(err);
    } finally {
      client.release(broken);
    }
  }

  /** Runs `fn` in a transaction: committed when it returns, rolled back when it throws. */
  #tx<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    return this.#with((c) => inTransaction(c, () => fn(c)));
  }

  /** A single statement on any pooled connection. */
  #q<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.#with(fn);
  }

  migrate(): Promise<void> {
    return this.#with((c) => migrate(c, this.schema));
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  // Datasets ----------------------------------------------------------------------------------------

  upsertDataset(ctx: Context, init: DatasetInit): Promise<Dataset> {
    return this.#tx((c) => users.upsertDataset(c, ctx, init));
  }

  getDataset(_ctx: Context, name: string): Promise<Dataset | null> {
    return this.#q((db) => users.getDataset(db, name));
  }

  listDatasets(_ctx: Context): Promise<Dataset[]> {
    return this.#q((db) => users.listDatasets(db));
  }

  deleteDataset(ctx: Context, name: string): Promise<number> {
    return this.#tx((c) => users.deleteDataset(c, ctx, name));
  }

  // Statements and entities -------------------------------------------------------------------------

  async writeBatch(ctx: Context, batch: WriteBatch): Promise<WriteResult> {
    throwIfAborted(ctx.signal);
    st.checkBatch(ctx, batch);
    return this.#tx(async (c) => {
      const result = await st.writeStatements(c, batch.statements, (s) => searchText(this.model, s.schema, s.prop, s.value));
      if (batch.checkpoint) await jobs.saveCheckpoint(c, batch.checkpoint);
      return result;
    });
  }

  async getEntity(ctx: Context, id: string): Promise<EntityWithStatements | null> {
    const statements = await this.#q((db) => st.entityStatements(db, ctx, id));
    if (statements.length === 0) return null;
    const entity = assembleEntity(this.model, statements);
    if (isSensitive(statements)) await this.appendAudit(ctx, { action: 'entity.read', target: id });
    return { ...entity, statements };
  }

  getEntities(ctx: Context, ids: readonly string[]): Promise<Entity[]> {
    return this.#q((db) => st.entitiesByIds(db, this.model, ctx, ids));
  }

  listStatements(ctx: Context, filter: StatementFilter, page: { limit?: number; offset?: number } = {}): Promise<Statement[]> {
    return this.#q((db) => st.listStatements(db, ctx, filter, page.limit ?? null, page.offset ?? 0));
  }

  async *iterateStatements(ctx: Context, filter: StatementFilter, batchSize = 10_000): AsyncIterable<Statement[]> {
    // Each page is its own query on the pool, so a slow consumer holds no connection between pages.
    try {
      yield* st.iterateStatements(this.#pool, ctx, filter, Math.max(1, Math.floor(batchSize)));
    } catch (err) {
      throw translate(err);
    }
  }

  async *iterateEntities(ctx: Context, filter: EntityFilter): AsyncIterable<Entity> {
    try {
      yield* st.iterateEntities(this.#pool, this.model, ctx, filter);
    } catch (err) {
      throw translate(err);
    }
  }

  getLinks(ctx: Context, id: string, limit = 100): Promise<Link[]> {
    return this.#q((db) => st.getLinks(db, this.model, ctx, id, limit));
  }

  countEntities(ctx: Context, filter: EntityFilter = {}): Promise<number> {
    return this.#q((db) => st.countEntities(db, ctx, filter));
  }

  countStatements(ctx: Context, filter: StatementFilter = {}): Promise<number> {
    return this.#q((db) => st.countStatements(db, ctx, filter));
  }

  search(ctx: Context, query: SearchQuery): Promise<SearchHit[]> {
    return this.#with((c) => search(c, this.model, ctx, query));
  }

  // Audit -------------------------------------------------------------------------------------------

  appendAudit(ctx: Context, event: AuditEvent): Promise<AuditRecord> {
    return this.#tx((c) => audit.appendAudit(c, ctx, event));
  }

  listAudit(_ctx: Context, filter: AuditFilter = {}): Promise<AuditRecord[]> {
    return this.#q((db) => audit.listAudit(db, filter));
  }

  verifyAudit(ctx: Context): Promise<AuditVerification> {
    // One snapshot for every page and the head, so records appended meanwhile cannot look like truncation.
    return this.#with((c) => inTransaction(c, () => audit.verifyAudit(c, ctx), 'ISOLATION LEVEL REPEATABLE READ READ ONLY'));
  }

  // Jobs --------------------------------------------------------------------------------------------

  createJob(ctx: Context, init: JobInit): Promise<Job> {
    return this.#q((db) => jobs.createJob(db, ctx, init));
  }

  getJob(_ctx: Context, id: string): Promise<Job | null> {
    return this.#q((db) => jobs.getJob(db, id));
  }

  listJobs(_ctx: Context, filter: JobFilter = {}): Promise<Job[]> {
    return this.#q((db) => jobs.listJobs(db, filter));
  }

  claimJob(_ctx: Context, kinds: readonly string[], worker: string): Promise<Job | null> {
    return this.#q((db) => jobs.claimJob(db, kinds, worker));
  }

  startJob(_ctx: Context, id: string, worker: string): Promise<Job> {
    return this.#q((db) => jobs.startJob(db, id, worker));
  }

  updateJob(_ctx: Context, id: string, patch: { progress?: JobProgress; checkpoint?: JsonValue }): Promise<void> {
    return this.#q((db) => jobs.updateJob(db, id, patch));
  }

  finishJob(_ctx: Context, id: string, outcome: { state: 'done' | 'failed' | 'cancelled'; result?: JsonValue; error?: string }): Promise<Job> {
    return this.#q((db) => jobs.finishJob(db, id, outcome));
  }

  requestCancel(_ctx: Context, id: string): Promise<Job> {
    return this.#q((db) => jobs.requestCancel(db, id));
  }

  // Resolution ------------------------------------------------------------------------------------

  addJudgements(ctx: Context, items: readonly JudgementInit[], audit?: AuditEvent): Promise<number> {
    throwIfAborted(ctx.signal);
    return this.#tx((c) => resolution.addJudgements(c, ctx, items, audit));
  }

  addJudgement(ctx: Context, item: JudgementInit, audit?: AuditEvent): Promise<Judgement> {
    return this.#tx((c) => resolution.addJudgement(c, ctx, item, audit));
  }

  listJudgements(ctx: Context, filter: JudgementFilter = {}): Promise<Judgement[]> {
    return this.#q((db) => resolution.listJudgements(db, ctx, filter));
  }

  async *iterateJudgements(ctx: Context, filter: Omit<JudgementFilter, 'afterId' | 'limit'>, batchSize = 10_000): AsyncIterable<Judgement[]> {
    try {
      yield* resolution.iterateJudgements(this.#pool, ctx, filter, Math.max(1, Math.floor(batchSize)));
    } catch (err) {
      throw translate(err);
    }
  }

  retractJudgements(ctx: Context, target: { ids?: readonly number[]; run?: string }, reason: string): Promise<Judgement[]> {
    return this.#tx((c) => resolution.retractJudgements(c, ctx, target, reason));
  }

  putReviewCandidates(ctx: Context, run: string, items: readonly ReviewCandidateInit[]): Promise<number> {
    return this.#tx((c) => resolution.putReviewCandidates(c, ctx, run, items));
  }

  listReviewCandidates(ctx: Context, filter: ReviewCandidateFilter = {}): Promise<ReviewCandidate[]> {
    return this.#q((db) => resolution.listReviewCandidates(db, ctx, filter));
  }

  getReviewCandidate(ctx: Context, id: number): Promise<ReviewCandidate | null> {
    return this.#q((db) => resolution.getReviewCandidate(db, ctx, id));
  }

  setReviewCandidateStatus(ctx: Context, id: number, status: ReviewCandidate['status'], judgement: number | null): Promise<void> {
    return this.#tx((c) => resolution.setReviewCandidateStatus(c, ctx, id, status, judgement));
  }

  putFingerprints(_ctx: Context, scope: string, entries: readonly (readonly [entityId: string, fingerprint: string])[]): Promise<void> {
    return this.#tx((c) => resolution.putFingerprints(c, scope, entries));
  }

  async *iterateFingerprints(ctx: Context, scope: string, batchSize = 10_000): AsyncIterable<(readonly [string, string])[]> {
    try {
      yield* resolution.iterateFingerprints(this.#pool, ctx, scope, Math.max(1, Math.floor(batchSize)));
    } catch (err) {
      throw translate(err);
    }
  }

  deleteFingerprints(_ctx: Context, scope: string, entityIds: readonly string[]): Promise<void> {
    return this.#q((db) => resolution.deleteFingerprints(db, scope, entityIds));
  }

  getResolveState(_ctx: Context, scope: string, key: string): Promise<JsonValue | null> {
    return this.#q((db) => resolution.getResolveState(db, scope, key));
  }

  putResolveState(_ctx: Context, scope: string, key: string, value: JsonValue): Promise<void> {
    return this.#q((db) => resolution.putResolveState(db, scope, key, value));
  }

  // Link charts -------------------------------------------------------------------------------------

  putChart(ctx: Context, chart: ChartInit): Promise<Chart> {
    return this.#tx((c) => charts.putChart(c, ctx, chart));
  }

  getChart(ctx: Context, id: string): Promise<Chart | null> {
    return this.#q((db) => charts.getChart(db, ctx, id));
  }

  listCharts(ctx: Context, filter?: ChartFilter): Promise<ChartSummary[]> {
    return this.#q((db) => charts.listCharts(db, ctx, filter));
  }

  deleteChart(ctx: Context, id: string): Promise<void> {
    return this.#tx((c) => charts.deleteChart(c, ctx, id));
  }

  // Users and API tokens ----------------------------------------------------------------------------

  createUser(ctx: Context, user: Omit<User, 'createdAt' | 'disabled'>): Promise<User> {
    return this.#tx((c) => users.createUser(c, ctx, user));
  }

  getUser(_ctx: Context, name: string): Promise<User | null> {
    return this.#q((db) => users.getUser(db, name));
  }

  listUsers(_ctx: Context): Promise<User[]> {
    return this.#q((db) => users.listUsers(db));
  }

  createToken(ctx: Context, token: Omit<ApiToken, 'createdAt' | 'revoked'>): Promise<ApiToken> {
    return this.#tx((c) => users.createToken(c, ctx, token));
  }

  findToken(tokenHash: string): Promise<ApiToken | null> {
    return this.#q((db) => users.findToken(db, tokenHash));
  }

  revokeToken(ctx: Context, tokenHash: string): Promise<void> {
    return this.#tx((c) => users.revokeToken(c, ctx, tokenHash));
  }
}
