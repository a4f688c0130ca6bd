/**
 * Deterministic links on strong identifiers: the same IBAN, wallet, passport, registration number,
 * e-mail or phone within one family. Accounts and wallets are their identifier, so sharing it is
 * enough; people and organisations share phones and mailboxes with relatives and colleagues, so for
 * them the names must also be compatible and the dates must not contradict — a shared phone between
 * different names is a lead for the analyst (an inferred link), not a merge.
 */
import { alignedNameLevels, alignNames, dateLevel, type NameAlignment } from './levels.ts';
import type { ResolveRecord } from './record.ts';
import { jaroWinkler } from './strings.ts';

export interface IdentifierLink {
  a: number;
  b: number;
  /** e.g. `identifier:iban`, `identifier:phone`. */
  rule: string;
  /** The shared value, normalised. */
  value: string;
  reason: string;
}

/** Identifier groups larger than this are shared infrastructure (a switchboard, a payment processor), not one entity. */
const MAX_GROUP = 20;

const KIND_LABEL: Record<string, string> = {
  iban: 'IBAN', wallet: 'wallet address', passport: 'passport number', id: 'ID number', ssn: 'social security number', reg: 'registration number',
  tax: 'tax number', vat: 'VAT number', lei: 'LEI', inn: 'INN', ogrn: 'OGRN', duns: 'DUNS number', license: 'licence number', bic: 'BIC', email: 'e-mail address',
  phone: 'phone number',
};

const align: NameAlignment = { a: null, b: null, swapped: false, givenSim: 0, surnameSim: 0 };

/** Whether two records' names and dates allow them to be one person or organisation. */
export function compatible(a: ResolveRecord, b: ResolveRecord): boolean {
  if (a.family === 'account' || a.family === 'wallet' || a.family === 'address') return true;
  if (dateLevel(a, b) === 6) return false;
  if (!a.names.length || !b.names.length) return true;
  if (a.family === 'organization') {
    return a.names.some((x) => b.names.some((y) => x.key === y.key || jaroWinkler(x.surname, y.surname) >= 0.85));
  }
  const [g, s] = alignedNameLevels(alignNames(a, b, align));
  return g !== 5 && s !== 4;
}

function identifiersOf(r: ResolveRecord): string[] {
  if (r.family === 'address') return [];
  return [...r.identifiers, ...r.emails.map((e) => `email:${e}`), ...r.phones.map((p) => `phone:${p}`)];
}

/**
 * Links records of one family that share a strong identifier and are compatible. `skip(a, b)` vetoes
 * pairs (negative judgements; incremental runs skip pairs of unchanged records).
 */
export function identifierLinks(records: readonly ResolveRecord[], skip?: (a: number, b: number) => boolean): IdentifierLink[] {
  const groups = new Map<string, number[]>();
  for (const r of records) {
    for (const id of identifiersOf(r)) {
      const key = `${r.family}|${id}`;
      const g = groups.get(key);
      if (!g) groups.set(key, [r.idx]);
      else if (!g.includes(r.idx)) g.push(r.idx);
    }
  }
  const byIdx = new Map(records.map((r) => [r.idx, r]));
  const seen = new Set<string>();
  const out: IdentifierLink[] = [];
  for (const [key, members] of groups) {
    if (members.length < 2) continue;
    const family = key.slice(0, key.indexOf('|'));
    // Accounts and wallets are their identifier however many sources mention them.
    if (members.length > MAX_GROUP && family !== 'account' && family !== 'wallet') continue;
    const id = key.slice(key.indexOf('|') + 1);
    const kind = id.slice(0, id.indexOf(':'));
    const value = id.slice(kind.length + 1);
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const [a, b] = members[i] < members[j] ? [members[i], members[j]] : [members[j], members[i]];
        const pair = `${a},${b}`;
        if (seen.has(pair) || skip?.(a, b)) continue;
        const ra = byIdx.get(a) as ResolveRecord;
        const rb = byIdx.get(b) as ResolveRecord;
        if (!compatible(ra, rb)) continue;
        seen.add(pair);
        const label = KIND_LABEL[kind] ?? kind;
        const also = ra.family === 'account' || ra.family === 'wallet' ? '' : ' and compatible names and dates';
        out.push({ a, b, rule: `identifier:${kind}`, value, reason: `Same ${label} ${value}${also}.` });
      }
    }
  }
  return out;
}
