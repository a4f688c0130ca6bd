/**
 * The records the Store port speaks in: datasets, batches, filters, search hits, links, audit records, jobs, users and
 * tokens, judgements and review candidates, charts. Plain data, no behaviour; `port.ts` re-exports them.
 */
import type { Grading, HandlingCode, Tlp } from '../model/handling.ts';
import type { Entity, Statement } from '../model/statement.ts';

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

export type Verdict = 'positive' | 'negative' | 'unsure';

/**
 * A decision that two entities are (not) the same, by a rule or a user. Never deleted; undone by retraction.
 * Canonical entities are derived from the active positive judgements; statements are never rewritten.
 */
export interface Judgement {
  /** Assigned by the store, increasing. */
  id: number;
  /** Entity id; the store keeps the pair ordered so that left < right (byte order of the UTF-8 ids). */
  left: string;
  right: string;
  verdict: Verdict;
  by: 'rule' | 'user';
  /** The user who decided, or who ran the rule: always the writer's `ctx.actor`. */
  actor: string;
  /** e.g. `identifier:iban`, `fellegi-sunter`; '' for user decisions. */
  rule: string;
  /** Match probability 0..1, if any. */
  score: number | null;
  /** One plain-language sentence. */
  reason: string;
  /** Per-comparison breakdown; opaque to the store, returned as written. */
  explanation: JsonValue | null;
  /** The resolve run that made it. */
  run: string | null;
  createdAt: string;
  retractedAt: string | null;
  retractedBy: string | null;
  retractReason: string | null;
}

/** What a caller gives for a new judgement; id, time and actor come from the store and the Context. */
export type JudgementInit = Omit<Judgement, 'id' | 'createdAt' | 'retractedAt' | 'retractedBy' | 'retractReason' | 'actor'>;

export interface JudgementFilter {
  /** Judgements where left or right is one of these. */
  entityIds?: readonly string[];
  run?: string;
  verdict?: Verdict;
  by?: 'rule' | 'user';
  /** true: not retracted; false: retracted only; undefined: both. */
  active?: boolean;
  /** Keyset paging: id > afterId, ordered by id. */
  afterId?: number;
  /** Default 1000. */
  limit?: number;
}

/** An uncertain pair waiting for an analyst, ranked by the expected value of deciding it. */
export interface ReviewCandidate {
  id: number;
  /** Ordered as in Judgement: left < right. */
  left: string;
  right: string;
  probability: number;
  /** Higher = review first. */
  priority: number;
  explanation: JsonValue;
  /** The run that last proposed it. */
  run: string;
  status: 'open' | 'decided' | 'stale';
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The judgement that decided it. */
  judgement: number | null;
}

export type ReviewCandidateInit = Pick<ReviewCandidate, 'left' | 'right' | 'probability' | 'priority' | 'explanation'>;

export interface ReviewCandidateFilter {
  status?: ReviewCandidate['status'];
  /** Candidates where left or right is this entity. */
  entityId?: string;
  /** Default 1000, at most 10,000. */
  limit?: number;
  offset?: number;
}

/**
 * A saved link chart: the web UI's state (node ids, positions, groups, layout, …), opaque to the store, kept in a
 * case. The case is a compartment: members of it see the chart; '' makes it personal, seen by its owner only.
 * Only the owner (or an administrator) replaces or deletes it.
 */
export interface Chart {
  /** Chosen by the client (the web UI uses a random UUID); letters, digits, `_ . : -`, at most 128. */
  id: string;
  name: string;
  case: string;
  state: JsonValue;
  /** Who created it. */
  owner: string;
  createdAt: string;
  updatedAt: string;
  /** Who saved it last. */
  by: string;
}

export type ChartSummary = Omit<Chart, 'state'>;
export type ChartInit = Pick<Chart, 'id' | 'name' | 'case' | 'state'>;

export interface ChartFilter {
  case?: string;
  /** Default 100, at most 1000. */
  limit?: number;
  offset?: number;
}
