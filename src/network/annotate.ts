/**
 * Saves analysis results on the entities as statements, so a score or a community travels with the entity and
 * answers "says who": the provenance is "computed by <algorithm> (<params>)", the importer the analyst who saved it.
 * Statements are never overwritten: a later run with other results adds values beside the earlier ones.
 */
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Context } from '../model/context.ts';
import { parseCompartment, parseHandlingCode, parseTlp, type HandlingCode, type Tlp } from '../model/handling.ts';
import { datasetOf } from '../model/ids.ts';
import { statementId, type Statement } from '../model/statement.ts';
import type { JsonObject, JsonValue, Store } from '../store/port.ts';
import { checkParams, getAnalysis } from './analyses.ts';

export const ANNOTATION_PROPERTIES = ['communityId', 'score'] as const;
export type AnnotationProperty = (typeof ANNOTATION_PROPERTIES)[number];

export interface AnnotationInput {
  algorithm: string;
  /** The parameters the analysis ran with (the envelope's `params`), written into the provenance. */
  params: JsonObject;
  /** Entity id → value. */
  result: Record<string, number>;
  /** Default 'score'. */
  property?: AnnotationProperty;
  /**
   * The compartment the values go into. A result may be derived from compartmented data, so it defaults to the
   * caller's only compartment ('' when the caller has none); a caller in several must choose.
   */
  compartment?: string;
  /** Default: the caller's TLP ceiling (the result may rest on data up to it). */
  tlp?: Tlp;
  handling?: HandlingCode;
}

export interface AnnotationOutcome {
  /** Statements that were new. */
  written: number;
  /** Values saved before with the same provenance. */
  unchanged: number;
  source: string;
}

const ALGORITHM_RE = /^[a-z][a-z0-9-]{0,63}$/;
const MAX_VALUES = 1_000_000;
const BATCH = 10_000;
/** A computed value has no source to grade: Europol "X4", cannot be assessed. */
const COMPUTED_GRADING = 'X4';

function bad(message: string, details?: Record<string, unknown>): ValidationError {
  return new ValidationError('CORVID_ERR_VALIDATION', message, details);
}

function paramText(v: JsonValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The provenance label of a computed value: the algorithm and its parameters, keys sorted, so the same run always
 * reads the same.
 * @example provenanceLabel('pagerank', { alpha: 0.85, weighted: false }) // 'computed by pagerank (alpha=0.85, weighted=false)'
 */
export function provenanceLabel(algorithm: string, params: JsonObject): string {
  const parts = Object.keys(params)
    .sort()
    .map((k) => `${k}=${paramText(params[k] as JsonValue)}`);
  return `computed by ${algorithm} (${parts.join(', ')})`;
}

/** Six significant digits: enough to rank by, and re-runs that differ in floating-point noise store the same value. */
function formatValue(property: AnnotationProperty, v: number): string {
  if (property === 'communityId') {
    if (!Number.isInteger(v)) throw bad('a community id must be an integer', { value: v });
    return String(v);
  }
  return String(Number(v.toPrecision(6)));
}

function defaultCompartment(ctx: Context): string {
  if (ctx.compartments !== '*' && ctx.compartments.length <= 1) return ctx.compartments[0] ?? '';
  throw bad('the caller is in several compartments: say which one the computed values go into (compartment)');
}

/**
 * Writes each value as a statement on its entity (in the entity's own dataset: the store keeps every dataset's
 * namespace closed) and records one audit event `network.annotate`. Every entity must be visible to the caller,
 * otherwise nothing is written (CORVID_ERR_NOT_FOUND).
 * @example await annotate(ctx, store, { algorithm: 'louvain', params: r.params, result: r.result.communities, property: 'communityId' });
 */
export async function annotate(ctx: Context, store: Store, input: AnnotationInput): Promise<AnnotationOutcome> {
  if (!ALGORITHM_RE.test(input.algorithm)) throw bad('invalid algorithm name', { algorithm: input.algorithm });
  // The parameters become the values' source: they must be the analysis's own (names, types, ranges), nothing else.
  const spec = getAnalysis(input.algorithm);
  if (!spec.annotate) throw bad(`${spec.name} has no per-entity result to save`, { algorithm: spec.name });
  checkParams(spec, input.params);
  const property = input.property ?? 'score';
  if (!ANNOTATION_PROPERTIES.includes(property)) throw bad(`property must be one of ${ANNOTATION_PROPERTIES.join(', ')}`, { property });
  const entries = Object.entries(input.result);
  if (entries.length > MAX_VALUES) throw bad(`at most ${MAX_VALUES} values at once`, { values: entries.length });
  for (const [id, v] of entries) if (typeof v !== 'number' || !Number.isFinite(v)) throw bad('every value must be a finite number', { id });
  const compartment = input.compartment !== undefined ? parseCompartment(input.compartment) : defaultCompartment(ctx);
  const tlp = input.tlp !== undefined ? parseTlp(input.tlp) : ctx.tlpCeiling;
  const handling = input.handling !== undefined ? parseHandlingCode(input.handling) : 'H0';
  const source = provenanceLabel(input.algorithm, input.params);

  const schemaOf = new Map<string, string>();
  for (let i = 0; i < entries.length; i += BATCH) {
    const ids = entries.slice(i, i + BATCH).map(([id]) => id);
    for (const e of await store.getEntities(ctx, ids)) schemaOf.set(e.id, e.schema);
  }
  const missing = entries.find(([id]) => !schemaOf.has(id));
  if (missing) throw new NotFoundError('entity', missing[0]);

  const at = new Date().toISOString();
  const byDataset = new Map<string, Statement[]>();
  for (const [entityId, v] of entries) {
    const dataset = datasetOf(entityId);
    const base: Omit<Statement, 'id'> = {
      entityId,
      schema: schemaOf.get(entityId) as string,
      prop: property,
      value: formatValue(property, v),
      original: '',
      dataset,
      source,
      record: at,
      firstSeen: at,
      lastSeen: at,
      grading: COMPUTED_GRADING,
      compartment,
      tlp,
      handling,
      handlingNote: '',
      importer: ctx.actor,
      isRef: false,
    };
    const list = byDataset.get(dataset) ?? [];
    list.push({ ...base, id: statementId(base) });
    byDataset.set(dataset, list);
  }
  let written = 0;
  let unchanged = 0;
  for (const [dataset, statements] of byDataset) {
    for (let i = 0; i < statements.length; i += BATCH) {
      const r = await store.writeBatch(ctx, { dataset, statements: statements.slice(i, i + BATCH) });
      written += r.inserted;
      unchanged += r.unchanged;
    }
  }
  await store.appendAudit(ctx, {
    action: 'network.annotate',
    target: input.algorithm,
    detail: { source, property, entities: entries.length, written, unchanged, compartment, tlp, handling, datasets: [...byDataset.keys()].sort() },
  });
  return { written, unchanged, source };
}
