/** The comparisons of each family that is matched probabilistically: persons, organisations, addresses. */
import type { Family, NameForm, ResolveRecord } from './record.ts';
import {
  ADDRESS_LEVELS, DATE_LEVELS, EMAIL_LEVELS, EQUAL_LEVELS, GIVEN_LEVELS, PHONE_LEVELS, SET_LEVELS, SURNAME_LEVELS, addressLevel, alignedNameLevels, alignNames, anySharedLevel,
  dateLevel, emailLevel, equalLevel, identifierLevel, phoneLevel, type ComparisonSpec, type NameAlignment, type PairLevels,
} from './levels.ts';
import { jaroWinkler, softOverlap } from './strings.ts';

/** A family's comparisons and the function that fills one pair's levels. */
export interface FamilySpec {
  family: Family;
  comparisons: readonly ComparisonSpec[];
  compare(a: ResolveRecord, b: ResolveRecord, out: PairLevels): void;
  /** The values of comparison `k` that term frequencies are counted over (only for comparisons with a tf level). */
  terms(r: ResolveRecord, k: number): string[];
}

const align: NameAlignment = { a: null, b: null, swapped: false, givenSim: 0, surnameSim: 0 };

const PERSON: FamilySpec = {
  family: 'person',
  comparisons: [
    { name: 'given name', levels: GIVEN_LEVELS, tfLevel: 1 },
    { name: 'family name', levels: SURNAME_LEVELS, tfLevel: 1 },
    { name: 'birth date', levels: DATE_LEVELS },
    { name: 'identifier', levels: SET_LEVELS },
    { name: 'e-mail', levels: EMAIL_LEVELS },
    { name: 'phone', levels: PHONE_LEVELS },
    { name: 'address', levels: ADDRESS_LEVELS },
    { name: 'country', levels: EQUAL_LEVELS },
  ],
  compare(a, b, out) {
    const l = out.levels;
    alignNames(a, b, align);
    [l[0], l[1]] = alignedNameLevels(align);
    out.tfValues[0] = l[0] === 1 ? (align.a as NameForm).given : '';
    out.tfValues[1] = l[1] === 1 ? (align.a as NameForm).surname : '';
    l[2] = dateLevel(a, b);
    l[3] = identifierLevel(a.identifiers, b.identifiers);
    l[4] = emailLevel(a.emails, b.emails, a.emailUsers, b.emailUsers);
    l[5] = phoneLevel(a.phones, b.phones);
    l[6] = addressLevel(a, b);
    l[7] = anySharedLevel(a.countries, b.countries);
  },
  terms: (r, k) => r.names.map((n) => (k === 0 ? n.given : n.surname)).filter((v) => v.length > 1),
};

const ORG_NAME_LEVELS = ['missing', 'exact', 'jaro-winkler ≥ 0.94', 'same words, typos allowed', 'most words agree', 'different'] as const;

/** Organisation names without their legal form: words in any order, typos allowed. */
function orgNameLevel(a: ResolveRecord, b: ResolveRecord, out: PairLevels): number {
  if (!a.names.length || !b.names.length) return 0;
  let best = 5;
  for (const fa of a.names) {
    for (const fb of b.names) {
      if (fa.key === fb.key || fa.surname === fb.surname) {
        out.tfValues[0] = fa.key;
        return 1;
      }
      if (jaroWinkler(fa.surname, fb.surname) >= 0.94) best = Math.min(best, 2);
      const o = softOverlap(fa.tokens, fb.tokens, 0.9);
      const full = o === 1 && fa.tokens.length === fb.tokens.length;
      if (full) best = Math.min(best, 3);
      else if (o >= 0.6 && Math.min(fa.tokens.length, fb.tokens.length) > 1) best = Math.min(best, 4);
    }
  }
  return best;
}

const ORGANIZATION: FamilySpec = {
  family: 'organization',
  comparisons: [
    { name: 'name', levels: ORG_NAME_LEVELS, tfLevel: 1 },
    { name: 'legal form', levels: EQUAL_LEVELS },
    { name: 'registration number', levels: SET_LEVELS },
    { name: 'e-mail', levels: EMAIL_LEVELS },
    { name: 'phone', levels: PHONE_LEVELS },
    { name: 'address', levels: ADDRESS_LEVELS },
    { name: 'country', levels: EQUAL_LEVELS },
    { name: 'incorporation date', levels: DATE_LEVELS },
  ],
  compare(a, b, out) {
    const l = out.levels;
    out.tfValues[0] = '';
    l[0] = orgNameLevel(a, b, out);
    l[1] = equalLevel(a.legalForm, b.legalForm);
    l[2] = identifierLevel(a.identifiers, b.identifiers);
    l[3] = emailLevel(a.emails, b.emails, a.emailUsers, b.emailUsers);
    l[4] = phoneLevel(a.phones, b.phones);
    l[5] = addressLevel(a, b);
    l[6] = anySharedLevel(a.countries, b.countries);
    l[7] = dateLevel(a, b);
  },
  terms: (r) => r.names.map((n) => n.key),
};

const ADDRESS: FamilySpec = {
  family: 'address',
  comparisons: [
    { name: 'address', levels: ADDRESS_LEVELS },
    { name: 'postal code', levels: EQUAL_LEVELS },
    { name: 'country', levels: EQUAL_LEVELS },
  ],
  compare(a, b, out) {
    const l = out.levels;
    l[0] = addressLevel(a, b);
    l[1] = anySharedLevel(a.postcodes, b.postcodes);
    l[2] = anySharedLevel(a.countries, b.countries);
  },
  terms: () => [],
};

/** The families matched probabilistically (accounts and wallets are linked on identifiers only). */
export const FAMILY_SPECS: Readonly<Partial<Record<Family, FamilySpec>>> = { person: PERSON, organization: ORGANIZATION, address: ADDRESS };
