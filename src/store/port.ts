/**
 * The Store port: the one interface every backend implements (sqlite/, postgres/) and every capability
 * module talks to. Every call takes the caller's Context first; visibility (compartments and TLP
 * ceiling) is enforced inside the store, on every read path, counts and search included.
 */
import type { Context } from '../model/context.ts';
import type { Grading, HandlingCode, Tlp } from '../model/handling.ts';
import type { Model } from '../model/schema.ts';
import type { Entity, EntityWithStatements, Statement } from '../model/statement.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A dataset: a namespace of entities with the defaults its imports use. */
export interface Dataset {
  name: string;
  title: string;
  defaultGrading: Grading;
  defaultCompartment: string;
  defaultTlp: Tlp;
  defaultHandling: HandlingCode;
  defaultHandlingNote: string;
  createdAt: string;
  createdBy: string;
}

export type DatasetInit = Pick<Dataset, 'name'> & Partial<Omit<Dataset, 'name' | 'createdAt' | 'createdBy'>>;

export interface JobProgress {
  done: number;
  total?: number;
  message?: string;
}

/** Written atomically with a batch: the job's resume point and progress. */
export interface Checkpoint {
  jobId: string;
  checkpoint: JsonValue;
  progress: JobProgress;
}

export interface WriteBatch {
  /** All statements must belong to `dataset` and have entity ids in its namespace. */
  dataset: string;
  statements: readonly Statement[];
  checkpoint?: Checkpoint;
}

export interface WriteResult {
  /** Statements that were new. */
  inserted: number;
  /** Statements that existed already (their first/last seen were widened, nothing else changed). */
  unchanged: number;
}

export interface StatementFilter {
  entityIds?: readonly string[];
  datasets?: readonly string[];
  schemata?: readonly string[];
  props?: readonly string[];
}

export interface EntityFilter {
  datasets?: readonly string[];
  /** Schema names; descendants are NOT expanded here (use model.descendants). */
  schemata?: readonly string[];
}

export interface SearchQuery {
  text: string;
  schemata?: readonly string[];
  datasets?: readonly string[];
  /** Default 20, at most 500. */
  limit?: number;
  offset?: number;
  /** Typo-tolerant matching (trigram similarity); default true. */
  fuzzy?: boolean;
}

export interface SearchHit {
  entity: Entity;
  /** 0..1, higher is better. */
  score: number;
  /** The value that matched best. */
  matched: string;
}

/** An entity that points at another one through an entity-typed property. */
export interface Link {
  /** The referring entity (e.g. a Payment) … */
  entity: Entity;
  /** … through this property (e.g. `payer`). */
  prop: string;
}

export interface AuditEvent {
  /** e.g. `import.start`, `import.finish`, `entity.read`, `dataset.delete`, `user.create`. */
  action: string;
  target?: string;
  detail?: JsonObject;
}

export interface AuditRecord extends Required<AuditEvent> {
  seq: number;
  at: string;
  actor: string;
  /** Hash of the previous record ('' for the first): the chain that makes tampering show. */
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  target?: string;
  afterSeq?: number;
  limit?: number;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first record whose hash or link does not match, and why. */
  broken?: { seq: number; reason: string };
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job {
  id: string;
  kind: string;
  state: JobState;
  params: JsonObject;
  progress: JobProgress;
  checkpoint: JsonValue;
  result: JsonValue;
  error: string | null;
  /** Set when someone asked to cancel; the runner stops at its next checkpoint. */
  cancelRequested: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The worker that holds the job while running. */
  worker: string | null;
}

export interface JobInit {
  kind: string;
  params: JsonObject;
  /** Optional caller-chosen id (e.g. derived from a file hash so a re-run finds its unfinished job). */
  id?: string;
}

export interface JobFilter {
  kind?: string;
  states?: readonly JobState[];
  limit?: number;
}

export interface User {
  name: string;
  roles: string[];
  compartments: string[] | '*';
  tlpCeiling: Tlp;
  /** scrypt hash `scrypt$N$r$p$salt$hash`; never returned by list calls. */
  passwordHash: string;
  createdAt: string;
  disabled: boolean;
}

export interface ApiToken {
  /** SHA-256 of the token, hex. The token itself is shown once and never stored. */
  tokenHash: string;
  user: string;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revoked: boolean;
}

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

  // Users and API tokens ---------------------------------------------------------------------
  createUser(ctx: Context, user: Omit<User, 'createdAt' | 'disabled'>): Promise<User>;
  getUser(ctx: Context, name: string): Promise<User | null>;
  listUsers(ctx: Context): Promise<User[]>;
  createToken(ctx: Context, token: Omit<ApiToken, 'createdAt' | 'revoked'>): Promise<ApiToken>;
  /** Looks up an unrevoked, unexpired token by its hash (used by authentication, before a Context exists). */
  findToken(tokenHash: string): Promise<ApiToken | null>;
  revokeToken(ctx: Context, tokenHash: string): Promise<void>;
}
