// Phone numbers to E.164 for matching: only numbers libphonenumber considers valid get a key, everything else is null.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

// Longer than any formatted number with an extension; parsing such input would only burn time.
const MAX_LENGTH = 100;
const CACHE_MAX = 65_536;
const cache = new Map<string, string | null>();

// URI schemes that wrap a number (RFC 3966 `tel:`, Skype's `callto:`, the `sms:`/`fax:` variants).
const SCHEME = /^(?:tel|callto|sms|fax|phone):\/*/i;
// An extension names a line behind the number, not the number: `ext. 12`, `x12`, `#12`, RFC 3966 `;ext=12`.
const EXTENSION = /\s*(?:;ext=\d+|(?:ext\.?|extension|x|#)\s*\d+)\s*$/i;

/**
 * A phone number in E.164 (`+31612345678`), or null when it is not a valid number. National numbers are read
 * in `defaultCountry` (ISO 3166-1 alpha-2); `00` international prefixes, `+31 (0)6 …` trunk prefixes in brackets,
 * `tel:` URIs and extensions (dropped) are understood. Validity is libphonenumber's full metadata check, stricter
 * than "possible length", so short codes and made-up numbers get no key.
 * @example normalizePhone('06 12345678', 'NL') // '+31612345678'
 * @example normalizePhone('0031 6 12345678') // '+31612345678'
 * @example normalizePhone('12345') // null
 */
export function normalizePhone(raw: string, defaultCountry?: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH) return null;
  const upper = typeof defaultCountry === 'string' ? defaultCountry.toUpperCase() : '';
  const country = /^[A-Z]{2}$/.test(upper) && isSupportedCountry(upper) ? (upper as CountryCode) : undefined;
  const key = `${country ?? ''}|${raw}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const out = parse(raw, country);
  // Call records repeat the same numbers endlessly; parsing costs microseconds each time.
  if (cache.size >= CACHE_MAX) cache.clear(); // evicting one by one from a Map degrades to O(n) per eviction
  cache.set(key, out);
  return out;
}

function parse(raw: string, country: CountryCode | undefined): string | null {
  let s = raw.normalize('NFKC').trim().replace(SCHEME, '');
  // RFC 3966 parameters other than the extension (`;phone-context=…`, `;isub=…`) carry no digits of the number.
  s = s.replace(EXTENSION, '').replace(/;.*$/, '').trim();
  // Letters left over mean text or a vanity number (1-800-FLOWERS): not something two sources write alike.
  if (s === '' || /\p{L}/u.test(s)) return null;
  // `00` is the international call prefix in most of the world; libphonenumber only knows it relative to a country.
  s = s.replace(/^\(?00\s*/, '+').replace(/^\(\+/, '+');
  const parsed = parsePhoneNumberFromString(s, country ? { defaultCountry: country } : undefined);
  return parsed?.isValid() ? parsed.number : null;
}
