// Name normalisation for entity resolution: one Latin, lower-case, punctuation-free form per name, its tokens and an order-free key.
import anyAscii from 'any-ascii';

/**
 * Particles that belong to the following name part, so that `al Hassan`, `Al-Hassan` and `Alhassan`, or
 * `van der Berg` and `Vanderberg`, give the same token. Arabic: al, el, ul (the article), abu, abd, bin, ibn,
 * bint (kinship); Dutch/German: van, von, der, den, de; Romance: de, di, da, del, della, la, le, du, dos, das;
 * Gaelic: mac, mc. A particle is only joined when a non-particle token follows it.
 */
// prettier-ignore
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'al', 'el', 'ul', 'abu', 'abd', 'bin', 'ibn', 'bint',
  'van', 'von', 'der', 'den', 'de', 'di', 'da', 'del', 'della', 'la', 'le', 'du', 'dos', 'das', 'mac', 'mc',
]);

// Apostrophe-like marks are deleted rather than turned into a space: `O'Brien` and `OBrien` are one name.
const APOSTROPHES = /['`´ʹʻʼʽˈ‘’‛′]/g;
// Pictographs (emoji), other symbols and control characters separate words; format characters (soft hyphen,
// zero-width joiners, bidi marks) sit inside words and are dropped. any-ascii would otherwise spell emoji out as `:grinning:`.
const SYMBOLS = /[\p{Extended_Pictographic}\p{So}\p{Sk}\p{Cc}\p{Co}\p{Cs}\p{Cn}]/gu;
const FORMAT = /\p{Cf}/gu;
const NON_ALNUM = /[^a-z0-9]+/g;

// Names repeat heavily across sources; transliteration is the expensive step. Short strings only, bounded.
const CACHE_MAX = 50_000;
const CACHEABLE_LENGTH = 256;
const cache = new Map<string, string>();

/**
 * The comparable form of a name: NFKC, transliterated to ASCII (any script), lower-case, apostrophes removed,
 * every other punctuation mark, hyphen or symbol a space, whitespace collapsed. Never throws; `''` for nothing left.
 * @example normalizeName("Seán O'Brien-Smith") // 'sean obrien smith'
 * @example normalizeName('Шевченко Олександр') // 'shevchenko oleksandr'
 */
export function normalizeName(raw: string): string {
  if (typeof raw !== 'string' || raw === '') return '';
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const out = compute(raw);
  if (raw.length <= CACHEABLE_LENGTH) {
    if (cache.size >= CACHE_MAX) cache.clear(); // evicting one by one from a Map degrades to O(n) per eviction
    cache.set(raw, out);
  }
  return out;
}

function compute(raw: string): string {
  // Apostrophes go before NFKC too: it decomposes the acute accent ´ into a space and a combining mark.
  const cleaned = raw.replace(APOSTROPHES, '').normalize('NFKC').replace(FORMAT, '').replace(APOSTROPHES, '').replace(SYMBOLS, ' ');
  // any-ascii writes some letters with apostrophes (Cyrillic soft sign → `'`, ʻ → `` ` ``): delete those as well.
  return anyAscii(cleaned).toLowerCase().replace(APOSTROPHES, '').replace(NON_ALNUM, ' ').trim();
}

/**
 * Tokens of the normalised name, with particles joined to the following token (see {@link NAME_PARTICLES}).
 * A name written `FAMILY, Given` is read in its natural order first, so `Berg, Jan van der` joins like `Jan van der Berg`.
 * @example nameTokens('Ali al-Hassan') // ['ali', 'alhassan']
 * @example nameTokens('Jan van der Berg') // ['jan', 'vanderberg']
 */
export function nameTokens(raw: string): string[] {
  const norm = orderedName(raw);
  if (norm === '') return [];
  const parts = norm.split(' ');
  const out: string[] = [];
  let pending = '';
  for (const part of parts) {
    if (NAME_PARTICLES.has(part)) {
      pending += part;
      continue;
    }
    out.push(pending + part);
    pending = '';
  }
  // Trailing particles (or a name made only of particles) have nothing to join: keep them as they were written.
  if (pending !== '') {
    let i = parts.length - 1;
    while (i >= 0 && NAME_PARTICLES.has(parts[i])) i--;
    out.push(...parts.slice(i + 1));
  }
  return out;
}

/**
 * An order-independent key: the name's tokens sorted and joined by a space.
 * @example nameKey('Shevchenko, Oleksandr') === nameKey('Oleksandr Shevchenko') // 'oleksandr shevchenko'
 */
export function nameKey(raw: string): string {
  return nameTokens(raw).sort().join(' ');
}

/**
 * The normalised name in natural order: a name written `FAMILY, Given` (exactly one comma, text on both sides)
 * becomes `given family`; anything else is {@link normalizeName} unchanged.
 * @example orderedName('SHEVCHENKO, Oleksandr') // 'oleksandr shevchenko'
 */
export function orderedName(raw: string): string {
  if (typeof raw !== 'string') return '';
  const s = raw.replace(/[،，]/g, ',');
  const comma = s.indexOf(',');
  if (comma < 0 || s.indexOf(',', comma + 1) >= 0) return normalizeName(s);
  const family = normalizeName(s.slice(0, comma));
  const given = normalizeName(s.slice(comma + 1));
  if (family === '' || given === '') return normalizeName(s);
  return `${given} ${family}`;
}
