/**
 * The entity part of a mapping (`entities: {ref: {schema, keys, properties, …}}`), checked against the
 * model as FtM's EntityMapping / PropertyMapping check it, plus Corvid's handling fields.
 */
import { CorvidError, isCorvidError } from '../../errors.ts';
import { parseCompartment, parseGrading, parseHandlingCode, parseTlp } from '../../model/handling.ts';
import type { Model } from '../../model/schema.ts';
import { compileDateFormat } from './date-format.ts';
import type { RecordMeta } from '../reader.ts';
import type { EntityMapping, MetaField, PropertyMapping, ValueSpec } from './mapping.ts';

export interface CompileContext {
  source: string;
  where: string;
  keyPrefix: string;
  warnings: string[];
}

const ENTITY_KEYS = [
  'schema',
  'key',
  'keys',
  'key_literal',
  'id_column',
  'properties',
  'ordered_keys',
  'grading',
  'handling',
  'tlp',
  'compartment',
  'handling_note',
];
/** `fuzzy` is a keyword FtM passes to date cleaning; accepted and ignored. */
const PROPERTY_KEYS = ['column', 'columns', 'literal', 'literals', 'join', 'split', 'entity', 'template', 'format', 'required', 'fuzzy'];
// FtM's template pattern: {{ anything but braces and parentheses }}.
const TEMPLATE_RE = /\{\{([^(})]*)\}\}/g;

/** The YAML keys of the Corvid handling fields. */
const META_KEYS: [yamlKey: string, field: MetaField][] = [
  ['grading', 'grading'],
  ['handling', 'handling'],
  ['tlp', 'tlp'],
  ['compartment', 'compartment'],
  ['handling_note', 'handlingNote'],
];

/**
 * Checks one handling value and sets it on `meta`; throws the model's ValidationError
 * (CORVID_ERR_MODEL_INVALID_GRADING / _HANDLING) when it is not valid.
 */
export function setMeta(meta: RecordMeta, field: MetaField, value: string): void {
  switch (field) {
    case 'grading':
      meta.grading = parseGrading(value);
      break;
    case 'handling':
      meta.handling = parseHandlingCode(value);
      break;
    case 'tlp':
      meta.tlp = parseTlp(value);
      break;
    case 'compartment':
      meta.compartment = parseCompartment(value);
      break;
    case 'handlingNote':
      meta.handlingNote = value;
      break;
  }
}

export function mappingError(source: string, where: string, msg: string): CorvidError {
  return new CorvidError('CORVID_ERR_INGEST_MAPPING', `${source}: ${where}: ${msg}`, { source, where });
}

export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** FtM's ensure_list: nothing → [], a list as it is, anything else → [it]. */
export function listOf(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** A YAML scalar as text (FtM's stringify): numbers and booleans written out, blank → undefined. */
export function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function warnUnknown(obj: Record<string, unknown>, known: string[], where: string, warnings: string[]): void {
  for (const k of Object.keys(obj)) if (!known.includes(k)) warnings.push(`${where}: unknown key ${JSON.stringify(k)} ignored`);
}

/** Compiles a query's entities and orders them so that each comes after the entities it references. */
export function compileEntities(model: Model, ctx: CompileContext, raw: unknown): EntityMapping[] {
  if (!isMap(raw) || Object.keys(raw).length === 0) throw mappingError(ctx.source, ctx.where, 'no `entities:` defined');
  const entities = Object.entries(raw).map(([name, data]) => compileEntity(model, ctx, name, data));
  for (const e of entities) bindReferences(model, ctx, e, entities);
  // FtM's dependency resolution: repeatedly take the first entity whose references are all placed.
  const ordered: EntityMapping[] = [];
  const placed = new Set<string>();
  const rest = [...entities];
  while (rest.length) {
    const i = rest.findIndex((e) => e.dependencies.every((d) => placed.has(d)));
    if (i === -1) throw mappingError(ctx.source, ctx.where, `circular entity references among ${rest.map((e) => e.name).join(', ')}`);
    const [e] = rest.splice(i, 1);
    ordered.push(e!);
    placed.add(e!.name);
  }
  return ordered;
}

function compileEntity(model: Model, ctx: CompileContext, name: string, data: unknown): EntityMapping {
  const where = `${ctx.where}, entity ${name}`;
  const err = (msg: string): CorvidError => mappingError(ctx.source, where, msg);
  if (!isMap(data)) throw err('expected a mapping with `schema:` and `keys:`');
  warnUnknown(data, ENTITY_KEYS, `${ctx.source}: ${where}`, ctx.warnings);
  const schemaName = textOf(data.schema);
  if (!schemaName) throw err('no `schema:`');
  if (!model.has(schemaName)) throw err(`unknown schema ${JSON.stringify(schemaName)}`);
  const schema = model.get(schemaName);
  if (schema.abstract) throw err(`schema ${schemaName} is abstract; use one of its concrete descendants`);
  const keys = [...listOf(data.key), ...listOf(data.keys)].map((k) => textOf(k));
  if (keys.some((k) => k === undefined)) throw err('`keys:` must be column names');
  const idColumn = textOf(data.id_column);
  if (keys.length === 0 && idColumn === undefined) throw err('needs `keys:` (columns whose values make the id) or `id_column:`');
  if (keys.length > 0 && idColumn !== undefined) throw err('use either `keys:` or `id_column:`, not both');
  const properties: PropertyMapping[] = [];
  const props = data.properties ?? {};
  if (!isMap(props)) throw err('`properties:` must map property names to how to fill them');
  for (const [prop, spec] of Object.entries(props)) properties.push(compileProperty(model, ctx, `${where}, property ${prop}`, schemaName, prop, spec));
  return {
    name,
    schema: schemaName,
    keys: keys as string[],
    keyLiteral: textOf(data.key_literal) ?? '',
    keyPrefix: ctx.keyPrefix,
    orderedKeys: data.ordered_keys === true,
    ...(idColumn !== undefined ? { idColumn } : {}),
    properties,
    meta: compileMeta(ctx, where, data),
    dependencies: [...new Set(properties.flatMap((p) => (p.entity ? [p.entity] : [])))],
  };
}

function compileProperty(model: Model, ctx: CompileContext, where: string, schema: string, prop: string, spec: unknown): PropertyMapping {
  const err = (msg: string): CorvidError => mappingError(ctx.source, where, msg);
  const p = model.get(schema).properties.get(prop);
  if (!p) throw err(`schema ${schema} has no property ${JSON.stringify(prop)}`);
  if (p.stub) throw err(`${p.qname} is the reverse side of a reference and cannot be mapped; map the entity that holds the reference`);
  if (!isMap(spec)) throw err('expected a mapping such as `{column: name}`');
  warnUnknown(spec, PROPERTY_KEYS, `${ctx.source}: ${where}`, ctx.warnings);
  const strings = (v: unknown, what: string): string[] =>
    listOf(v).map((x) => {
      const t = textOf(x);
      if (t === undefined) throw err(`${what} must be text`);
      return t;
    });
  const out: PropertyMapping = {
    prop,
    type: p.type,
    columns: [...strings(spec.column, '`column`'), ...strings(spec.columns, '`columns`')],
    literals: [...strings(spec.literal, '`literal`'), ...strings(spec.literals, '`literals`')],
    required: spec.required === true,
  };
  const template = textOf(spec.template);
  if (template !== undefined) {
    const refs = [...template.matchAll(TEMPLATE_RE)].map((m) => ({ placeholder: m[0], column: m[1]!.trim() }));
    out.template = { text: template, refs };
  }
  for (const key of ['join', 'split'] as const) {
    if (spec[key] === undefined || spec[key] === null) continue;
    if (typeof spec[key] !== 'string') throw err(`\`${key}\` must be text`);
    out[key] = spec[key];
  }
  const entity = textOf(spec.entity);
  if (entity !== undefined) {
    if (p.type !== 'entity') throw err(`\`entity:\` needs a property that references entities; ${p.qname} is of type ${p.type}`);
    out.entity = entity;
  }
  const format = textOf(spec.format);
  if (format !== undefined) {
    if (p.type !== 'date') ctx.warnings.push(`${ctx.source}: ${where}: \`format\` only applies to dates; ignored`);
    else {
      try {
        out.format = compileDateFormat(format);
      } catch (e) {
        throw err((e as Error).message);
      }
    }
  }
  if (!out.entity && !out.template && out.columns.length === 0 && out.literals.length === 0) {
    throw err('nothing to map: give `column`, `columns`, `literal`, `literals`, `template` or `entity`');
  }
  return out;
}

/** FtM's bind(): a referenced entity must exist in the query and fit the property's range. */
function bindReferences(model: Model, ctx: CompileContext, e: EntityMapping, all: EntityMapping[]): void {
  for (const p of e.properties) {
    if (!p.entity) continue;
    const where = `${ctx.where}, entity ${e.name}, property ${p.prop}`;
    const target = all.find((x) => x.name === p.entity);
    if (!target) throw mappingError(ctx.source, where, `no entity ${JSON.stringify(p.entity)} in this query (entities: ${all.map((x) => x.name).join(', ')})`);
    const range = model.property(e.schema, p.prop).range;
    if (range && !model.isA(target.schema, range))
      throw mappingError(ctx.source, where, `entity ${p.entity} is a ${target.schema}, but ${p.prop} takes entities of schema ${range} (or a descendant)`);
  }
}

/** Corvid's handling fields: `{column: x}`, `{literal: v}` or a bare value; literals are checked now. */
function compileMeta(ctx: CompileContext, where: string, data: Record<string, unknown>): Partial<Record<MetaField, ValueSpec>> {
  const meta: Partial<Record<MetaField, ValueSpec>> = {};
  for (const [key, field] of META_KEYS) {
    const raw = data[key];
    if (raw === undefined || raw === null) continue;
    const at = `${where}, ${key}`;
    const column = isMap(raw) ? textOf(raw.column) : undefined;
    const literal = isMap(raw) ? textOf(raw.literal) : textOf(raw);
    if ((column === undefined) === (literal === undefined)) throw mappingError(ctx.source, at, 'expected `{column: name}` or `{literal: value}`');
    if (column !== undefined) {
      meta[field] = { column };
      continue;
    }
    try {
      const checked: RecordMeta = {};
      setMeta(checked, field, literal!);
      meta[field] = { literal: String(checked[field]) };
    } catch (e) {
      throw mappingError(ctx.source, at, isCorvidError(e) ? e.message : String(e));
    }
  }
  return meta;
}
