/**
 * The Store port: the one interface every backend implements (sqlite/, postgres/) and every capability
 * module talks to. Every call takes the caller's Context first; visibility (compartments and TLP
 * ceiling) is enforced inside the store, on every read path, counts and search included. The records it
 * speaks in are in `shapes.ts` (re-exported here).
 */
import type { Context } from '../model/context.ts';
import type { Model } from '../model/schema.ts';
import type { Entity, EntityWithStatements, Statement } from '../model/statement.ts';
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
  User,
  WriteBatch,
  WriteResult,
} from './shapes.ts';

export type * from './shapes.ts';

/**
 * The store. Implementations: `SqliteStore` (embedded default) and `PostgresStore`; both pass the
 * conformance suite in `conformance.ts`.
 * @example
 * const store = await openStore({ data: './corvid-data' });
 * await store.writeBatch(ctx, { dataset: 'police-a', statements });
 * const hits = await store.search(ctx, { text: 'Jon Smiht' });
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly model: Model;

  /** Creates or upgrades the schema. Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Datasets ---------------------------------------------------------------------------------
  /** Creates the dataset or updates its title and defaults. Audited. */
  upsertDataset(ctx: Context, init: DatasetInit): Promise<Dataset>;
  getDataset(ctx: Context, name: string): Promise<Dataset | null>;
  listDatasets(ctx: Context): Promise<Dataset[]>;
  /** Removes the dataset and all its statements (admins only). Audited. */
  deleteDataset(ctx: Context, name: string): Promise<number>;

  // Statements and entities ------------------------------------------------------------------
  /**
   * Writes a batch in one transaction, idempotently (existing statement ids only widen first/last
   * seen), together with the job checkpoint if given. Rejects statements outside the dataset's
   * namespace (CORVID_ERR_STORE_FORGED_REFERENCE) and compartments the writer is not in.
   */
  writeBatch(ctx: Context, batch: WriteBatch): Promise<WriteResult>;
  /** The entity assembled from the statements the caller may see, or null. Sensitive reads are audited. */
  getEntity(ctx: Context, id: string): Promise<EntityWithStatements | null>;
  getEntities(ctx: Context, ids: readonly string[]): Promise<Entity[]>;
  /** Visible statements matching the filter, ordered by entity id, then property, then value. */
  listStatements(ctx: Context, filter: StatementFilter, page?: { limit?: number; offset?: number }): Promise<Statement[]>;
  /** Streams visible statements in batches (ordered by entity id), for exports and analytics. */
  iterateStatements(ctx: Context, filter: StatementFilter, batchSize?: number): AsyncIterable<Statement[]>;
  /** Streams visible entities, assembled, ordered by id. */
  iterateEntities(ctx: Context, filter: EntityFilter): AsyncIterable<Entity>;
  /** Entities that refer to `id` through an entity-typed property. */
  getLinks(ctx: Context, id: string, limit?: number): Promise<Link[]>;
  countEntities(ctx: Context, filter?: EntityFilter): Promise<number>;
  countStatements(ctx: Context, filter?: StatementFilter): Promise<number>;
  /** Full-text, typo-tolerant search over names and identifiers, visibility enforced. */
  search(ctx: Context, query: SearchQuery): Promise<SearchHit[]>;

  // Audit ------------------------------------------------------------------------------------
  appendAudit(ctx: Context, event: AuditEvent): Promise<AuditRecord>;
  listAudit(ctx: Context, filter?: AuditFilter): Promise<AuditRecord[]>;
  /** Recomputes the hash chain from the first record; reports the first break. */
  verifyAudit(ctx: Context): Promise<AuditVerification>;

  // Jobs -------------------------------------------------------------------------------------
  createJob(ctx: Context, init: JobInit): Promise<Job>;
  getJob(ctx: Context, id: string): Promise<Job | null>;
  listJobs(ctx: Context, filter?: JobFilter): Promise<Job[]>;
  /** Atomically takes the oldest queued job of these kinds (PostgreSQL: FOR UPDATE SKIP LOCKED). */
  claimJob(ctx: Context, kinds: readonly string[], worker: string): Promise<Job | null>;
  /** Takes a specific job (queued, or running but abandoned by a dead worker) to run or resume it. */
  startJob(ctx: Context, id: string, worker: string): Promise<Job>;
  updateJob(ctx: Context, id: string, patch: { progress?: JobProgress; checkpoint?: JsonValue }): Promise<void>;
  finishJob(ctx: Context, id: string, outcome: { state: 'done' | 'failed' | 'cancelled'; result?: JsonValue; error?: string }): Promise<Job>;
  requestCancel(ctx: Context, id: string): Promise<Job>;

  // Resolution ---------------------------------------------------------------------------------
  // Judgements and candidates are read only where BOTH entities are visible to the caller (each has a
  // statement within the caller's compartments and TLP ceiling), and written or changed only by callers
  // who can see both: whoever cannot see X learns nothing of what X was judged against.
  /**
   * Records judgements in one transaction (pairs stored ordered, left < right; left === right is
   * CORVID_ERR_RESOLVE_BAD_PAIR; a pair the caller cannot see is CORVID_ERR_NOT_FOUND) together with the
   * optional audit event; returns how many. The bulk path of resolve runs.
   * @example await store.addJudgements(ctx, rows, { action: 'resolve.run', target: runId, detail: { judgements: rows.length } });
   */
  addJudgements(ctx: Context, items: readonly JudgementInit[], audit?: AuditEvent): Promise<number>;
  /**
   * Records one judgement (a user's decision) with the optional audit event; returns the stored row.
   * @example const j = await store.addJudgement(ctx, { left, right, verdict: 'positive', by: 'user', rule: '', score: null, reason: 'Same passport.', explanation: null, run: null });
   */
  addJudgement(ctx: Context, item: JudgementInit, audit?: AuditEvent): Promise<Judgement>;
  /** Visible judgements matching the filter, ordered by id. */
  listJudgements(ctx: Context, filter?: JudgementFilter): Promise<Judgement[]>;
  /** Streams visible judgements (ordered by id) in batches, e.g. all active ones for clustering. */
  iterateJudgements(ctx: Context, filter: Omit<JudgementFilter, 'afterId' | 'limit'>, batchSize?: number): AsyncIterable<Judgement[]>;
  /**
   * Retracts the caller's visible, active judgements by id or by run (both given: those ids within the
   * run; neither is CORVID_ERR_VALIDATION), recording who, when and why; returns the retracted ones in
   * id order (none when they were retracted already). Audited when something was retracted (action
   * `resolve.undo`, target the run or '', detail `{ ids, reason, run? }`).
   */
  retractJudgements(ctx: Context, target: { ids?: readonly number[]; run?: string }, reason: string): Promise<Judgement[]>;
  /**
   * Upserts open candidates for a run: a pair already open (or stale) is updated (probability, priority,
   * explanation, run) and open; a pair with status 'decided' is left alone. Returns how many were written.
   */
  putReviewCandidates(ctx: Context, run: string, items: readonly ReviewCandidateInit[]): Promise<number>;
  /** Visible candidates, highest priority first (ties by id). */
  listReviewCandidates(ctx: Context, filter?: ReviewCandidateFilter): Promise<ReviewCandidate[]>;
  getReviewCandidate(ctx: Context, id: number): Promise<ReviewCandidate | null>;
  /**
   * Marks a candidate decided (with the judgement that decided it, which must be about the same pair) or
   * stale, or reopens it ('open', judgement null) when that judgement is retracted. Unknown or invisible
   * candidates are CORVID_ERR_NOT_FOUND.
   */
  setReviewCandidateStatus(ctx: Context, id: number, status: ReviewCandidate['status'], judgement: number | null): Promise<void>;
  /**
   * Resolution state: fingerprints of the records a run has compared, per scope (a hash of who could see
   * what). Internal to the resolver: not filtered by visibility, the scope already separates callers.
   */
  putFingerprints(ctx: Context, scope: string, entries: readonly (readonly [entityId: string, fingerprint: string])[]): Promise<void>;
  /** Streams a scope's fingerprints ordered by entity id. */
  iterateFingerprints(ctx: Context, scope: string, batchSize?: number): AsyncIterable<(readonly [string, string])[]>;
  deleteFingerprints(ctx: Context, scope: string, entityIds: readonly string[]): Promise<void>;
  /** Small JSON documents of the resolver (e.g. the trained model), per scope and key. */
  getResolveState(ctx: Context, scope: string, key: string): Promise<JsonValue | null>;
  putResolveState(ctx: Context, scope: string, key: string, value: JsonValue): Promise<void>;

  // Link charts ------------------------------------------------------------------------------
  // A chart is visible to members of its case (its compartment), or only to its owner when the case is ''. An
  // invisible chart does not exist for the caller (CORVID_ERR_NOT_FOUND); a visible one of another owner is
  // CORVID_ERR_AUTH_FORBIDDEN to change unless the caller is an administrator.
  /**
   * Creates the chart or replaces its name, case and state; audited (`chart.save`, target the id). The caller must
   * be a member of the case (CORVID_ERR_AUTH_FORBIDDEN).
   * @example await store.putChart(ctx, { id: crypto.randomUUID(), name: 'Cell A', case: 'op-montagna', state: { nodes: ['police-a.p1'] } });
   */
  putChart(ctx: Context, chart: ChartInit): Promise<Chart>;
  getChart(ctx: Context, id: string): Promise<Chart | null>;
  /** Visible charts without their state, most recently saved first (ties by id). */
  listCharts(ctx: Context, filter?: ChartFilter): Promise<ChartSummary[]>;
  /** Deletes the chart; audited (`chart.delete`). */
  deleteChart(ctx: Context, id: string): Promise<void>;

  // Users and API tokens ---------------------------------------------------------------------
  createUser(ctx: Context, user: Omit<User, 'createdAt' | 'disabled'>): Promise<User>;
  getUser(ctx: Context, name: string): Promise<User | null>;
  listUsers(ctx: Context): Promise<User[]>;
  createToken(ctx: Context, token: Omit<ApiToken, 'createdAt' | 'revoked'>): Promise<ApiToken>;
  /** Looks up an unrevoked, unexpired token by its hash (used by authentication, before a Context exists). */
  findToken(tokenHash: string): Promise<ApiToken | null>;
  revokeToken(ctx: Context, tokenHash: string): Promise<void>;
}
