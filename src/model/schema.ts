/**
 * The schema model: FollowTheMoney's published schemata (from @alephdata/followthemoney's
 * defaultModel.json) plus Corvid's own, in the same form, with inheritance resolved once.
 */
import { createRequire } from 'node:module';
import { ValidationError } from '../errors.ts';
import { CORVID_EXTENSIONS, CORVID_SCHEMATA, type SchemaSpec } from './corvid-schemata.ts';

export type PropertyTypeName =
  | 'address' | 'checksum' | 'country' | 'date' | 'email' | 'entity' | 'gender' | 'html' | 'iban'
  | 'identifier' | 'ip' | 'json' | 'language' | 'mimetype' | 'name' | 'number' | 'phone' | 'string'
  | 'text' | 'topic' | 'url';

export interface PropertySpec {
  name: string;
  label?: string;
  type: PropertyTypeName;
  range?: string;
  reverse?: string;
  stub?: boolean;
  matchable?: boolean;
  maxLength?: number;
  description?: string;
}

export interface Property {
  readonly name: string;
  readonly qname: string;
  readonly label: string;
  readonly type: PropertyTypeName;
  /** For entity references: the schema the referenced entity must be (or extend). */
  readonly range: string | undefined;
  readonly stub: boolean;
  readonly matchable: boolean;
  readonly maxLength: number;
  /** The schema that declares the property. */
  readonly schema: string;
}

export interface Schema {
  readonly name: string;
  readonly label: string;
  readonly plural: string;
  readonly abstract: boolean;
  readonly matchable: boolean;
  /** Direct parents. */
  readonly extends: readonly string[];
  /** This schema and every ancestor. */
  readonly ancestors: ReadonlySet<string>;
  readonly properties: ReadonlyMap<string, Property>;
  readonly caption: readonly string[];
  readonly featured: readonly string[];
  /** For interstitial schemata (Payment, Call, Ownership, …): the properties that are the edge's ends. */
  readonly edge: { source: string; target: string; directed: boolean; label: string } | undefined;
  readonly description: string;
  /** True for schemata Corvid adds to FollowTheMoney. */
  readonly corvid: boolean;
}

interface FtmModelJson {
  schemata: Record<string, SchemaSpec>;
  types: Record<string, { maxLength?: number }>;
}

const DEFAULT_MAX_LENGTH = 8192;

/** The registry of schemata. Built once in `loadModel()`; everything else asks it. */
export class Model {
  readonly schemata: ReadonlyMap<string, Schema>;

  constructor(specs: Record<string, SchemaSpec>, typeMaxLength: Record<string, number>) {
    const out = new Map<string, Schema>();
    const build = (name: string, trail: string[] = []): Schema => {
      const done = out.get(name);
      if (done) return done;
      const spec = specs[name];
      if (!spec) throw new ValidationError('CORVID_ERR_MODEL_UNKNOWN_SCHEMA', `unknown schema: ${name} (extended by ${trail.join(' < ')})`);
      const parents = (spec.extends ?? []).map((p) => build(p, [...trail, name]));
      const ancestors = new Set<string>([name]);
      const properties = new Map<string, Property>();
      for (const parent of parents) {
        parent.ancestors.forEach((a) => ancestors.add(a));
        parent.properties.forEach((p, k) => properties.set(k, p));
      }
      for (const [pname, p] of Object.entries(spec.properties ?? {})) {
        properties.set(pname, {
          name: pname,
          qname: `${name}:${pname}`,
          label: p.label ?? pname,
          type: p.type,
          range: p.range,
          stub: p.stub ?? false,
          matchable: p.matchable ?? false,
          maxLength: p.maxLength ?? typeMaxLength[p.type] ?? DEFAULT_MAX_LENGTH,
          schema: name,
        });
      }
      const inheritedCaption = parents.flatMap((s) => s.caption);
      const edge = spec.edge
        ? { source: spec.edge.source, target: spec.edge.target, directed: spec.edge.directed ?? true, label: spec.edge.label ?? name }
        : parents.find((s) => s.edge)?.edge;
      const schema: Schema = {
        name,
        label: spec.label ?? name,
        plural: spec.plural ?? `${spec.label ?? name}s`,
        abstract: spec.abstract ?? false,
        matchable: spec.matchable ?? false,
        extends: spec.extends ?? [],
        ancestors,
        properties,
        caption: spec.caption ?? inheritedCaption,
        featured: spec.featured ?? [],
        edge,
        description: spec.description ?? '',
        corvid: spec.corvid ?? false,
      };
      out.set(name, schema);
      return schema;
    };
    for (const name of Object.keys(specs)) build(name);
    this.schemata = out;
  }

  /** The schema of that name, or a CORVID_ERR_MODEL_UNKNOWN_SCHEMA error. */
  get(name: string): Schema {
    const s = this.schemata.get(name);
    if (!s) throw new ValidationError('CORVID_ERR_MODEL_UNKNOWN_SCHEMA', `unknown schema: ${name}`, { schema: name });
    return s;
  }

  has(name: string): boolean {
    return this.schemata.has(name);
  }

  /** The property `prop` of `schema`, or a CORVID_ERR_MODEL_UNKNOWN_PROPERTY error. */
  property(schema: string, prop: string): Property {
    const p = this.get(schema).properties.get(prop);
    if (!p) throw new ValidationError('CORVID_ERR_MODEL_UNKNOWN_PROPERTY', `schema ${schema} has no property ${prop}`, { schema, prop });
    return p;
  }

  /** Is `schema` the same as or a descendant of `ancestor`? */
  isA(schema: string, ancestor: string): boolean {
    return this.get(schema).ancestors.has(ancestor);
  }

  /**
   * The more specific of two schemata when one extends the other (how an entity seen as LegalEntity in
   * one statement and Person in another is a Person); throws when they are unrelated.
   */
  common(a: string, b: string): string {
    if (a === b || this.isA(a, b)) return a;
    if (this.isA(b, a)) return b;
    throw new ValidationError('CORVID_ERR_MODEL_UNKNOWN_SCHEMA', `schemata ${a} and ${b} are unrelated`, { a, b });
  }

  /** Names of all schemata that are (or extend) `ancestor`. */
  descendants(ancestor: string): string[] {
    return [...this.schemata.values()].filter((s) => s.ancestors.has(ancestor)).map((s) => s.name);
  }
}

let cached: Model | undefined;

/** The one model of the process: FtM's published schemata plus Corvid's (see corvid-schemata.ts). */
export function loadModel(): Model {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const ftm = require('@alephdata/followthemoney/dist/defaultModel.json') as FtmModelJson;
  const typeMax: Record<string, number> = {};
  for (const [t, v] of Object.entries(ftm.types)) if (v.maxLength) typeMax[t] = v.maxLength;
  const specs: Record<string, SchemaSpec> = { ...ftm.schemata, ...CORVID_SCHEMATA };
  for (const [name, props] of Object.entries(CORVID_EXTENSIONS)) {
    const base = specs[name];
    if (base) specs[name] = { ...base, properties: { ...base.properties, ...props } };
  }
  cached = new Model(specs, typeMax);
  return cached;
}
