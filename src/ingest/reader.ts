/**
 * The contract between readers (one per format, pure transforms over a byte stream) and the import
 * pipeline. A reader yields, in source order, one item per source record: the entities it makes, a
 * rejection with the reason, or a skip. It never writes and never throws for a bad record.
 */
import type { ErrorCode } from '../errors.ts';
import type { Grading, HandlingCode, Tlp } from '../model/handling.ts';

/** Per-record or per-entity overrides of the import's grading and handling. */
export interface RecordMeta {
  grading?: Grading;
  compartment?: string;
  tlp?: Tlp;
  handling?: HandlingCode;
  handlingNote?: string;
  /** ISO timestamps the source gives for when the information was seen. */
  firstSeen?: string;
  lastSeen?: string;
}

/**
 * An entity as the source states it. `id` is the source's own id (or a key hash for mapped CSV);
 * the pipeline puts it, and every entity-typed value, into the dataset's namespace.
 */
export interface RawEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  meta?: RecordMeta;
}

export type ReadItem =
  | { kind: 'entities'; line: number; entities: RawEntity[]; meta?: RecordMeta }
  | { kind: 'reject'; line: number; code: ErrorCode; reason: string; raw?: string }
  | { kind: 'skip'; line: number; reason: string };

export interface ReaderOptions {
  /** The file's name, for messages. */
  fileName: string;
  /** Records larger than this are rejected without being buffered whole (default 16 MiB). */
  maxRecordBytes?: number;
  /** Input encoding when not UTF-8 (e.g. `latin1`). */
  encoding?: BufferEncoding;
}

/** A reader: bytes in, items out. Items must come in the same order on every run (resume depends on it). */
export type Reader = (input: AsyncIterable<Buffer>, options: ReaderOptions) => AsyncIterable<ReadItem>;

/** Keeps a rejected record's text short enough for the reject file. */
export function excerpt(raw: string, max = 2000): string {
  return raw.length > max ? `${raw.slice(0, max)}… (${raw.length} characters)` : raw;
}
