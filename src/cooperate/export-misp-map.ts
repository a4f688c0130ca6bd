/**
 * One exported entity as MISP elements: people, companies, organisations, bank accounts and wallets as
 * objects (their selectors as the object's attributes), everything else as standalone attributes of its
 * typed selectors (phones, e-mails, IBANs, IPs, domains, URLs). The inverse of the tables in
 * src/ingest/readers/misp-types.ts, so an export re-imports as the same selectors; see docs/stix-misp-mapping.md.
 */
import { tlpLevel, type Grading, type Tlp } from '../model/handling.ts';
import type { Model } from '../model/schema.ts';
import type { Entity, Statement } from '../model/statement.ts';
import { uuid5 } from './export-stix.ts';

export interface MispTag {
  name: string;
}

export interface MispAttribute {
  uuid: string;
  type: string;
  category: string;
  value: string;
  object_relation?: string;
  to_ids: false;
  distribution: '5';
  comment: string;
  timestamp: string;
  Tag: MispTag[];
}

export interface MispObjectReference {
  uuid: string;
  referenced_uuid: string;
  relationship_type: string;
  comment: string;
}

export interface MispObject {
  uuid: string;
  name: string;
  'meta-category': string;
  description: string;
  distribution: '5';
  comment: string;
  timestamp: string;
  Attribute: MispAttribute[];
  ObjectReference: MispObjectReference[];
}

/** What one entity becomes: at most one object, any number of standalone attributes. */
export interface MispElements {
  object: MispObject | null;
  attributes: MispAttribute[];
}

/** A property → (relation, MISP type) row of an object template. */
type Relations = Readonly<Record<string, readonly [relation: string, type: string]>>;

const PARTY: Relations = { phone: ['phone-number', 'phone-number'], email: ['e-mail', 'email'], description: ['text', 'text'] };
const PERSON: Relations = {
  name: ['full-name', 'full-name'], firstName: ['first-name', 'first-name'], middleName: ['middle-name', 'middle-name'], lastName: ['last-name', 'last-name'],
  alias: ['alias', 'text'], birthDate: ['date-of-birth', 'date-of-birth'], birthPlace: ['place-of-birth', 'place-of-birth'], nationality: ['nationality', 'nationality'],
  gender: ['gender', 'gender'], passportNumber: ['passport-number', 'passport-number'], idNumber: ['identity-card-number', 'identity-card-number'],
  socialSecurityNumber: ['social-security-number', 'text'], title: ['title', 'text'], ...PARTY,
};
const COMPANY: Relations = {
  name: ['name', 'text'], alias: ['commercial-name', 'text'], registrationNumber: ['registration-number', 'text'], legalForm: ['legal-form', 'text'],
  sector: ['business', 'text'], website: ['website', 'link'], taxNumber: ['tax-reference', 'text'], ...PARTY,
};
const ORGANIZATION: Relations = { name: ['name', 'text'], alias: ['alias', 'text'], ...PARTY, description: ['description', 'text'] };
const BANK_ACCOUNT: Relations = {
  iban: ['iban', 'iban'], bic: ['swift', 'bic'], accountNumber: ['account-nr', 'bank-account-nr'], name: ['account-name', 'text'],
  bankName: ['institution-name', 'text'], currency: ['currency', 'text'], description: ['text', 'text'],
};

interface Template {
  name: string;
  metaCategory: string;
  relations: Relations;
}

/** The template an entity's schema exports as (most specific first), or null for standalone attributes. */
function templateOf(model: Model, schema: string): Template | null {
  if (model.isA(schema, 'Person')) return { name: 'person', metaCategory: 'misc', relations: PERSON };
  if (model.isA(schema, 'Company')) return { name: 'legal-entity', metaCategory: 'misc', relations: COMPANY };
  if (model.isA(schema, 'LegalEntity')) return { name: 'organization', metaCategory: 'misc', relations: ORGANIZATION };
  if (model.isA(schema, 'BankAccount')) return { name: 'bank-account', metaCategory: 'financial', relations: BANK_ACCOUNT };
  return null;
}

/** Wallet currencies MISP has an attribute type for; other chains go in a coin-address object. */
const WALLET_TYPES: Readonly<Record<string, string>> = { BTC: 'btc', XMR: 'xmr', DASH: 'dash' };

/** MISP's default category of each attribute type used here (describeTypes.json). */
const CATEGORY: Readonly<Record<string, string>> = {
  'phone-number': 'Person', email: 'Social network', 'email-src': 'Payload delivery', 'email-dst': 'Network activity', iban: 'Financial fraud',
  'bank-account-nr': 'Financial fraud', bic: 'Financial fraud', btc: 'Financial fraud', xmr: 'Financial fraud', dash: 'Financial fraud',
  'ip-dst': 'Network activity', 'ip-src': 'Network activity', domain: 'Network activity', hostname: 'Network activity', url: 'Network activity', link: 'External analysis',
};

/** The values of one property with their statements: the strictest TLP and every source of each value. */
export interface Valued {
  value: string;
  tlp: Tlp;
  grading: Grading;
  sources: string[];
  lastSeen: string;
}

export function valuesOf(statements: readonly Statement[], prop: string): Valued[] {
  const out = new Map<string, Valued>();
  for (const s of statements) {
    if (s.prop !== prop) continue;
    const v = out.get(s.value);
    if (!v) out.set(s.value, { value: s.value, tlp: s.tlp, grading: s.grading, sources: [`${s.source} (${s.dataset})`], lastSeen: s.lastSeen });
    else {
      if (tlpLevel(s.tlp) > tlpLevel(v.tlp)) v.tlp = s.tlp;
      if (!v.sources.includes(`${s.source} (${s.dataset})`)) v.sources.push(`${s.source} (${s.dataset})`);
      if (s.lastSeen > v.lastSeen) v.lastSeen = s.lastSeen;
    }
  }
  return [...out.values()];
}

/** MISP's Admiralty tags for a Europol grading (X → F "cannot be judged"; 4 is "doubtful" in both). */
function gradingTags(g: Grading): MispTag[] {
  const src = g[0] === 'X' ? 'f' : g[0]!.toLowerCase();
  return [{ name: `admiralty-scale:source-reliability="${src}"` }, { name: `admiralty-scale:information-credibility="${g[1]}"` }];
}

export const tlpTag = (tlp: Tlp): MispTag => ({ name: `tlp:${tlp.toLowerCase()}` });

export const epoch = (iso: string): string => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '0' : String(Math.floor(t / 1000));
};

function attribute(entity: Entity, type: string, v: Valued, relation?: string): MispAttribute {
  return {
    uuid: uuid5(`misp-attribute:${entity.id}:${relation ?? ''}:${type}:${v.value}`),
    type,
    category: CATEGORY[type] ?? 'Other',
    value: v.value,
    ...(relation ? { object_relation: relation } : {}),
    to_ids: false,
    distribution: '5',
    comment: `corvid ${entity.id}; source: ${v.sources.join(', ')}`,
    timestamp: epoch(v.lastSeen),
    Tag: [tlpTag(v.tlp), ...gradingTags(v.grading)],
  };
}

function object(entity: Entity, t: Template, attributes: MispAttribute[]): MispObject {
  return {
    uuid: uuid5(`misp-object:${entity.id}`),
    name: t.name,
    'meta-category': t.metaCategory,
    description: `${entity.schema} ${entity.caption}`,
    distribution: '5',
    comment: `corvid ${entity.id}`,
    timestamp: epoch(entity.lastSeen),
    Attribute: attributes,
    ObjectReference: [],
  };
}

/** A wallet: a btc/xmr/dash attribute, or a coin-address object (address, symbol) for other chains. */
function walletElements(entity: Entity, statements: readonly Statement[]): MispElements {
  const currency = (entity.properties.currency?.[0] ?? '').toUpperCase();
  const keys = valuesOf(statements, 'publicKey');
  const type = WALLET_TYPES[currency];
  if (type) return { object: null, attributes: keys.map((v) => attribute(entity, type, v)) };
  const attrs = keys.map((v) => attribute(entity, 'text', v, 'address'));
  if (attrs.length === 0) return { object: null, attributes: [] };
  attrs.push(...valuesOf(statements, 'currency').map((v) => attribute(entity, 'text', v, 'symbol')));
  return { object: object(entity, { name: 'coin-address', metaCategory: 'financial', relations: {} }, attrs), attributes: [] };
}

/** The standalone attribute type of a property's values on a non-object entity, or null. */
function standaloneType(model: Model, entity: Entity, prop: string): string | null {
  const p = model.get(entity.schema).properties.get(prop);
  if (!p) return null;
  const keywords = entity.properties.keywords ?? [];
  if (p.type === 'phone') return 'phone-number';
  if (p.type === 'email') return keywords.find((k) => /^misp-type:email(-src|-dst)?$/.test(k))?.slice('misp-type:'.length) ?? 'email';
  if (p.type === 'iban') return 'iban';
  if (p.type === 'ip') return keywords.includes('misp-type:ip-src') ? 'ip-src' : 'ip-dst';
  if (prop === 'name' && model.isA(entity.schema, 'Note')) {
    if (keywords.includes('domain-name') || keywords.includes('misp-type:domain')) return 'domain';
    if (keywords.includes('misp-type:hostname')) return 'hostname';
    if (keywords.includes('url') || keywords.includes('misp-type:url')) return 'url';
  }
  return null;
}

/**
 * The MISP elements of one entity (interstitial entities become references, elsewhere). Values keep
 * the TLP of their own statements, as `tlp:` tags; nothing but the given statements is read.
 * @example entityElements(model, person, statements).object?.name // 'person'
 */
export function entityElements(model: Model, entity: Entity, statements: readonly Statement[]): MispElements {
  if (model.isA(entity.schema, 'CryptoWallet')) return walletElements(entity, statements);
  const t = templateOf(model, entity.schema);
  if (t) {
    const attrs = Object.entries(t.relations).flatMap(([prop, [relation, type]]) => valuesOf(statements, prop).map((v) => attribute(entity, type, v, relation)));
    return { object: attrs.length > 0 ? object(entity, t, attrs) : null, attributes: [] };
  }
  const seen = new Set<string>();
  const attributes: MispAttribute[] = [];
  for (const prop of Object.keys(entity.properties)) {
    const type = standaloneType(model, entity, prop);
    if (!type) continue;
    for (const v of valuesOf(statements, prop)) {
      const key = `${type === 'ip-src' ? 'ip-dst' : type}\u001f${v.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      attributes.push(attribute(entity, type, v));
    }
  }
  return { object: null, attributes };
}
