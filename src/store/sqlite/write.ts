/**
 * The SQLite bulk write path: a batch is checked, prepared (provenance runs and the model's answers
 * taken out, so it can also cross to the writer thread, writer.ts), and written in one IMMEDIATE
 * transaction with provenance and entity ids normalised into small tables, so each statement row is
 * short and its one index mostly appends. Measured with bench/store-write.ts; migrations.ts has the
 * layout and why.
 */
import { canSee, type Context } from '../../model/context.ts';
import type { TlpLevel } from '../../model/handling.ts';
import { checkDataset } from '../../model/ids.ts';
import type { Model } from '../../model/schema.ts';
import type { Statement } from '../../model/statement.ts';
import { AuthError, ValidationError } from '../../errors.ts';
import type { Checkpoint, WriteBatch } from '../port.ts';
import { isSearchable, normalizeText, storedTlp } from '../visibility.ts';
import { writeCheckpoint } from './jobs.ts';
import { prep, type Db } from './sql.ts';

/**
 * Checks the whole batch before anything is written: every statement in the batch's dataset and its
 * namespace (no forged references into another dataset), a valid TLP, and visible to the writer
 * (nobody writes into a compartment or above a TLP they could not read back). Statements of one batch
 * mostly share their handling, so the visibility check runs only when it changes.
 */
export function validateBatch(ctx: Context, batch: WriteBatch): void {
  const dataset = checkDataset(batch.dataset);
  const prefix = `${dataset}.`;
  let comp: string | undefined;
  let tlp: string | undefined;
  for (const s of batch.statements) {
    if (s.dataset !== dataset || s.entityId.length <= prefix.length || !s.entityId.startsWith(prefix)) {
      throw new ValidationError('CORVID_ERR_STORE_FORGED_REFERENCE', `statement ${s.id} of ${s.entityId} is outside dataset ${dataset}`, { id: s.id, entityId: s.entityId, dataset });
    }
    if (s.compartment === comp && s.tlp === tlp) continue;
    const level = storedTlp(s.tlp);
    if (level < 0) throw new ValidationError('CORVID_ERR_MODEL_INVALID_HANDLING', `invalid TLP ${String(s.tlp)} on statement ${s.id}`, { id: s.id });
    if (!canSee(ctx, s.compartment, level as TlpLevel)) {
      throw new AuthError('CORVID_ERR_AUTH_FORBIDDEN', `${ctx.actor} may not write into compartment '${s.compartment}' at TLP ${s.tlp}`);
    }
    comp = s.compartment;
    tlp = s.tlp;
  }
}

/** A `provenance` row's fields: dataset, source, grading, compartment, TLP level, handling, handling note, importer. */
export type ProvenanceKey = [string, string, string, string, number, string, string, string];

/** `PreparedBatch.flags` bits. */
const IS_REF = 1;
const SEARCHABLE = 2;

/** What a statement row takes from a Statement (provenance and flags come apart, see PreparedBatch). */
export type Row = Pick<Statement, 'id' | 'entityId' | 'schema' | 'prop' | 'value' | 'original' | 'record' | 'firstSeen' | 'lastSeen'>;

/**
 * A checked batch ready to write: its rows (the statements themselves on the caller's thread), each
 * row's provenance as an index into a list of the batch's few provenance runs, and the model's answers
 * (reference, searchable) as flags, so that whoever writes it needs no model (writer.ts).
 */
export interface PreparedBatch {
  rows: readonly Row[];
  /** For each row, its index in `provenance`. */
  prov: Uint32Array;
  /** One entry a run of rows with the same provenance. */
  provenance: ProvenanceKey[];
  /** IS_REF and SEARCHABLE bits for each row. */
  flags: Uint8Array;
  checkpoint?: Checkpoint;
}

/** True when two statements share every provenance field (the fields of a `provenance` row). */
function sameProvenance(a: Statement, b: Statement): boolean {
  return a.source === b.source && a.grading === b.grading && a.compartment === b.compartment && a.tlp === b.tlp &&
    a.handling === b.handling && a.handlingNote === b.handlingNote && a.importer === b.importer && a.dataset === b.dataset;
}

/** The batch ready to write (see PreparedBatch); call validateBatch first. */
export function prepareBatch(model: Model, batch: WriteBatch): PreparedBatch {
  const rows = batch.statements;
  const n = rows.length;
  const p: PreparedBatch = { rows, prov: new Uint32Array(n), provenance: [], flags: new Uint8Array(n), ...(batch.checkpoint ? { checkpoint: batch.checkpoint } : {}) };
  let prev: Statement | undefined;
  for (let i = 0; i < n; i++) {
    const s = rows[i] as Statement;
    if (prev === undefined || !sameProvenance(prev, s)) {
      p.provenance.push([s.dataset, s.source, s.grading, s.compartment, storedTlp(s.tlp), s.handling, s.handlingNote, s.importer]);
      prev = s;
    }
    p.prov[i] = p.provenance.length - 1;
    p.flags[i] = (s.isRef ? IS_REF : 0) | (isSearchable(model, s.schema, s.prop) ? SEARCHABLE : 0);
  }
  return p;
}

const PROV_FIND = `SELECT id FROM provenance WHERE dataset = ? AND source = ? AND grading = ? AND compartment = ? AND tlp = ?
  AND handling = ? AND handling_note = ? AND importer = ?`;
const PROV_ADD = 'INSERT INTO provenance (dataset, source, grading, compartment, tlp, handling, handling_note, importer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
const ENTITY_ADD = 'INSERT INTO entity (id) VALUES (?) ON CONFLICT (id) DO NOTHING';
const ENTITY_FIND = 'SELECT no FROM entity WHERE id = ?';
const INSERT = `INSERT INTO statement (id, entity_no, schema, prop, value, original, record, first_seen, last_seen, prov_id, is_ref)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity_no, id) DO NOTHING`;
const WIDEN = `UPDATE statement SET first_seen = min(first_seen, @fs), last_seen = max(last_seen, @ls)
  WHERE entity_no = @no AND id = @id AND (first_seen > @fs OR last_seen < @ls)`;
const FTS_ADD = 'INSERT INTO search_fts (rowid, norm) VALUES (?, ?)';

/** The id of a provenance row, created when new. */
function provenanceId(db: Db, key: ProvenanceKey): number {
  const id = prep(db, PROV_FIND).pluck().get(key) as number | undefined;
  return id ?? Number(prep(db, PROV_ADD).run(key).lastInsertRowid);
}

/** The number of the entity, created when new (tried first: an import mostly brings new entities). */
function entityNo(db: Db, id: string): number {
  const r = prep(db, ENTITY_ADD).run(id);
  return r.changes === 1 ? Number(r.lastInsertRowid) : (prep(db, ENTITY_FIND).pluck().get(id) as number);
}

/**
 * Writes a prepared batch in one IMMEDIATE transaction and returns how many statements were new: each
 * row inserted unless its id exists for its entity (then first/last seen are widened), the new ones'
 * searchable values into the FTS index, and the job checkpoint last, so a crash leaves either the batch
 * and its checkpoint or neither. Entity numbers are looked up once a run of one entity's rows, so the
 * work per statement is one INSERT.
 */
export function writePrepared(db: Db, b: PreparedBatch): number {
  const insert = prep(db, INSERT);
  const widen = prep(db, WIDEN);
  const fts = prep(db, FTS_ADD);
  const { rows, prov, flags } = b;
  return db.transaction((): number => {
    const provIds = b.provenance.map((key) => provenanceId(db, key));
    let n = 0;
    let entity = '';
    let no = 0;
    for (let i = 0; i < rows.length; i++) {
      const s = rows[i] as Row;
      if (s.entityId !== entity) {
        entity = s.entityId;
        no = entityNo(db, entity);
      }
      const f = flags[i];
      const r = insert.run(s.id, no, s.schema, s.prop, s.value, s.original, s.record, s.firstSeen, s.lastSeen, provIds[prov[i]], f & IS_REF);
      if (r.changes === 1) {
        n++;
        if (f & SEARCHABLE) {
          const norm = normalizeText(s.value);
          if (norm !== '') fts.run(r.lastInsertRowid, norm);
        }
      } else {
        widen.run({ fs: s.firstSeen, ls: s.lastSeen, no, id: s.id });
      }
    }
    if (b.checkpoint) writeCheckpoint(db, b.checkpoint);
    return n;
  }).immediate();
}
