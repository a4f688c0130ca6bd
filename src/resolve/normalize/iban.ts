// IBANs and BICs for matching: one electronic form each, checksum- and structure-checked with ibantools.
import { isValidBIC } from 'ibantools';
import { cleanIban } from '../../model/types.ts';

// The longest IBAN is 34 characters; allow for separators and a label, refuse anything far longer.
const MAX_LENGTH = 100;
// Separators people and bank statements write inside account numbers: whitespace (incl. no-break), dashes, dots.
const SEPARATORS = /[\s\u00A0\u202F.\-‐‑–—]/g;
// A leading `IBAN` / `IBAN:` label, as printed on invoices and statements.
const IBAN_LABEL = /^\s*iban\s*:?\s*/i;
const BIC_LABEL = /^\s*(?:bic|swift)(?:\s*\/\s*(?:bic|swift))?\s*(?:code)?\s*:?\s*/i;

/**
 * An IBAN in electronic format (upper case, no separators) when its country, length and ISO 7064 checksum are
 * valid, else null. Reuses the model's `cleanIban`, after removing labels and separators it does not know.
 * @example normalizeIban('IBAN: nl91 abna 0417 1643 00') // 'NL91ABNA0417164300'
 * @example normalizeIban('NL91ABNA0417164301') // null (checksum)
 */
export function normalizeIban(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH) return null;
  const compact = raw.normalize('NFKC').replace(IBAN_LABEL, '').replace(SEPARATORS, '');
  if (compact === '') return null;
  const r = cleanIban(compact);
  return r.ok ? r.value : null;
}

/**
 * A BIC (ISO 9362) upper case without separators, when its shape and country are valid, else null. The branch
 * code `XXX` means the primary office, so `DEUTDEFFXXX` is written `DEUTDEFF`; a real branch (`DEUTDEFF500`) is kept.
 * @example normalizeBic('deut de ff xxx') // 'DEUTDEFF'
 * @example normalizeBic('DEUTDEFF500') // 'DEUTDEFF500'
 */
export function normalizeBic(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH) return null;
  const s = raw.normalize('NFKC').replace(BIC_LABEL, '').replace(SEPARATORS, '').toUpperCase();
  if ((s.length !== 8 && s.length !== 11) || !isValidBIC(s)) return null;
  return s.endsWith('XXX') ? s.slice(0, 8) : s;
}

/**
 * The institution part of a BIC (bank, country and location: the first 8 characters), so a bank's branches and
 * its head office compare equal; `''` when the input is not a valid BIC.
 * @example bicInstitution('DEUTDEFF500') === bicInstitution('DEUTDEFFXXX') // 'DEUTDEFF'
 */
export function bicInstitution(bic: string): string {
  return normalizeBic(bic)?.slice(0, 8) ?? '';
}
