// The shapes of the API answers the web UI reads (see docs/api.md and src/server/schemas.ts).

export interface User {
  name: string;
  roles: string[];
  compartments: '*' | string[];
  tlpCeiling: string;
}

export interface Entity {
  id: string;
  schema: string;
  caption: string;
  properties: Record<string, string[]>;
  datasets: string[];
  firstSeen: string;
  lastSeen: string;
}

/** One value of one property with its provenance, grading and handling. */
export interface Statement {
  id: string;
  entityId: string;
  schema: string;
  prop: string;
  value: string;
  original?: string;
  dataset: string;
  source: string;
  /** The line of the source file the value came from. */
  record: string;
  firstSeen: string;
  lastSeen: string;
  grading: string;
  compartment: string;
  tlp: string;
  handling: string;
  handlingNote: string;
  importer: string;
  isRef?: boolean;
}

export interface Link {
  entity: Entity;
  prop: string;
}

export interface EntityDetail extends Entity {
  statements: Statement[];
  links: Link[];
}

export interface Dataset {
  name: string;
  title: string;
  defaultGrading?: string;
  defaultTlp?: string;
  defaultHandling?: string;
}

export interface SearchResult {
  entity: Entity;
  score: number;
  matched: string;
}

export interface Contribution {
  comparison: string;
  level: string;
  weight: number;
}

/** Why a pair is in the review queue, with the Fellegi–Sunter evidence in bits. */
export interface Explanation {
  why: string;
  probability: number;
  weight: number;
  prior: number;
  contributions: Contribution[];
}

export interface Candidate {
  id: number;
  left: string;
  right: string;
  probability: number;
  priority: number;
  explanation: Explanation | null;
  run: string;
  status: 'open' | 'decided' | 'stale';
}

export interface ReviewItem {
  candidate: Candidate;
  left: Entity;
  right: Entity;
}

export interface Judgement {
  id: number;
  left: string;
  right: string;
  verdict: 'positive' | 'negative' | 'unsure';
  by: 'rule' | 'user';
  actor: string;
  rule: string;
  score: number | null;
  reason: string;
  createdAt: string;
}

export interface GroupView {
  entity: string;
  canonical: string | null;
  members: Entity[];
  judgements: Judgement[];
}

export interface RunSummary {
  run: string;
  records: number;
  judgements: number;
  review: number;
  groups: number;
  grouped: number;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** An import's summary, the `result` of a finished import job. */
export interface ImportResult {
  read: number;
  imported: number;
  rejected: number;
  skipped?: number;
  rejectedValues: number;
  entities: number;
  statements: { written: number; inserted: number; unchanged: number };
  alreadyImported?: boolean;
}

export interface Job {
  id: string;
  kind: string;
  state: JobState;
  progress?: { done?: number; total?: number; message?: string };
  result?: ImportResult | null;
  error?: string | null;
  cancelRequested?: boolean;
}

export interface Reject {
  file?: string;
  line?: number;
  kind?: 'record' | 'value';
  code?: string;
  reason?: string;
  entityId?: string;
  prop?: string;
  raw?: string;
}
