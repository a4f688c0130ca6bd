/** SqliteStore: the embedded Store backend (better-sqlite3, WAL, one file); delegates to one module per concern. */
import { resolve } from 'node:path';
import { isAdmin, type Context } from '../../model/context.ts';
import {
  DEFAULT_GRADING, DEFAULT_HANDLING, parseCompartment, parseGrading, parseHandlingCode, parseTlp, tlpFromLevel, tlpLevel, type Grading, type HandlingCode,
} from '../../model/handling.ts';
import { checkDataset } from '../../model/ids.ts';
import type { Model } from '../../model/schema.ts';
import { assembleEntity, type Entity, type EntityWithStatements, type Statement } from '../../model/statement.ts';
import { AuthError } from '../../errors.ts';
import type {
  ApiToken, AuditEvent, AuditFilter, AuditRecord, AuditVerification, Chart, ChartFilter, ChartInit, ChartSummary, Dataset, DatasetInit, EntityFilter, Job, JobFilter, JobInit,
  JobProgress, JsonValue, Judgement, JudgementFilter, JudgementInit, Link, ReviewCandidate, ReviewCandidateFilter, ReviewCandidateInit,
  SearchHit, SearchQuery, StatementFilter, Store, User, WriteBatch, WriteResult,
} from '../port.ts';
import { isSensitive } from '../visibility.ts';
import * as audit from './audit.ts';
import * as charts from './charts.ts';
import * as jobs from './jobs.ts';
import { migrate } from './migrations.ts';
import * as resolution from './resolution.ts';
import { search } from './search.ts';
import { now, openDatabase, prep, type Db } from './sql.ts';
import * as st from './statements.ts';
import { prepareBatch, validateBatch, writePrepared } from './write.ts';
import { WriterThread, WriterUnavailable } from './writer.ts';
import * as users from './users.ts';

export interface SqliteStoreOptions {
  /** The database file (created if missing); `:memory:` for throw-away stores. */
  path: string;
  model: Model;
  /**
   * Batches of at least this many statements are written by a writer thread with its own connection
   * (writer.ts), so the caller's thread goes on meanwhile (the import pipeline builds its next batch);
   * smaller batches, and all of a `:memory:` store's, on the caller's thread. Default `Infinity`: every
   * write on the caller's thread. Measured on 2 loaded cores (bench/ingest.ts data, 20k batches), the
   * thread makes a CSV import 10–20 % faster end to end but costs about 20 % more CPU in all and about
   * 180 MB more peak memory (a second V8 heap holding the batch in flight), which breaks the 500 MB
   * import budget; worth it on a server with cores and memory to spare, e.g. `writerThreshold: 5000`.
   */
  writerThreshold?: number;
}

type DatasetRow = {
  name: string; title: string; default_grading: string; default_compartment: string; default_tlp: number;
  default_handling: string; default_handling_note: string; created_at: string; created_by: string;
};

/** Parses a value the caller gave; undefined stays undefined (keep the old value or the default). */
function given<T>(v: string | undefined, parse: (s: string) => T): T | undefined {
  return v === undefined ? undefined : parse(v);
}

function datasetFromRow(r: DatasetRow): Dataset {
  return {
    name: r.name, title: r.title, defaultGrading: r.default_grading as Grading, defaultCompartment: r.default_compartment,
    defaultTlp: tlpFromLevel(r.default_tlp), defaultHandling: r.default_handling as HandlingCode, defaultHandlingNote: r.default_handling_note,
    createdAt: r.created_at, createdBy: r.created_by,
  };
}

/**
 * The embedded store. All work is synchronous under the hood (better-sqlite3); the async methods keep
 * the port's shape, and iterators yield between batches so a long export does not starve the server.
 * @example
 * const store = new SqliteStore({ path: './corvid-data/corvid.db', model: loadModel() });
 * await store.migrate();
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly model: Model;
  private readonly db: Db;
  private writer: WriterThread | null;
  private readonly writerThreshold: number;
  private closed = false;

  constructor(opts: SqliteStoreOptions) {
    this.model = opts.model;
    this.db = openDatabase(opts.path);
    this.writerThreshold = opts.writerThreshold ?? Infinity;
    const onDisk = opts.path !== ':memory:' && opts.path !== '';
    this.writer = onDisk && this.writerThreshold !== Infinity ? new WriterThread(resolve(opts.path)) : null;
  }

  async migrate(): Promise<void> {
    migrate(this.db);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer?.close(); // pending writes finish first
    this.db.close();
  }

  // Datasets -----------------------------------------------------------------------------------
  async upsertDataset(ctx: Context, init: DatasetInit): Promise<Dataset> {
    checkDataset(init.name);
    const db = this.db;
    return db.transaction((): Dataset => {
      const old = this.datasetRow(init.name);
      const d: Dataset = {
        name: init.name,
        title: init.title ?? old?.title ?? init.name,
        // Given values are parsed, so a bad default fails here rather than on every later import.
        defaultGrading: given(init.defaultGrading, parseGrading) ?? old?.defaultGrading ?? DEFAULT_GRADING,
        defaultCompartment: given(init.defaultCompartment, parseCompartment) ?? old?.defaultCompartment ?? DEFAULT_HANDLING.compartment,
        defaultTlp: given(init.defaultTlp, parseTlp) ?? old?.defaultTlp ?? DEFAULT_HANDLING.tlp,
        defaultHandling: given(init.defaultHandling, parseHandlingCode) ?? old?.defaultHandling ?? DEFAULT_HANDLING.handling,
        defaultHandlingNote: init.defaultHandlingNote ?? old?.defaultHandlingNote ?? DEFAULT_HANDLING.handlingNote,
        createdAt: old?.createdAt ?? now(),
        createdBy: old?.createdBy ?? ctx.actor,
      };
      prep(db, `INSERT INTO dataset (name, title, default_grading, default_compartment, default_tlp, default_handling, default_handling_note, created_at, created_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET title = excluded.title, default_grading = excluded.default_grading,
        default_compartment = excluded.default_compartment, default_tlp = excluded.default_tlp, default_handling = excluded.default_handling,
        default_handling_note = excluded.default_handling_note`)
        .run(d.name, d.title, d.defaultGrading, d.defaultCompartment, tlpLevel(d.defaultTlp), d.defaultHandling, d.defaultHandlingNote, d.createdAt, d.createdBy);
      const { name: _name, createdAt: _at, createdBy: _by, ...detail } = d;
      audit.appendAuditIn(db, ctx, { action: 'dataset.upsert', target: d.name, detail: { ...detail, created: old === null } });
      return d;
    }).immediate();
  }

  private datasetRow(name: string): Dataset | null {
    const r = prep(this.db, 'SELECT * FROM dataset WHERE name = ?').get(name) as DatasetRow | undefined;
    return r ? datasetFromRow(r) : null;
  }

  async getDataset(_ctx: Context, name: string): Promise<Dataset | null> {
    return this.datasetRow(name);
  }

  async listDatasets(_ctx: Context): Promise<Dataset[]> {
    return (prep(this.db, 'SELECT * FROM dataset ORDER BY name').all() as DatasetRow[]).map(datasetFromRow);
  }

  async deleteDataset(ctx: Context, name: string): Promise<number> {
    if (!isAdmin(ctx)) throw new AuthError('CORVID_ERR_AUTH_FORBIDDEN', `${ctx.actor} may not delete datasets`);
    const db = this.db;
    return db.transaction((): number => {
      const n = st.deleteDatasetStatements(db, name);
      prep(db, 'DELETE FROM dataset WHERE name = ?').run(name);
      audit.appendAuditIn(db, ctx, { action: 'dataset.delete', target: name, detail: { statements: n } });
      return n;
    }).immediate();
  }

  // Statements and entities --------------------------------------------------------------------
  /** Large batches go to the writer thread; a batch arriving while it is busy queues there too, keeping the order. */
  async writeBatch(ctx: Context, batch: WriteBatch): Promise<WriteResult> {
    validateBatch(ctx, batch);
    const prepared = prepareBatch(this.model, batch);
    const n = prepared.rows.length;
    if (this.writer && (n >= this.writerThreshold || this.writer.busy)) {
      try {
        const inserted = await this.writer.write(prepared);
        return { inserted, unchanged: n - inserted };
      } catch (err) {
        if (!(err instanceof WriterUnavailable)) throw err;
        this.writer = null; // no thread (nothing was sent to it): write here from now on
      }
    }
    const inserted = writePrepared(this.db, prepared);
    return { inserted, unchanged: n - inserted };
  }

  async getEntity(ctx: Context, id: string): Promise<EntityWithStatements | null> {
    const statements: Statement[] = st.entityStatements(this.db, ctx, id);
    if (statements.length === 0) return null;
    if (isSensitive(statements)) audit.appendAudit(this.db, ctx, { action: 'entity.read', target: id });
    return { ...assembleEntity(this.model, statements), statements };
  }

  async getEntities(ctx: Context, ids: readonly string[]): Promise<Entity[]> {
    return st.getEntities(this.db, this.model, ctx, ids);
  }

  async listStatements(ctx: Context, filter: StatementFilter, page?: { limit?: number; offset?: number }): Promise<Statement[]> {
    return st.listStatements(this.db, ctx, filter, page);
  }

  iterateStatements(ctx: Context, filter: StatementFilter, batchSize?: number): AsyncIterable<Statement[]> {
    return st.iterateStatements(this.db, ctx, filter, batchSize);
  }

  iterateEntities(ctx: Context, filter: EntityFilter): AsyncIterable<Entity> {
    return st.iterateEntities(this.db, this.model, ctx, filter);
  }

  async getLinks(ctx: Context, id: string, limit?: number): Promise<Link[]> {
    return st.getLinks(this.db, this.model, ctx, id, limit);
  }

  async countEntities(ctx: Context, filter?: EntityFilter): Promise<number> {
    return st.countEntities(this.db, ctx, filter);
  }

  async countStatements(ctx: Context, filter?: StatementFilter): Promise<number> {
    return st.countStatements(this.db, ctx, filter);
  }

  async search(ctx: Context, query: SearchQuery): Promise<SearchHit[]> {
    return search(this.db, this.model, ctx, query);
  }

  // Audit --------------------------------------------------------------------------------------
  async appendAudit(ctx: Context, event: AuditEvent): Promise<AuditRecord> {
    return audit.appendAudit(this.db, ctx, event);
  }

  async listAudit(_ctx: Context, filter?: AuditFilter): Promise<AuditRecord[]> {
    return audit.listAudit(this.db, filter);
  }

  async verifyAudit(_ctx: Context): Promise<AuditVerification> {
    return audit.verifyAudit(this.db);
  }

  // Jobs ---------------------------------------------------------------------------------------
  async createJob(ctx: Context, init: JobInit): Promise<Job> {
    return jobs.createJob(this.db, ctx, init);
  }

  async getJob(_ctx: Context, id: string): Promise<Job | null> {
    return jobs.getJob(this.db, id);
  }

  async listJobs(_ctx: Context, filter?: JobFilter): Promise<Job[]> {
    return jobs.listJobs(this.db, filter);
  }

  async claimJob(_ctx: Context, kinds: readonly string[], worker: string): Promise<Job | null> {
    return jobs.claimJob(this.db, kinds, worker);
  }

  async startJob(_ctx: Context, id: string, worker: string): Promise<Job> {
    return jobs.startJob(this.db, id, worker);
  }

  async updateJob(_ctx: Context, id: string, patch: { progress?: JobProgress; checkpoint?: JsonValue }): Promise<void> {
    jobs.updateJob(this.db, id, patch);
  }

  async finishJob(_ctx: Context, id: string, outcome: { state: 'done' | 'failed' | 'cancelled'; result?: JsonValue; error?: string }): Promise<Job> {
    return jobs.finishJob(this.db, id, outcome);
  }

  async requestCancel(_ctx: Context, id: string): Promise<Job> {
    return jobs.requestCancel(this.db, id);
  }

  // Resolution ---------------------------------------------------------------------------------
  async addJudgements(ctx: Context, items: readonly JudgementInit[], audit?: AuditEvent): Promise<number> {
    return resolution.addJudgements(this.db, ctx, items, audit);
  }

  async addJudgement(ctx: Context, item: JudgementInit, audit?: AuditEvent): Promise<Judgement> {
    return resolution.addJudgement(this.db, ctx, item, audit);
  }

  async listJudgements(ctx: Context, filter?: JudgementFilter): Promise<Judgement[]> {
    return resolution.listJudgements(this.db, ctx, filter);
  }

  iterateJudgements(ctx: Context, filter: Omit<JudgementFilter, 'afterId' | 'limit'>, batchSize?: number): AsyncIterable<Judgement[]> {
    return resolution.iterateJudgements(this.db, ctx, filter, batchSize);
  }

  async retractJudgements(ctx: Context, target: { ids?: readonly number[]; run?: string }, reason: string): Promise<Judgement[]> {
    return resolution.retractJudgements(this.db, ctx, target, reason);
  }

  async putReviewCandidates(ctx: Context, run: string, items: readonly ReviewCandidateInit[]): Promise<number> {
    return resolution.putReviewCandidates(this.db, ctx, run, items);
  }

  async listReviewCandidates(ctx: Context, filter?: ReviewCandidateFilter): Promise<ReviewCandidate[]> {
    return resolution.listReviewCandidates(this.db, ctx, filter);
  }

  async getReviewCandidate(ctx: Context, id: number): Promise<ReviewCandidate | null> {
    return resolution.getReviewCandidate(this.db, ctx, id);
  }

  async setReviewCandidateStatus(ctx: Context, id: number, status: ReviewCandidate['status'], judgement: number | null): Promise<void> {
    resolution.setReviewCandidateStatus(this.db, ctx, id, status, judgement);
  }

  async putFingerprints(_ctx: Context, scope: string, entries: readonly (readonly [entityId: string, fingerprint: string])[]): Promise<void> {
    resolution.putFingerprints(this.db, scope, entries);
  }

  iterateFingerprints(ctx: Context, scope: string, batchSize?: number): AsyncIterable<(readonly [string, string])[]> {
    return resolution.iterateFingerprints(this.db, ctx, scope, batchSize);
  }

  async deleteFingerprints(_ctx: Context, scope: string, entityIds: readonly string[]): Promise<void> {
    resolution.deleteFingerprints(this.db, scope, entityIds);
  }

  async getResolveState(_ctx: Context, scope: string, key: string): Promise<JsonValue | null> {
    return resolution.getResolveState(this.db, scope, key);
  }

  async putResolveState(_ctx: Context, scope: string, key: string, value: JsonValue): Promise<void> {
    resolution.putResolveState(this.db, scope, key, value);
  }

  // Link charts --------------------------------------------------------------------------------
  async putChart(ctx: Context, chart: ChartInit): Promise<Chart> {
    return charts.putChart(this.db, ctx, chart);
  }

  async getChart(ctx: Context, id: string): Promise<Chart | null> {
    return charts.getChart(this.db, ctx, id);
  }

  async listCharts(ctx: Context, filter?: ChartFilter): Promise<ChartSummary[]> {
    return charts.listCharts(this.db, ctx, filter);
  }

  async deleteChart(ctx: Context, id: string): Promise<void> {
    charts.deleteChart(this.db, ctx, id);
  }

  // Users and API tokens -----------------------------------------------------------------------
  async createUser(ctx: Context, user: Omit<User, 'createdAt' | 'disabled'>): Promise<User> {
    return users.createUser(this.db, ctx, user);
  }

  async getUser(_ctx: Context, name: string): Promise<User | null> {
    return users.getUser(this.db, name);
  }

  async listUsers(_ctx: Context): Promise<User[]> {
    return users.listUsers(this.db);
  }

  async createToken(ctx: Context, token: Omit<ApiToken, 'createdAt' | 'revoked'>): Promise<ApiToken> {
    return users.createToken(this.db, ctx, token);
  }

  async findToken(tokenHash: string): Promise<ApiToken | null> {
    return users.findToken(this.db, tokenHash);
  }

  async revokeToken(ctx: Context, tokenHash: string): Promise<void> {
    users.revokeToken(this.db, ctx, tokenHash);
  }
}
