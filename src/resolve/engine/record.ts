/** Resolution records: the normalised features of one entity that blocking and comparison read. */
import type { Model } from '../../model/schema.ts';
import {
  nameSkeleton, nameTokens, normalizeCountry, normalizeCryptoAddress, normalizeEmail, normalizeIban, normalizeIdentifier, normalizeName, normalizePhone,
  orderedName, parsePartialDate, phoneticKeys, stripLegalForm,
} from '../normalize/index.ts';

/** Which records may be compared with which: only within one family. */
export type Family = 'person' | 'organization' | 'address' | 'account' | 'wallet';

/** One way the record's name is written, split into given and family name (persons) or tokens. */
export interface NameForm {
  given: string;
  surname: string;
  /** Phonetic (double-metaphone primary) and romanisation-folded keys of given and surname. */
  givenPh: string;
  surnamePh: string;
  givenSk: string;
  surnameSk: string;
  /** All tokens, normalised (organisations: without the legal form). */
  tokens: string[];
  /** Sorted tokens joined: equal for any order of the same words. */
  key: string;
}

export interface ResolveRecord {
  /** Position in the record array (pairs refer to records by index). */
  idx: number;
  id: string;
  schema: string;
  family: Family;
  dataset: string;
  /** Primary names first, then aliases; at most MAX_NAMES. */
  names: NameForm[];
  legalForm: string;
  /** Birth or incorporation date, as far as known: year, month, day (0 = unknown). */
  dateY: number;
  dateM: number;
  dateD: number;
  /** `YYYYMMDD` with zeros for unknown parts, for edit distances; '' without a date. */
  dateStr: string;
  addressTokens: string[];
  /** Postal-code-like tokens (4–6 digits) from the addresses. */
  postcodes: string[];
  emails: string[];
  /** The mailbox names (before `@`) of `emails`, position for position. */
  emailUsers: string[];
  phones: string[];
  /** Strong identifiers: IBANs, wallet keys, passport/ID/registration/tax numbers, prefixed by kind. */
  identifiers: string[];
  countries: string[];
  gender: string;
}

/** The minimum an entity must provide: what `Entity` from the store and a CSV row both offer. */
export interface EntityLike {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets?: string[];
}

const MAX_NAMES = 4;
const ID_PROPS: Record<string, string> = {
  passportNumber: 'passport', idNumber: 'id', socialSecurityNumber: 'ssn', registrationNumber: 'reg', taxNumber: 'tax', vatCode: 'vat',
  leiCode: 'lei', innCode: 'inn', ogrnCode: 'ogrn', dunsCode: 'duns', licenseNumber: 'license', swiftBic: 'bic',
};

/** The family of a schema, or null for schemata resolution leaves alone (events, documents, links). */
export function familyOf(model: Model, schema: string): Family | null {
  if (!model.has(schema)) return null;
  if (model.isA(schema, 'Person')) return 'person';
  if (model.isA(schema, 'Organization') || schema === 'LegalEntity') return 'organization';
  if (model.isA(schema, 'Address')) return 'address';
  if (model.isA(schema, 'BankAccount')) return 'account';
  if (model.isA(schema, 'CryptoWallet')) return 'wallet';
  return null;
}

/**
 * Bounded memo of a string function: names, name parts and addresses repeat across millions of
 * records, and the forms are read-only, so records may share them (which also saves memory).
 */
function memo<T>(fn: (key: string) => T, max = 262_144): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let hit = cache.get(key);
    if (hit === undefined && !cache.has(key)) {
      hit = fn(key);
      if (cache.size >= max) cache.clear(); // evicting one by one from a Map degrades to O(n) per eviction
      cache.set(key, hit);
    }
    return hit as T;
  };
}

const tokensOf = memo((s: string) => nameTokens(s));
const skeletonOf = memo((s: string) => nameSkeleton(s));
const addressTokensOf = memo((s: string) => normalizeName(s).split(' '));
const SEP = '\u0000';
const personFormOf = memo((key: string) => {
  const [raw, first, last] = key.split(SEP);
  return first === '\u0001' ? personForm(raw) : personForm('', first || undefined, last || undefined);
});

function personForm(raw: string, first?: string, last?: string): NameForm | null {
  let given = '';
  let surname = '';
  let tokens: string[];
  if (first !== undefined || last !== undefined) {
    const g = first ? tokensOf(first) : [];
    const s = last ? tokensOf(last) : [];
    given = g[0] ?? '';
    surname = s.length ? s[s.length - 1] : '';
    tokens = [...g, ...s];
  } else {
    tokens = nameTokens(orderedName(raw));
    if (tokens.length === 1) surname = tokens[0];
    else if (tokens.length > 1) {
      given = tokens[0];
      surname = tokens[tokens.length - 1];
    }
  }
  if (!tokens.length) return null;
  return makeForm(given, surname, tokens);
}

function makeForm(given: string, surname: string, tokens: string[]): NameForm {
  return {
    given, surname, tokens,
    givenPh: given.length > 1 ? phoneticKeys(given)[0] : given,
    surnamePh: surname.length > 1 ? phoneticKeys(surname)[0] : surname,
    givenSk: given.length > 1 ? skeletonOf(given) : given,
    surnameSk: surname.length > 1 ? skeletonOf(surname) : surname,
    key: [...tokens].sort().join(' '),
  };
}

function orgForm(raw: string): { form: NameForm; legal: string } | null {
  const { name, form } = stripLegalForm(raw);
  const tokens = nameTokens(name);
  if (!tokens.length) return null;
  const f = makeForm('', tokens.join(''), tokens);
  return { form: f, legal: form ?? '' };
}

function uniq(xs: (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const x of xs) if (x && !out.includes(x)) out.push(x);
  return out;
}

const POSTCODE = /^\d{4,6}$/;

/**
 * Extracts and normalises what resolution compares. Phones are E.164 already in the store; the
 * default country lets raw national numbers (benchmark CSVs) through too.
 * @example toRecord(model, { id: 'a.1', schema: 'Person', properties: { name: ['SHEVCHENKO, Oleksandr'] } }, 0)
 */
export function toRecord(model: Model, e: EntityLike, idx: number, defaultCountry?: string): ResolveRecord | null {
  const family = familyOf(model, e.schema);
  if (!family) return null;
  const p = e.properties;
  const names: NameForm[] = [];
  let legalForm = '';
  const primary = p.name ?? [];
  if (family === 'person') {
    const firsts = p.firstName ?? [];
    const lasts = p.lastName ?? [];
    if (firsts.length || lasts.length) {
      const f = personFormOf(`${SEP}${firsts[0] ?? ''}${SEP}${lasts[0] ?? ''}`);
      if (f) names.push(f);
    }
    for (const raw of [...primary, ...(p.alias ?? [])]) {
      if (names.length >= MAX_NAMES) break;
      const f = personFormOf(`${raw}${SEP}\u0001${SEP}`);
      if (f && !names.some((n) => n.key === f.key)) names.push(f);
    }
  } else if (family === 'organization') {
    for (const raw of [...primary, ...(p.alias ?? []), ...(p.previousName ?? [])]) {
      if (names.length >= MAX_NAMES) break;
      const o = orgForm(raw);
      if (!o || names.some((n) => n.key === o.form.key)) continue;
      names.push(o.form);
      if (!legalForm && o.legal) legalForm = o.legal;
    }
  }
  const date = parsePartialDate((family === 'person' ? p.birthDate : p.incorporationDate)?.[0] ?? '');
  const addresses = family === 'address' ? [...(p.full ?? []), ...(p.street ?? []), ...(p.city ?? []), ...(p.postalCode ?? [])] : (p.address ?? []);
  const addressTokens = uniq(addresses.flatMap((a) => addressTokensOf(a)));
  const identifiers: string[] = [];
  for (const [prop, kind] of Object.entries(ID_PROPS)) {
    for (const v of p[prop] ?? []) {
      const n = normalizeIdentifier(v);
      if (n.length >= 4) identifiers.push(`${kind}:${n}`);
    }
  }
  for (const v of [...(p.iban ?? []), ...(p.accountNumber ?? [])]) {
    const iban = normalizeIban(v);
    if (iban) identifiers.push(`iban:${iban}`);
  }
  if (family === 'wallet') {
    for (const v of p.publicKey ?? []) {
      const w = normalizeCryptoAddress(v);
      if (w) identifiers.push(`wallet:${w.key}`);
    }
  }
  const emails = uniq((p.email ?? []).map((v) => normalizeEmail(v)));
  return {
    idx, id: e.id, schema: e.schema, family, dataset: e.datasets?.[0] ?? e.id.slice(0, Math.max(0, e.id.indexOf('.'))),
    names, legalForm,
    dateY: date?.year ?? 0, dateM: date?.month ?? 0, dateD: date?.day ?? 0,
    dateStr: date ? `${date.year}${String(date.month ?? 0).padStart(2, '0')}${String(date.day ?? 0).padStart(2, '0')}` : '',
    addressTokens,
    postcodes: addressTokens.filter((t) => POSTCODE.test(t)),
    emails,
    emailUsers: emails.map((e) => e.slice(0, e.indexOf('@'))),
    phones: uniq((p.phone ?? []).map((v) => normalizePhone(v, defaultCountry))),
    identifiers: uniq(identifiers),
    countries: uniq([...(p.country ?? []), ...(p.nationality ?? []), ...(p.jurisdiction ?? [])].map((v) => normalizeCountry(v))),
    gender: (p.gender?.[0] ?? '').toLowerCase(),
  };
}

/**
 * A fingerprint of everything resolution reads from a record, so an incremental run can tell new and
 * changed records from ones it has already compared.
 */
export function fingerprint(r: ResolveRecord): string {
  return JSON.stringify([r.schema, r.names.map((n) => n.key + '|' + n.given + '|' + n.surname), r.legalForm, r.dateStr, r.addressTokens, r.emails, r.phones, r.identifiers, r.countries, r.gender]);
}
