// Which properties each resolution comparison looks at (src/resolve/engine/families.ts and record.ts), to line up a pair's values.

const IDENTIFIERS = [
  'passportNumber',
  'idNumber',
  'socialSecurityNumber',
  'registrationNumber',
  'taxNumber',
  'vatCode',
  'leiCode',
  'innCode',
  'ogrnCode',
  'dunsCode',
  'licenseNumber',
  'swiftBic',
  'iban',
  'accountNumber',
  'publicKey',
];

export const COMPARISON_PROPS: Record<string, string[]> = {
  'given name': ['firstName'],
  'family name': ['lastName'],
  name: ['name', 'alias', 'previousName'],
  'legal form': ['legalForm'],
  'birth date': ['birthDate'],
  'incorporation date': ['incorporationDate'],
  identifier: IDENTIFIERS,
  'registration number': IDENTIFIERS,
  'e-mail': ['email'],
  phone: ['phone'],
  address: ['address', 'full', 'street', 'city', 'postalCode'],
  'postal code': ['postalCode'],
  country: ['country', 'nationality', 'jurisdiction'],
};

/** Where a comparison's values come from when the record lacks its own properties: resolution splits full names itself. */
export const FALLBACK_PROPS: Record<string, string[]> = {
  'given name': ['name', 'alias'],
  'family name': ['name', 'alias'],
};

/** What the queue reason codes mean to an analyst. */
export const WHY: Record<string, string> = {
  uncertain: 'the evidence lies between the review and the merge thresholds',
  guard: 'a safety rule stopped an automatic merge',
  size: 'merging would have made a group too large',
  undone: 'an earlier merge of this pair was undone',
};

/** The values of some properties of one record, de-duplicated, in property order. */
export function valuesOf(properties: Record<string, string[]>, props: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of props) for (const v of properties[p] ?? []) if (!out.includes(v)) out.push(v);
  return out;
}
