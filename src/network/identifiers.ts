/**
 * Shared identifiers as links: which properties hold a phone, e-mail, IBAN, wallet, document number or address,
 * and the one normalised key per value (the resolution normalisers), so two sources' spellings meet.
 */
import type { Model, Property } from '../model/schema.ts';
import type { Entity } from '../model/statement.ts';
import { normalizeCryptoAddress, normalizeEmail, normalizeIban, normalizeIdentifier, normalizePhone } from '../resolve/normalize/index.ts';

export type IdentifierKind = 'phone' | 'email' | 'iban' | 'wallet' | 'id-number' | 'address';

/** One identifier an entity holds: its kind, normalised value, and the property it came from. */
export interface HeldIdentifier {
  kind: IdentifierKind;
  value: string;
  prop: string;
  /** The value as stored, for look-ups in the store's search index. */
  raw: string;
}

type Normalizer = (raw: string, entity: Entity) => string | null;

/** Properties declared for text mining (`phoneMentioned`, a Mention's context) say "appears in", not "holds": no link. */
const MENTIONS: ReadonlySet<string> = new Set(['Analyzable', 'Mention']);

/** Document numbers: passports and national identity numbers (FtM's `identifier` type is far wider: tickers, ISINs, …). */
const ID_NUMBERS: ReadonlySet<string> = new Set(['passportNumber', 'idNumber', 'personalNumber', 'socialSecurityNumber', 'Identification:number']);

/** National phone numbers are read in the holder's country, when it has one. */
function phone(raw: string, entity: Entity): string | null {
  const p = entity.properties;
  return normalizePhone(raw) ?? normalizePhone(raw, p.country?.[0] ?? p.nationality?.[0] ?? p.jurisdiction?.[0]);
}

/** Addresses as written, folded: case, punctuation and spacing do not make two addresses different. Short strings (a town) are no link. */
function address(raw: string): string | null {
  const s = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return s.length >= 8 ? s : null;
}

function idNumber(raw: string): string | null {
  const s = normalizeIdentifier(raw);
  // One- to three-character "numbers" are placeholders (`0`, `n/a`), not documents.
  return s.length >= 4 ? s : null;
}

/** Which kind (and normaliser) a property's values are, or null. Types first, then the few named properties. */
function ruleFor(p: Property): [IdentifierKind, Normalizer] | null {
  if (MENTIONS.has(p.schema)) return null;
  if (p.type === 'phone') return ['phone', phone];
  if (p.type === 'email') return ['email', (raw) => normalizeEmail(raw)];
  if (p.type === 'iban' || p.qname === 'BankAccount:accountNumber') return ['iban', (raw) => normalizeIban(raw)];
  if (p.qname === 'CryptoWallet:publicKey') return ['wallet', (raw) => normalizeCryptoAddress(raw)?.key ?? null];
  if (p.type === 'identifier' && (ID_NUMBERS.has(p.name) || ID_NUMBERS.has(p.qname))) return ['id-number', idNumber];
  if (p.type === 'address') return ['address', address];
  return null;
}

const rules = new WeakMap<Model, Map<string, [IdentifierKind, Normalizer] | null>>();

function cachedRule(model: Model, schema: string, prop: string): [IdentifierKind, Normalizer] | null {
  let bySchema = rules.get(model);
  if (!bySchema) rules.set(model, (bySchema = new Map()));
  const key = `${schema}:${prop}`;
  let r = bySchema.get(key);
  if (r === undefined) {
    const p = model.schemata.get(schema)?.properties.get(prop);
    r = p ? ruleFor(p) : null;
    bySchema.set(key, r);
  }
  return r;
}

/**
 * The identifiers an entity holds, normalised, each (kind, value) once. Values the normaliser refuses (an invalid
 * IBAN, a number libphonenumber does not know) are no identifiers.
 * @example identifiersOf(model, person) // [{ kind: 'phone', value: '+31612345678', prop: 'phone', raw: '06 12345678' }]
 */
export function identifiersOf(model: Model, entity: Entity): HeldIdentifier[] {
  const out: HeldIdentifier[] = [];
  const seen = new Set<string>();
  for (const [prop, values] of Object.entries(entity.properties)) {
    const rule = cachedRule(model, entity.schema, prop);
    if (!rule) continue;
    const [kind, normalize] = rule;
    for (const raw of values) {
      const value = normalize(raw, entity);
      if (value === null || value === '') continue;
      const key = `${kind}:${value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind, value, prop, raw });
    }
  }
  return out;
}
