// Selectors for private matching: their types, one normalised form per value (the resolution normalisers), and extraction from statements.
import type { Model, Property } from '../model/schema.ts';
import { loadModel } from '../model/schema.ts';
import { nameKey, normalizeCryptoAddress, normalizeEmail, normalizeIban, normalizeIdentifier, normalizePhone } from '../resolve/normalize/index.ts';

/** What two nodes can match on. */
export type SelectorType = 'phone' | 'iban' | 'wallet' | 'email' | 'id' | 'name';

export const SELECTOR_TYPES: readonly SelectorType[] = ['phone', 'iban', 'wallet', 'email', 'id', 'name'];

/** Document numbers: passports and national identity numbers (FtM's `identifier` type is far wider: tickers, ISINs, …). */
const ID_PROPS: ReadonlySet<string> = new Set(['passportNumber', 'idNumber', 'personalNumber', 'socialSecurityNumber', 'Identification:number']);

/** Properties declared for text mining say "appears in", not "holds": they give no selectors. */
const MENTIONS: ReadonlySet<string> = new Set(['Analyzable', 'Mention']);

/** Options of {@link normalizeSelector}. */
export interface NormalizeOptions {
  /** ISO 3166-1 alpha-2 country for national phone numbers written without a prefix. */
  country?: string;
}

/**
 * One comparable form of a raw value of a selector type, or null when it is not one: phones in E.164 (only valid
 * numbers), IBANs electronic and checksum-valid, wallets `chain:address` with their checksum verified, e-mails in the
 * mailbox form (provider aliases folded), ID numbers compact upper case (≥ 4 characters), names as an order-free
 * transliterated key. Both nodes must use this one function, or equal selectors would not meet.
 * @example normalizeSelector('phone', '06 12345678', { country: 'NL' }) // '+31612345678'
 * @example normalizeSelector('iban', 'nl91 abna 0417 1643 00') // 'NL91ABNA0417164300'
 * @example normalizeSelector('name', 'SHEVCHENKO, Oleksandr') // 'oleksandr shevchenko'
 */
export function normalizeSelector(type: SelectorType, raw: string, opts: NormalizeOptions = {}): string | null {
  if (typeof raw !== 'string') return null;
  switch (type) {
    case 'phone':
      return normalizePhone(raw) ?? (opts.country ? normalizePhone(raw, opts.country) : null);
    case 'iban':
      return normalizeIban(raw);
    case 'wallet':
      return normalizeCryptoAddress(raw)?.key ?? null;
    case 'email':
      return normalizeEmail(raw);
    case 'id': {
      const s = normalizeIdentifier(raw);
      // One- to three-character "numbers" are placeholders (`0`, `n/a`), not documents.
      return s.length >= 4 ? s : null;
    }
    case 'name': {
      const k = nameKey(raw);
      return k === '' ? null : k;
    }
  }
}

/** Which selector type a property's values are, or null; the same reading of the model as the network's shared identifiers. */
export function selectorTypeOf(p: Property): SelectorType | null {
  if (MENTIONS.has(p.schema)) return null;
  if (p.type === 'phone') return 'phone';
  if (p.type === 'email') return 'email';
  if (p.type === 'iban' || p.qname === 'BankAccount:accountNumber') return 'iban';
  if (p.qname === 'CryptoWallet:publicKey') return 'wallet';
  if (p.type === 'identifier' && (ID_PROPS.has(p.name) || ID_PROPS.has(p.qname))) return 'id';
  if (p.type === 'name') return 'name';
  return null;
}

/** The part of a statement that extraction reads (see src/model/statement.ts). */
export interface SelectorSource {
  schema: string;
  prop: string;
  value: string;
  entityId?: string;
}

/** Options of {@link extractSelectors}. */
export interface ExtractOptions {
  model?: Model;
  /** Country for national phone numbers; per entity, a `country`, `nationality` or `jurisdiction` statement wins. */
  country?: string;
}

const COUNTRY_PROPS = ['country', 'nationality', 'jurisdiction'];

/**
 * A node's selectors of one type from its statements: normalised value → the entity ids holding it (in first-seen
 * order, empty when the records carry no entity id). Values that do not normalise are skipped. Phones that need a
 * country are read in their entity's country when a statement names one.
 * @example extractSelectors('phone', [{ schema: 'Person', prop: 'phone', value: '+31 6 12345678', entityId: 'ds.a' }])
 *   // Map { '+31612345678' => ['ds.a'] }
 */
export function extractSelectors(type: SelectorType, records: Iterable<SelectorSource>, opts: ExtractOptions = {}): Map<string, string[]> {
  const model = opts.model ?? loadModel();
  const out = new Map<string, string[]>();
  const rules = new Map<string, boolean>();
  const countries = new Map<string, string>();
  const unplaced: SelectorSource[] = [];
  const add = (value: string | null, entityId: string | undefined): void => {
    if (value === null) return;
    let holders = out.get(value);
    if (!holders) out.set(value, (holders = []));
    if (entityId !== undefined && !holders.includes(entityId)) holders.push(entityId);
  };
  for (const r of records) {
    if (r.entityId !== undefined && COUNTRY_PROPS.includes(r.prop) && !countries.has(r.entityId)) countries.set(r.entityId, r.value);
    const key = `${r.schema}:${r.prop}`;
    let wanted = rules.get(key);
    if (wanted === undefined) {
      const p = model.schemata.get(r.schema)?.properties.get(r.prop);
      rules.set(key, (wanted = p !== undefined && selectorTypeOf(p) === type));
    }
    if (!wanted) continue;
    const value = normalizeSelector(type, r.value, { country: opts.country });
    if (value === null && type === 'phone' && r.entityId !== undefined) unplaced.push(r);
    else add(value, r.entityId);
  }
  // National numbers wait until every statement was seen: the entity's country may come after its phone.
  for (const r of unplaced) {
    const country = countries.get(r.entityId as string);
    if (country) add(normalizePhone(r.value, country), r.entityId);
  }
  return out;
}
