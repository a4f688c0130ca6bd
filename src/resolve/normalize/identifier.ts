// Identifiers (passport, national ID, company registration numbers) for matching: one compact upper-case form.

// Separators sources put inside numbers: whitespace of every kind, dashes and hyphens, dots, slashes and backslashes;
// control and zero-width format characters are noise too.
const SEPARATORS = /[\s\p{Pd}\u2212./\\\p{Cc}\p{Cf}]/gu;

/**
 * An identifier upper case, without spaces, dashes, dots or slashes, after NFKC (full-width digits and letters
 * become ASCII); `''` for empty input. Letters of other scripts are kept as written, not transliterated: a
 * Cyrillic `СН` series and a Latin `CH` are different characters in the source and may be different documents.
 * @example normalizeIdentifier('AB 12-34.56/7') // 'AB1234567'
 * @example normalizeIdentifier(' nl 8123.45.678.B01 ') // 'NL812345678B01'
 */
export function normalizeIdentifier(raw: string): string {
  if (typeof raw !== 'string' || raw === '') return '';
  return raw.normalize('NFKC').replace(SEPARATORS, '').toUpperCase();
}
