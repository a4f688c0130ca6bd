/** Source ids built from a source's own text (IBANs, account numbers, addresses, names), always usable as references. */
import { sha1 } from '../../model/ids.ts';

const SAFE = /^[A-Za-z0-9._:-]{1,150}$/;

/**
 * `prefix` + the text when the text is a valid id part, else `prefix` + its SHA-1: an entity reference
 * must be a plain id (no spaces, at most 200 characters), and the same text must always give the same id.
 * @example refId('camt-party:', 'Acme Supplies Ltd') // 'camt-party:3c1f…'
 */
export function refId(prefix: string, text: string): string {
  return SAFE.test(text) ? `${prefix}${text}` : `${prefix}${sha1(text)}`;
}
