/**
 * Turns what a reader saw (raw entities with source ids) into statements: ids and references put into
 * the dataset's namespace, every value cleaned by its property type, provenance and handling attached.
 * Pure: no I/O.
 */
import type { ErrorCode } from '../errors.ts';
import { isCorvidError } from '../errors.ts';
import { parseCompartment, parseGrading, parseHandlingCode, parseTlp, type Grading, type HandlingCode, type Tlp } from '../model/handling.ts';
import { namespaceId } from '../model/ids.ts';
import type { Model } from '../model/schema.ts';
import { ID_PROP, statementId, type Statement } from '../model/statement.ts';
import { cleanValue } from '../model/types.ts';
import type { RawEntity, RecordMeta } from './reader.ts';

export interface BuildBase {
  dataset: string;
  source: string;
  importer: string;
  grading: Grading;
  compartment: string;
  tlp: Tlp;
  handling: HandlingCode;
  handlingNote: string;
  defaultCountry?: string;
  /** ISO timestamp used as first/last seen when the record gives none. */
  seen: string;
}

export interface ValueReject {
  entityId: string;
  prop: string;
  value: string;
  reason: string;
}

export type BuildResult =
  | { ok: true; statements: Statement[]; entities: number; valueRejects: ValueReject[] }
  | { ok: false; code: ErrorCode; reason: string };

interface Resolved {
  grading: Grading;
  compartment: string;
  tlp: Tlp;
  handling: HandlingCode;
  handlingNote: string;
  firstSeen: string;
  lastSeen: string;
}

/** Applies a record's overrides on top of the import's base, validating each. Throws ValidationError. */
function resolveMeta(base: Resolved, meta: RecordMeta | undefined): Resolved {
  if (!meta) return base;
  return {
    grading: meta.grading !== undefined ? parseGrading(meta.grading) : base.grading,
    compartment: meta.compartment !== undefined ? parseCompartment(meta.compartment) : base.compartment,
    tlp: meta.tlp !== undefined ? parseTlp(meta.tlp) : base.tlp,
    handling: meta.handling !== undefined ? parseHandlingCode(meta.handling) : base.handling,
    handlingNote: meta.handlingNote ?? base.handlingNote,
    firstSeen: meta.firstSeen ?? meta.lastSeen ?? base.firstSeen,
    lastSeen: meta.lastSeen ?? meta.firstSeen ?? base.lastSeen,
  };
}

/**
 * Builds the statements of one record. A record whose entities do not fit the model (unknown schema or
 * property, bad handling code) is refused whole; a single bad value is dropped and reported.
 * @example
 * const r = buildStatements(model, base, line, [{ id: 'p1', schema: 'Person', properties: { name: ['Ana'] } }]);
 */
export function buildStatements(model: Model, base: BuildBase, record: string, entities: readonly RawEntity[], meta?: RecordMeta): BuildResult {
  let recordMeta: Resolved;
  try {
    recordMeta = resolveMeta(
      { grading: base.grading, compartment: base.compartment, tlp: base.tlp, handling: base.handling, handlingNote: base.handlingNote, firstSeen: base.seen, lastSeen: base.seen },
      meta,
    );
  } catch (err) {
    return refuse(err);
  }
  const statements: Statement[] = [];
  const valueRejects: ValueReject[] = [];
  const cleanOpts = base.defaultCountry ? { defaultCountry: base.defaultCountry } : {};
  for (const raw of entities) {
    if (!model.has(raw.schema)) return { ok: false, code: 'CORVID_ERR_MODEL_UNKNOWN_SCHEMA', reason: `unknown schema: ${raw.schema}` };
    const schema = model.get(raw.schema);
    if (typeof raw.id !== 'string' || raw.id.trim() === '') return { ok: false, code: 'CORVID_ERR_MODEL_INVALID_ID', reason: 'entity without an id' };
    let m: Resolved;
    try {
      m = resolveMeta(recordMeta, raw.meta);
    } catch (err) {
      return refuse(err);
    }
    const entityId = namespaceId(base.dataset, raw.id.trim());
    const make = (prop: string, value: string, original: string, isRef: boolean): Statement => {
      const s = {
        entityId,
        schema: raw.schema,
        prop,
        value,
        original: original === value ? '' : original,
        dataset: base.dataset,
        source: base.source,
        record,
        firstSeen: m.firstSeen,
        lastSeen: m.lastSeen,
        grading: m.grading,
        compartment: m.compartment,
        tlp: m.tlp,
        handling: m.handling,
        handlingNote: m.handlingNote,
        importer: base.importer,
        isRef,
      };
      return { id: statementId(s), ...s };
    };
    statements.push(make(ID_PROP, entityId, raw.id, false));
    for (const [propName, values] of Object.entries(raw.properties)) {
      const prop = schema.properties.get(propName);
      if (!prop) return { ok: false, code: 'CORVID_ERR_MODEL_UNKNOWN_PROPERTY', reason: `schema ${raw.schema} has no property ${propName}` };
      for (const value of values) {
        const cleaned = cleanValue(prop, value, cleanOpts);
        if (!cleaned.ok) {
          valueRejects.push({ entityId, prop: propName, value: value.length > 200 ? `${value.slice(0, 200)}…` : value, reason: cleaned.reason });
          continue;
        }
        const isRef = prop.type === 'entity';
        const v = isRef ? namespaceId(base.dataset, cleaned.value) : cleaned.value;
        statements.push(make(propName, v, value, isRef));
      }
    }
  }
  return { ok: true, statements, entities: entities.length, valueRejects };
}

function refuse(err: unknown): BuildResult {
  if (isCorvidError(err)) return { ok: false, code: err.code, reason: err.message };
  throw err;
}
