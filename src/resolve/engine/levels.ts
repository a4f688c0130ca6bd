/** Comparison levels shared by the families: names, dates, identifiers, contact details, addresses. */
import type { NameForm, ResolveRecord } from './record.ts';
import { atLeast, damerauLevenshtein, jaroWinkler, jaroWinklerBound, softOverlap } from './strings.ts';

/**
 * One comparison of a family: a name and its levels, best first. Level 0 is always "missing on one
 * side": it contributes no evidence (Fellegi–Sunter treats it as m = u). `tf` marks the level whose
 * weight is adjusted by the frequency of the agreeing value (exact name matches).
 */
export interface ComparisonSpec {
  name: string;
  levels: readonly string[];
  tfLevel?: number;
}

/** What a pair comparison fills in: one level per comparison and the value behind any tf level. */
export interface PairLevels {
  levels: Uint8Array;
  tfValues: string[];
}

/** The best pairing of two records' name forms, with given and family names possibly swapped. */
export interface NameAlignment {
  a: NameForm | null;
  b: NameForm | null;
  /** b's given and family name are exchanged relative to a's. */
  swapped: boolean;
  /** Jaro–Winkler of the aligned given names and family names (0 when either is missing). */
  givenSim: number;
  surnameSim: number;
}

function sim(x: string, y: string): number {
  if (!x || !y) return 0;
  if (x === y) return 1;
  // Very different lengths cannot reach the 0.8 band; skip the quadratic part.
  if (x.length > 2 * y.length + 2 || y.length > 2 * x.length + 2) return 0;
  return jaroWinkler(x, y);
}

/** An upper bound of `sim`. */
function simBound(x: string, y: string): number {
  if (!x || !y) return 0;
  if (x === y) return 1;
  return jaroWinklerBound(x, y);
}

/** Picks the pair of name forms and the order that agree best (a written `FAMILY, Given` or swapped). */
export function alignNames(a: ResolveRecord, b: ResolveRecord, out: NameAlignment): NameAlignment {
  out.a = null;
  out.b = null;
  out.swapped = false;
  out.givenSim = 0;
  out.surnameSim = 0;
  let best = -1;
  for (const fa of a.names) {
    for (const fb of b.names) {
      const gg = sim(fa.given, fb.given);
      const ss = sim(fa.surname, fb.surname);
      const straight = gg + ss;
      // The crossed order only matters when the straight one is poor (swapped given and family names),
      // and only if it could beat it: a crossed order that cannot is taken as 0, with the same outcome.
      const cross = straight < 1.6 && simBound(fa.given, fb.surname) + simBound(fa.surname, fb.given) > straight;
      const gs = cross ? sim(fa.given, fb.surname) : 0;
      const sg = cross ? sim(fa.surname, fb.given) : 0;
      const crossed = gs + sg;
      const s = Math.max(straight, crossed);
      if (s > best) {
        best = s;
        out.a = fa;
        out.b = fb;
        out.swapped = crossed > straight + 0.05;
        out.givenSim = out.swapped ? gs : gg;
        out.surnameSim = out.swapped ? sg : ss;
      }
      if (best >= 2) return out;
    }
  }
  return out;
}

/**
 * Name-part levels: 1 exact, 2 Jaro–Winkler ≥ 0.92, 3 ≥ 0.8 or the same sound (double metaphone) or
 * romanisation skeleton, 4 (given names only) an initial against a name starting with it, then "else".
 */
export function namePartLevel(x: string, y: string, xPh: string, yPh: string, xSk: string, ySk: string, initials: boolean, similarity?: number): number {
  if (!x || !y) return 0;
  if (x === y) return 1;
  if (initials && (x.length === 1 || y.length === 1)) return x[0] === y[0] ? 4 : 5;
  const jw = similarity ?? jaroWinkler(x, y);
  if (jw >= 0.92) return 2;
  if (jw >= 0.8 || (xPh !== '' && xPh === yPh) || (xSk !== '' && xSk === ySk)) return 3;
  return initials ? 5 : 4;
}

/** Given-name and family-name levels of an alignment (b's parts exchanged when it is swapped); 0s without names. */
export function alignedNameLevels(al: NameAlignment): [given: number, surname: number] {
  const fa = al.a;
  const fb = al.b;
  if (!fa || !fb) return [0, 0];
  const sw = al.swapped;
  return [
    namePartLevel(fa.given, sw ? fb.surname : fb.given, fa.givenPh, sw ? fb.surnamePh : fb.givenPh, fa.givenSk, sw ? fb.surnameSk : fb.givenSk, true, al.givenSim),
    namePartLevel(fa.surname, sw ? fb.given : fb.surname, fa.surnamePh, sw ? fb.givenPh : fb.surnamePh, fa.surnameSk, sw ? fb.givenSk : fb.surnameSk, false, al.surnameSim),
  ];
}

export const GIVEN_LEVELS = ['missing', 'exact', 'jaro-winkler ≥ 0.92', 'jaro-winkler ≥ 0.8 or same sound', 'initial matches', 'different'] as const;
export const SURNAME_LEVELS = ['missing', 'exact', 'jaro-winkler ≥ 0.92', 'jaro-winkler ≥ 0.8 or same sound', 'different'] as const;

export const DATE_LEVELS = ['missing', 'exact', 'agrees as far as known', 'day and month transposed', 'one typo', 'same year or two typos', 'different'] as const;

/** Date levels over (year, month, day) with partial dates: a year-only date agrees with any date in that year. */
export function dateLevel(a: ResolveRecord, b: ResolveRecord): number {
  if (!a.dateY || !b.dateY) return 0;
  if (a.dateStr === b.dateStr) return a.dateD ? 1 : 2;
  const partial = !a.dateD || !b.dateD;
  if (partial && a.dateY === b.dateY && (!a.dateM || !b.dateM || a.dateM === b.dateM)) return 2;
  if (a.dateY === b.dateY && a.dateM === b.dateD && a.dateD === b.dateM) return 3;
  if (partial) return a.dateY === b.dateY ? 5 : 6;
  const d = damerauLevenshtein(a.dateStr, b.dateStr, 2);
  if (d <= 1) return 4;
  if (d === 2 || a.dateY === b.dateY) return 5;
  return 6;
}

export const SET_LEVELS = ['missing', 'shared', 'one typo', 'different'] as const;

/** Identifier levels: only identifiers of the same kind (`iban:`, `passport:` …) are compared. */
export function identifierLevel(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  let comparable = false;
  let near = false;
  for (const x of a) {
    const colon = x.indexOf(':') + 1;
    for (const y of b) {
      if (!sameKind(x, y, colon)) continue;
      if (x === y) return 1;
      comparable = true;
      if (!near && damerauLevenshtein(x, y, 1) <= 1) near = true;
    }
  }
  if (!comparable) return 0;
  return near ? 2 : 3;
}

/** `y` starts with x's first `n` characters (its `kind:` prefix), without slicing. */
function sameKind(x: string, y: string, n: number): boolean {
  if (y.length < n) return false;
  for (let i = 0; i < n; i++) if (x.charCodeAt(i) !== y.charCodeAt(i)) return false;
  return true;
}

export const EMAIL_LEVELS = ['missing', 'exact', 'similar address or user name', 'different'] as const;

export function emailLevel(a: readonly string[], b: readonly string[], aUsers: readonly string[], bUsers: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  let near = false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    for (let j = 0; j < b.length; j++) {
      const y = b[j];
      if (x === y) return 1;
      if (near || Math.abs(x.length - y.length) > 4) continue;
      if (atLeast(aUsers[i], bUsers[j], 0.9) || atLeast(x, y, 0.92)) near = true;
    }
  }
  return near ? 2 : 3;
}

export const PHONE_LEVELS = ['missing', 'exact', 'same last eight digits', 'different'] as const;

export function phoneLevel(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  let near = false;
  for (const x of a) {
    for (const y of b) {
      if (x === y) return 1;
      if (!near && sameTail(x, y, 8)) near = true;
    }
  }
  return near ? 2 : 3;
}

/** Both strings have at least `n` characters and end in the same `n`. */
function sameTail(x: string, y: string, n: number): boolean {
  if (x.length < n || y.length < n) return false;
  for (let i = 1; i <= n; i++) if (x.charCodeAt(x.length - i) !== y.charCodeAt(y.length - i)) return false;
  return true;
}

export const ADDRESS_LEVELS = ['missing', 'exact', 'most words agree', 'half the words agree', 'same postal code', 'different'] as const;

export function addressLevel(a: ResolveRecord, b: ResolveRecord): number {
  const x = a.addressTokens;
  const y = b.addressTokens;
  if (!x.length || !y.length) return 0;
  if (x.length === y.length && sameSet(x, y)) return 1;
  const o = softOverlap(x, y, 0.88);
  // (softOverlap compares only words of similar length; see strings.ts)
  if (o >= 0.8) return 2;
  if (o >= 0.5) return 3;
  if (anySharedLevel(a.postcodes, b.postcodes) === 1) return 4;
  return 5;
}

function sameSet(x: readonly string[], y: readonly string[]): boolean {
  for (let i = 0; i < x.length; i++) if (!y.includes(x[i])) return false;
  return true;
}

export const EQUAL_LEVELS = ['missing', 'same', 'different'] as const;

export function anySharedLevel(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  for (let i = 0; i < a.length; i++) if (b.includes(a[i])) return 1;
  return 2;
}

export function equalLevel(a: string, b: string): number {
  if (!a || !b) return 0;
  return a === b ? 1 : 2;
}
