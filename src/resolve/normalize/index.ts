// The normalisers of entity resolution, one per property type: the public API of src/resolve/normalize.
export { normalizePhone } from './phone.ts';
export { bicInstitution, normalizeBic, normalizeIban } from './iban.ts';
export { EMAIL_PROVIDERS, normalizeEmail } from './email.ts';
export type { EmailProvider } from './email.ts';
export { normalizeCryptoAddress } from './crypto.ts';
export type { CryptoAddress } from './crypto.ts';
export { dateKey, parsePartialDate } from './date.ts';
export type { PartialDate } from './date.ts';
export { ALPHA3_TO_ALPHA2, normalizeCountry } from './country.ts';
export { NAME_PARTICLES, nameKey, nameTokens, normalizeName, orderedName } from './name.ts';
export { nameSkeleton } from './skeleton.ts';
export { phoneticKeys } from './phonetic.ts';
export { stripLegalForm } from './legal-form.ts';
export type { LegalFormSplit } from './legal-form.ts';
export { normalizeIdentifier } from './identifier.ts';
