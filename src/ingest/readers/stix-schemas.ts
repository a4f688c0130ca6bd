/**
 * The STIX 2.1 JSON schemas (OASIS, draft 2020-12) loaded into one Ajv instance, with a validator per
 * object type. The schema files live in the shared reference folder beside the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020Module, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { CorvidError } from '../../errors.ts';

// ajv and ajv-formats are CommonJS with `exports.default`; under NodeNext the default import is the module.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/**
 * The shared folder: `$CORVID_SHARED` when set, else `shared/` beside the repository (the repository
 * is cloned with `shared/` as a sibling folder).
 */
export function sharedDir(): string {
  const env = process.env.CORVID_SHARED;
  if (env && env.trim() !== '') return resolve(env);
  return fileURLToPath(new URL('../../../../shared/', import.meta.url));
}

/** Where the STIX 2.1 schema files are. */
export function stixSchemaDir(): string {
  return join(sharedDir(), 'reference', 'stix2-json-schemas');
}

/** Sub-folders whose files are object schemas: file name = STIX type. */
const OBJECT_FOLDERS = ['sdos', 'sros', 'observables'] as const;
/** Object types whose schema sits among the common definitions. */
const COMMON_OBJECT_TYPES = ['marking-definition', 'language-content', 'extension-definition'] as const;

/**
 * Two schema patterns nest quantifiers (`([a-z][a-z0-9]*)+`), which V8's backtracking engine runs in
 * exponential time on a 30-character hostile key. These are the same languages without the nesting.
 */
export const SAFE_REWRITES: Readonly<Record<string, string>> = {
  '^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\\-?$': '^[a-z][a-z0-9]*(-[a-z0-9]+)*-?$',
  '^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\\-ext$': '^[a-z][a-z0-9]*(-[a-z0-9]+)*-ext$',
};
/** Patterns that are linear in the input and may legitimately meet long values (binary and hex). */
const LINEAR_PATTERNS = new Set(['^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$', '^([a-fA-F0-9]{2})+$']);
/**
 * Other patterns (the IPv6 one is quadratic) only ever see short values when the data is sane: longer
 * values fail them rather than let one field cost seconds.
 */
export const MAX_PATTERN_INPUT = 4096;

/** A RegExp stand-in for Ajv that refuses over-long input to non-linear patterns. */
class GuardedPattern {
  private readonly re: RegExp;
  private readonly linear: boolean;
  constructor(private readonly source: string) {
    // No `u` flag: the schemas use escapes (`\-`) that unicode mode forbids.
    this.re = new RegExp(SAFE_REWRITES[source] ?? source);
    this.linear = LINEAR_PATTERNS.has(source);
  }
  test(s: string): boolean {
    if (!this.linear && s.length > MAX_PATTERN_INPUT) return false;
    return this.re.test(s);
  }
  /** Ajv caches compiled patterns by this string, so it must be unique per pattern. */
  toString(): string {
    return `/${this.source}/`;
  }
}

/** Ajv's regExp engine option; `code` only matters to standalone code generation, which is not used. */
const guardedRegExp = Object.assign((pattern: string): GuardedPattern => new GuardedPattern(pattern), { code: 'guardedRegExp' });

/** A validation outcome: nothing, or the first few errors as readable text. */
export type StixValidation = { ok: true } | { ok: false; errors: string[] };

/** Validators for every STIX 2.1 object type the schemas define. */
export interface StixValidator {
  /** The types with a schema (SDOs, SROs, SCOs, marking-definition, language-content, extension-definition). */
  readonly types: ReadonlySet<string>;
  /** Validates an object whose `type` is in `types`. */
  validate(type: string, object: unknown): StixValidation;
}

type SchemaFile = AnySchemaObject;

function readSchema(path: string): SchemaFile {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CorvidError('CORVID_ERR_INTERNAL', `STIX schema ${path} is not a JSON object`);
  }
  return parsed as SchemaFile;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(object)' : e.instancePath;
  const extra = e.keyword === 'required' || e.keyword === 'additionalProperties' || e.keyword === 'enum' ? ` ${JSON.stringify(e.params)}` : '';
  return `${where} ${e.message ?? e.keyword}${extra}`;
}

/**
 * Loads every schema file under `dir` with its `$id`, so the relative `$ref`s (`../common/core.json`)
 * resolve against the ids, and compiles one validator per object type on first use.
 * @example
 * const v = loadStixValidator();
 * v.validate('indicator', obj) // { ok: false, errors: ['(object) must have required property …'] }
 */
export function loadStixValidator(dir: string = stixSchemaDir(), maxErrors = 3): StixValidator {
  if (!existsSync(join(dir, 'common', 'core.json'))) {
    throw new CorvidError('CORVID_ERR_INTERNAL', `the STIX 2.1 JSON schemas are not at ${dir} (set CORVID_SHARED to the shared folder)`);
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false, code: { regExp: guardedRegExp } });
  addFormats(ajv, ['email', 'uri']);
  // ajv-formats has no idn-hostname (used by domain-name's value); international names are valid there.
  ajv.addFormat('idn-hostname', (s: string) => s.length > 0 && s.length <= 253 && !/[\s/\\@]/.test(s));
  const idByType = new Map<string, string>();
  for (const folder of ['common', ...OBJECT_FOLDERS]) {
    for (const file of readdirSync(join(dir, folder)).filter((f) => f.endsWith('.json')).sort()) {
      const schema = readSchema(join(dir, folder, file));
      if (typeof schema.$id !== 'string') throw new CorvidError('CORVID_ERR_INTERNAL', `STIX schema ${folder}/${file} has no $id`);
      ajv.addSchema(schema);
      const type = file.slice(0, -'.json'.length);
      const isObject = folder !== 'common' || (COMMON_OBJECT_TYPES as readonly string[]).includes(type);
      if (isObject) idByType.set(type, schema.$id);
    }
  }
  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (type: string): ValidateFunction => {
    let v = compiled.get(type);
    if (!v) {
      const id = idByType.get(type);
      const got = id === undefined ? undefined : ajv.getSchema(id);
      if (!got) throw new CorvidError('CORVID_ERR_INTERNAL', `no STIX schema for type ${type}`);
      v = got;
      compiled.set(type, v);
    }
    return v;
  };
  return {
    types: new Set(idByType.keys()),
    validate(type, object) {
      const v = validatorFor(type);
      if (v(object)) return { ok: true };
      return { ok: false, errors: (v.errors ?? []).slice(0, maxErrors).map(describe) };
    },
  };
}

let shared: StixValidator | undefined;

/** The process's one validator (compiling the schemas takes a moment; do it once). */
export function stixValidator(): StixValidator {
  shared ??= loadStixValidator();
  return shared;
}
