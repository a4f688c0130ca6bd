// Phonetic keys of one name token (Double Metaphone), memoised because names repeat across millions of records.
import { doubleMetaphone } from 'double-metaphone';
import { normalizeName } from './name.ts';

const CACHE_MAX = 100_000;
// Longer tokens are not names; truncating keeps the cost and the cache entries bounded.
const MAX_TOKEN = 64;
const cache = new Map<string, [string, string]>();

/**
 * Double Metaphone codes (Lawrence Philips, "The Double Metaphone Search Algorithm", C/C++ Users Journal, 2000):
 * the primary and the alternate encoding, equal when the name has one pronunciation. Input that is not a
 * normalised token is normalised first (spaces dropped). The returned tuple is shared: do not mutate it.
 * @example phoneticKeys('schmidt') // ['XMT', 'SMT']
 * @example phoneticKeys('smith') // ['SM0', 'XMT'] — meets `schmidt` through the alternate
 */
export function phoneticKeys(token: string): [string, string] {
  if (typeof token !== 'string') return ['', ''];
  const hit = cache.get(token);
  if (hit) return hit;
  const t = (/^[a-z0-9]*$/.test(token) ? token : normalizeName(token).replace(/ /g, '')).slice(0, MAX_TOKEN);
  const keys = t === '' ? (['', ''] as [string, string]) : doubleMetaphone(t);
  if (token.length <= MAX_TOKEN) {
    if (cache.size >= CACHE_MAX) cache.clear(); // evicting one by one from a Map degrades to O(n) per eviction
    cache.set(token, keys);
  }
  return keys;
}
