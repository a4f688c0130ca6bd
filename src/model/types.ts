/**
 * Property-type validation and cleaning: every value that enters a statement passes `cleanValue`,
 * which returns the normalised form or a reason why the value is not one of its type.
 */
import { isIP } from 'node:net';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { Property, PropertyTypeName } from './schema.ts';

export type Cleaned = { ok: true; value: string } | { ok: false; reason: string };

export interface CleanOptions {
  /** ISO 3166-1 alpha-2 country for phone numbers written without a country code. */
  defaultCountry?: string;
}

const ok = (value: string): Cleaned => ({ ok: true, value });
const bad = (reason: string): Cleaned => ({ ok: false, reason });

// Control characters other than tab and newline have no business in a value.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2}))?)?)?)?)?/;

/** FtM dates: ISO 8601 prefixes with implied precision (`2021`, `2021-02`, … `2021-02-16T21:48:52`), UTC. */
export function cleanDate(raw: string): Cleaned {
  const s = raw.trim();
  const m = DATE_RE.exec(s);
  if (!m) return bad(`not a date (expected ISO 8601 like 2021-02-16): ${truncate(s)}`);
  const rest = s.slice(m[0].length);
  // Allow fractional seconds and a UTC designator or offset; anything else is not a date.
  if (rest && !/^(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.test(rest)) return bad(`not a date: ${truncate(s)}`);
  const [, y, mo, d, h, mi, se] = m;
  const year = Number(y);
  if (year < 1000 || year > 2999) return bad(`year out of range: ${y}`);
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return bad(`month out of range: ${s}`);
  if (d !== undefined) {
    const days = new Date(Date.UTC(year, Number(mo), 0)).getUTCDate();
    if (Number(d) < 1 || Number(d) > days) return bad(`day out of range: ${s}`);
  }
  if (h !== undefined && Number(h) > 23) return bad(`hour out of range: ${s}`);
  if (mi !== undefined && Number(mi) > 59) return bad(`minute out of range: ${s}`);
  if (se !== undefined && Number(se) > 59) return bad(`second out of range: ${s}`);
  let out = y!;
  if (mo !== undefined) out += `-${mo}`;
  if (d !== undefined) out += `-${d}`;
  if (h !== undefined) out += `T${h}`;
  if (mi !== undefined) out += `:${mi}`;
  if (se !== undefined) out += `:${se}`;
  return ok(out);
}

let countryNames: Map<string, string> | undefined;
/** ISO codes plus FtM's extra territories/pseudo-codes. */
const EXTRA_COUNTRIES = new Set(['eu', 'xk', 'zz', 'suhh', 'csxx', 'ddde', 'yucs', 'ge-ab', 'x-so', 'iq-kr', 'so-som', 'cy-trnc', 'md-pmr', 'ua-cri', 'ua-dpr', 'ua-lpr', 'gb-eng', 'gb-nir', 'gb-sct', 'gb-wls', 'az-nk', 'ge-sa']);

function countryIndex(): Map<string, string> {
  if (countryNames) return countryNames;
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const map = new Map<string, string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && !/^(Unknown Region|Pseudo)/.test(name)) {
        map.set(code.toLowerCase(), code.toLowerCase());
        map.set(name.toLowerCase(), code.toLowerCase());
      }
    }
  }
  for (const [alias, code] of Object.entries({ uk: 'gb', 'great britain': 'gb', 'united states of america': 'us', usa: 'us', russia: 'ru', 'south korea': 'kr', 'north korea': 'kp' })) {
    map.set(alias, code);
  }
  countryNames = map;
  return map;
}

/** Countries as lower-case ISO 3166-1 alpha-2 codes; English names and common aliases are converted. */
export function cleanCountry(raw: string): Cleaned {
  const s = raw.trim().toLowerCase();
  if (EXTRA_COUNTRIES.has(s)) return ok(s);
  const code = countryIndex().get(s);
  return code ? ok(code) : bad(`not a country code or name: ${truncate(raw)}`);
}

const EMAIL_RE = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;

/** E-mail addresses: trimmed, domain lower-cased (the local part is the provider's to interpret). */
export function cleanEmail(raw: string): Cleaned {
  const s = raw.trim().replace(/^mailto:/i, '');
  if (!EMAIL_RE.test(s)) return bad(`not an e-mail address: ${truncate(s)}`);
  const at = s.lastIndexOf('@');
  return ok(`${s.slice(0, at)}@${s.slice(at + 1).toLowerCase()}`);
}

/**
 * Phone numbers to E.164 when libphonenumber can place them (with the dataset's default country for
 * national numbers); otherwise the digits as written, so short codes and foreign formats are not lost.
 */
export function cleanPhone(raw: string, opts: CleanOptions = {}): Cleaned {
  const key = `${opts.defaultCountry ?? ''}|${raw}`;
  const hit = phoneCache.get(key);
  if (hit) return hit;
  const r = parsePhone(raw, opts);
  // Call records repeat the same numbers endlessly, and parsing one costs microseconds: remember the last few.
  if (phoneCache.size >= 65536) phoneCache.clear();
  phoneCache.set(key, r);
  return r;
}

const phoneCache = new Map<string, Cleaned>();

function parsePhone(raw: string, opts: CleanOptions): Cleaned {
  const s = raw.trim();
  if (/[a-z]/i.test(s.replace(/^tel:/i, '').replace(/\s*(ext\.?|x)\s*\d+$/i, ''))) return bad(`not a phone number: ${truncate(s)}`);
  const digits = s.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 17) return bad(`not a phone number (${digits.length} digits): ${truncate(s)}`);
  const international = s.replace(/^tel:/i, '').trim().replace(/^00/, '+');
  const country = opts.defaultCountry?.toUpperCase() as CountryCode | undefined;
  const parsed = parsePhoneNumberFromString(international, country ? { defaultCountry: country } : undefined);
  if (parsed?.isValid()) return ok(parsed.number);
  return ok(international.startsWith('+') ? `+${digits}` : digits);
}

/** IBANs in electronic format, with a valid checksum and country length. */
export function cleanIban(raw: string): Cleaned {
  const e = electronicFormatIBAN(raw.trim());
  if (!e || !isValidIBAN(e)) return bad(`not a valid IBAN (country, length or checksum): ${truncate(raw)}`);
  return ok(e);
}

/**
 * Numbers and amounts as exact decimal strings (never through binary floating point): thousands
 * separators (`,`, space, `_`, `'`) removed; a single comma as decimal separator accepted.
 */
export function cleanNumber(raw: string): Cleaned {
  let s = raw.trim().replace(/[\s_'\u00A0\u202F]/g, '');
  if (/^[-+]?\d{1,3}(\.\d{3})+,\d+$/.test(s)) s = s.replace(/\./g, '').replace(',', '.'); // 1.234,56
  else if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, ''); // 1,234.56
  else if (/^[-+]?\d+,\d+$/.test(s)) s = s.replace(',', '.'); // 12,5
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return bad(`not a number: ${truncate(raw)}`);
  return ok(s.replace(/^\+/, ''));
}

export function cleanUrl(raw: string): Cleaned {
  const s = raw.trim();
  try {
    const u = new URL(s);
    if (!['http:', 'https:', 'ftp:', 'onion:'].includes(u.protocol)) return bad(`unsupported URL scheme ${u.protocol}`);
    return ok(u.toString());
  } catch {
    return bad(`not a URL: ${truncate(s)}`);
  }
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** Entity references: syntactically valid ids. Namespacing into the dataset is the importer's job. */
export function cleanEntityRef(raw: string): Cleaned {
  const s = raw.trim();
  return ID_RE.test(s) ? ok(s) : bad(`not an entity id: ${truncate(s)}`);
}

function cleanText(raw: string, multiline: boolean): Cleaned {
  let s = raw.replace(CONTROL, '');
  s = multiline ? s.trim() : s.replace(/\s+/g, ' ').trim();
  return s === '' ? bad('empty value') : ok(s.normalize('NFC'));
}

/**
 * Cleans one value for a property: type validation and normalisation plus the property's length limit.
 * @example cleanValue(model.property('Person', 'birthDate'), '1971-06-31') // { ok: false, reason: 'day out of range…' }
 */
export function cleanValue(prop: Property, raw: string, opts: CleanOptions = {}): Cleaned {
  if (typeof raw !== 'string') return bad('value is not a string');
  const r = cleanByType(prop.type, raw, opts);
  if (r.ok && r.value.length > prop.maxLength) {
    return bad(`value of ${r.value.length} characters is longer than ${prop.qname} allows (${prop.maxLength})`);
  }
  return r;
}

export function cleanByType(type: PropertyTypeName, raw: string, opts: CleanOptions = {}): Cleaned {
  if (raw.trim() === '') return bad('empty value');
  switch (type) {
    case 'date':
      return cleanDate(raw);
    case 'country':
      return cleanCountry(raw);
    case 'email':
      return cleanEmail(raw);
    case 'phone':
      return cleanPhone(raw, opts);
    case 'iban':
      return cleanIban(raw);
    case 'number':
      return cleanNumber(raw);
    case 'url':
      return cleanUrl(raw);
    case 'entity':
      return cleanEntityRef(raw);
    case 'ip':
      return isIP(raw.trim()) ? ok(raw.trim().toLowerCase()) : bad(`not an IP address: ${truncate(raw)}`);
    case 'gender': {
      const g = raw.trim().toLowerCase();
      const map: Record<string, string> = { m: 'male', male: 'male', f: 'female', female: 'female', other: 'other' };
      return map[g] ? ok(map[g]) : bad(`not a gender (male, female, other): ${truncate(raw)}`);
    }
    case 'text':
    case 'html':
    case 'json':
      return cleanText(raw, true);
    default:
      return cleanText(raw, false);
  }
}

function truncate(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
