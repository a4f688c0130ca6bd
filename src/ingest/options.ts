/** What an import is asked to do, and what it reports back. */
import type { Grading, HandlingCode, Tlp } from '../model/handling.ts';

export type ImportFormat = 'ftm' | 'csv' | 'stix' | 'misp' | 'camt053' | 'bitcoin' | 'ethereum' | 'amlsim' | 'tagpack';

export interface ImportOptions {
  /** Path of the file to import. */
  file: string;
  /** Detected from the name and the first bytes when not given. */
  format?: ImportFormat;
  /** Path of a FollowTheMoney mapping YAML (required for CSV). */
  mapping?: string;
  dataset: string;
  /** Dataset title when the import creates the dataset. */
  title?: string;
  /** The provenance label of the statements; default: the file's base name. */
  source?: string;
  /** Overrides of the dataset's defaults for this import (records may override again). */
  grading?: Grading;
  compartment?: string;
  tlp?: Tlp;
  handling?: HandlingCode;
  handlingNote?: string;
  /** Country for phone numbers written without a country code. */
  defaultCountry?: string;
  /** Input encoding when the file is not UTF-8 (e.g. latin1). */
  encoding?: BufferEncoding;
  /** Where reject files go (one `<job id>.rejects.jsonl` per import). */
  rejectsDir: string;
  /** Statements per transaction (default 20,000). */
  batchSize?: number;
  /** Import again even when this exact file was fully imported into this dataset before. */
  force?: boolean;
  /** Called with progress after every batch. */
  onProgress?: (p: ImportProgress) => void;
  /** Called once the import's job exists (servers answer with the job id right away). */
  onJob?: (jobId: string) => void;
}

export interface ImportProgress {
  jobId: string;
  bytesRead: number;
  bytesTotal: number;
  records: number;
  statements: number;
}

export interface ImportSummary {
  jobId: string;
  dataset: string;
  file: string;
  format: ImportFormat;
  sha256: string;
  /** Source records read (lines, rows, objects). */
  read: number;
  /** Records that produced entities. */
  imported: number;
  /** Records set aside with a reason (in the reject file). */
  rejected: number;
  /** Records deliberately passed over (blank lines, filtered rows, unsupported object types). */
  skipped: number;
  /** Single values dropped from otherwise good records (invalid date, IBAN, …), also in the reject file. */
  rejectedValues: number;
  entities: number;
  statements: { written: number; inserted: number; unchanged: number };
  rejectsFile: string | null;
  /** True when this run continued an interrupted import from its checkpoint. */
  resumed: boolean;
  /** True when the same file had already been imported completely and nothing was done. */
  alreadyImported: boolean;
  seconds: number;
}
