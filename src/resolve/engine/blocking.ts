/**
 * Blocking: which pairs are compared at all. A union of rules, each giving every record a few keys;
 * records sharing a key in any rule become a candidate pair (as in Splink's OR-ed blocking rules), so
 * a typo that defeats one rule is caught by another while the pair count stays near-linear.
 */
import type { Family, NameForm, ResolveRecord } from './record.ts';

/** One blocking rule: the keys a record falls under (a record may have several, or none). */
export interface BlockingRule {
  name: string;
  keys(r: ResolveRecord, out: string[]): void;
  /**
   * Sort orders for blocks too large to compare in full (common names in millions of records): such a
   * block is compared by sorted neighbourhood instead (Hernández & Stolfo 1995) — each record against
   * its nearest neighbours in each order — so its pairs grow with the data instead of its square.
   */
  orders?: readonly ((r: ResolveRecord) => string)[];
  /** This rule's block size from which sorted neighbourhood applies (else the option's). */
  refineAt?: number;
  /**
   * Finer keys of a record inside an over-size block (`key` is the block's): members of a large block
   * that also share one of these are compared in full (sorted neighbourhood again past the size), so
   * near neighbours that the sort orders place apart (a misspelt family name) are still found.
   */
  refine?(r: ResolveRecord, key: string, out: string[]): void;
}


function initial(s: string): string {
  return s ? s[0] : '';
}

/** Sort orders for large person blocks: by name then birth date, by birth date then given name. */
const PERSON_ORDERS: readonly ((r: ResolveRecord) => string)[] = [
  (r) => `${r.names[0]?.surname ?? ''} ${r.names[0]?.given ?? ''} ${r.dateStr}`,
  (r) => `${r.dateStr || '~'} ${r.names[0]?.given ?? ''}`,
];

/**
 * Finer keys inside a large name block (`x|i`: one name part's key and the other's initial): the other
 * part's key, and the birth year, for each name form (and order) that put the record in the block.
 */
function nameRefine(part: (n: NameForm, given: boolean) => string): NonNullable<BlockingRule['refine']> {
  return (r, key, out) => {
    for (const n of r.names) {
      if (!n.given) continue;
      if (key === `${part(n, false)}|${initial(n.given)}`) out.push(`g${part(n, true)}`);
      if (key === `${part(n, true)}|${initial(n.surname)}`) out.push(`s${part(n, false)}`);
    }
    if (r.dateY) out.push(`y${r.dateY}`);
  };
}

const sound = (n: NameForm, given: boolean): string => (given ? n.givenPh : n.surnamePh);
const skeleton = (n: NameForm, given: boolean): string => (given ? n.givenSk : n.surnameSk);

const PERSON_RULES: readonly BlockingRule[] = [
  {
    // Sound of the family name and the given name's initial, either way round (swapped name order).
    name: 'family-name sound + initial',
    keys(r, out) {
      for (const n of r.names) {
        if (n.surnamePh && n.given) out.push(`${n.surnamePh}|${initial(n.given)}`, `${n.givenPh}|${initial(n.surname)}`);
      }
    },
    orders: PERSON_ORDERS,
    refine: nameRefine(sound),
  },
  {
    // Romanisation skeletons, so Schewtschenko meets Shevchenko even when their sounds differ.
    name: 'family-name skeleton + initial',
    keys(r, out) {
      for (const n of r.names) {
        if (n.surnameSk && n.given) out.push(`${n.surnameSk}|${initial(n.given)}`, `${n.givenSk}|${initial(n.surname)}`);
      }
    },
    orders: PERSON_ORDERS,
    refine: nameRefine(skeleton),
  },
  {
    name: 'birth date + an initial',
    keys(r, out) {
      if (!r.dateD) return;
      for (const n of r.names) {
        if (n.given) out.push(`${r.dateStr}|${initial(n.given)}`);
        if (n.surname) out.push(`${r.dateStr}|${initial(n.surname)}`);
      }
    },
    orders: PERSON_ORDERS,
    refineAt: 30,
  },
  {
    // Either name's sound with the birth month, for a family name mangled at its first letter.
    name: 'name sound + birth month',
    keys(r, out) {
      if (!r.dateM) return;
      for (const n of r.names) {
        if (n.givenPh) out.push(`${n.givenPh}|${r.dateY}-${r.dateM}`);
        if (n.surnamePh) out.push(`${n.surnamePh}|${r.dateY}-${r.dateM}`);
      }
    },
    orders: PERSON_ORDERS,
  },
  {
    name: 'family name + postal code',
    keys(r, out) {
      for (const n of r.names) for (const p of r.postcodes) if (n.surname) out.push(`${n.surname}|${p}`);
    },
  },
];

const CONTACT_RULES: readonly BlockingRule[] = [
  { name: 'identifier', keys: (r, out) => void out.push(...r.identifiers) },
  { name: 'e-mail', keys: (r, out) => void out.push(...r.emails) },
  // The mailbox name alone: the same person at another provider, or a typo in the domain.
  { name: 'e-mail user name', keys: (r, out) => void r.emails.forEach((e) => e.indexOf('@') >= 3 && out.push(e.slice(0, e.indexOf('@') + 1))) },
  { name: 'phone', keys: (r, out) => void out.push(...r.phones) },
];

const ORG_RULES: readonly BlockingRule[] = [
  { name: 'name words', keys: (r, out) => void r.names.forEach((n) => out.push(n.key)) },
  { name: 'name prefix', keys: (r, out) => void r.names.forEach((n) => n.surname.length >= 4 && out.push(n.surname.slice(0, 6))) },
  { name: 'name sound', keys: (r, out) => void r.names.forEach((n) => n.tokens.length && out.push(n.tokens.map((t) => t.slice(0, 2)).sort().join(''))) },
];

const ADDRESS_RULES: readonly BlockingRule[] = [
  { name: 'words', keys: (r, out) => void (r.addressTokens.length && out.push([...r.addressTokens].sort().join(' '))) },
  { name: 'postal code + first word', keys: (r, out) => void r.postcodes.forEach((p) => out.push(`${p}|${r.addressTokens.find((t) => !/^\d+$/.test(t)) ?? ''}`)) },
];

/** The default rules per family. */
export const BLOCKING_RULES: Readonly<Record<Family, readonly BlockingRule[]>> = {
  person: [...PERSON_RULES, ...CONTACT_RULES],
  organization: [...ORG_RULES, ...CONTACT_RULES],
  address: ADDRESS_RULES,
  account: [CONTACT_RULES[0]],
  wallet: [CONTACT_RULES[0]],
};

export interface BlockingOptions {
  /** Blocks larger than this are skipped (and reported): a key shared by thousands says nothing. */
  maxBlock?: number;
  /** Blocks larger than this are compared by sorted neighbourhood, where the rule has sort orders. Default `refineAtFor(records)`. */
  refineAt?: number;
  /** Following neighbours compared in each sort order. Default 3. */
  window?: number;
  /** Incremental runs: only pairs with at least one changed record (flag 1) are produced. */
  changed?: Uint8Array;
}

export interface BlockingResult {
  /** Pairs as `left * stride + right` with left < right (record indices), sorted, unique. */
  pairs: Float64Array;
  stride: number;
  /** Pairs produced by each rule before de-duplication. */
  perRule: Record<string, number>;
  /** Keys whose blocks exceeded maxBlock, with their sizes (at most 20 listed). */
  skipped: { rule: string; key: string; size: number }[];
  skippedCount: number;
  /** Blocks compared by sorted neighbourhood. */
  refinedCount: number;
}

class PairBuffer {
  buf = new Float64Array(1 << 16);
  n = 0;
  push(v: number): void {
    if (this.n === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = v;
  }
}

/**
 * The block size from which sorted neighbourhood (and finer keys) apply: 100 up to 100,000 records, then
 * 100·√(100,000 / n), at least 30. Name blocks grow with the data (a common family name's block ten
 * times larger at ten times the records), so a fixed limit lets the pairs of the blocks below it grow
 * with the square of the data; shrinking the limit keeps the pairs per record near constant.
 */
export function refineAtFor(records: number): number {
  return Math.max(30, Math.min(100, Math.round(100 * Math.sqrt(100_000 / Math.max(1, records)))));
}

/** The pair-key stride for these records: a power of two above every record index. */
export function strideOf(records: readonly ResolveRecord[]): number {
  let maxIdx = 1;
  for (const r of records) if (r.idx + 1 > maxIdx) maxIdx = r.idx + 1;
  return 2 ** Math.ceil(Math.log2(maxIdx + 1));
}

/**
 * Candidate pairs of the records (already of one family) under the rules. Pairs are encoded as
 * numbers and de-duplicated by sorting, which needs far less memory than a set of pairs.
 */
export function candidatePairs(records: readonly ResolveRecord[], rules: readonly BlockingRule[], opts: BlockingOptions = {}): BlockingResult {
  const maxBlock = opts.maxBlock ?? 1000;
  const refineAt = opts.refineAt ?? refineAtFor(records.length);
  const stride = strideOf(records);
  const out = new PairBuffer();
  const perRule: Record<string, number> = {};
  const skipped: BlockingResult['skipped'] = [];
  let skippedCount = 0;
  let refinedCount = 0;
  for (const rule of rules) {
    const blocks = blocksOf(records, rule.keys);
    let produced = 0;
    for (const [key, list] of blocks) {
      if (list.length < 2) continue;
      const limit = rule.refineAt ?? refineAt;
      if (list.length > limit && rule.orders) {
        refinedCount++;
        const members = list.map((pos) => records[pos]);
        produced += emitNeighbours(members, rule.orders, opts.window ?? 3, stride, out, opts.changed);
        if (rule.refine) produced += emitSubBlocks(members, key, rule, limit, opts.window ?? 3, stride, out, opts.changed);
        continue;
      }
      if (list.length > maxBlock) {
        skippedCount++;
        if (skipped.length < 20) skipped.push({ rule: rule.name, key, size: list.length });
        continue;
      }
      produced += emitBlock(list.map((pos) => records[pos].idx), stride, out, opts.changed);
    }
    perRule[rule.name] = produced;
  }
  const all = out.buf.subarray(0, out.n).sort();
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i];
  return { pairs: all.slice(0, w), stride, perRule, skipped, skippedCount, refinedCount };
}

/** Positions of the records under each key (a record once per key). */
export function blocksOf(records: readonly ResolveRecord[], keysOf: (r: ResolveRecord, out: string[]) => void): Map<string, number[]> {
  const blocks = new Map<string, number[]>();
  const keys: string[] = [];
  for (let pos = 0; pos < records.length; pos++) {
    keys.length = 0;
    keysOf(records[pos], keys);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (!k || keys.indexOf(k) < i) continue;
      const list = blocks.get(k);
      if (list) list.push(pos);
      else blocks.set(k, [pos]);
    }
  }
  return blocks;
}

/** Pairs of each record with its `window` successors in each sort order. */
function emitNeighbours(
  members: ResolveRecord[], orders: readonly ((r: ResolveRecord) => string)[], window: number, stride: number, out: PairBuffer, changed?: Uint8Array,
): number {
  let produced = 0;
  for (const order of orders) {
    const keyed = members.map((r) => ({ key: order(r), idx: r.idx }));
    keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.idx - y.idx));
    for (let i = 0; i < keyed.length; i++) {
      const a = keyed[i].idx;
      for (let j = i + 1; j <= i + window && j < keyed.length; j++) {
        const b = keyed[j].idx;
        if (a === b || (changed && !changed[a] && !changed[b])) continue;
        out.push(a < b ? a * stride + b : b * stride + a);
        produced++;
      }
    }
  }
  return produced;
}

/** Pairs of an over-size block's members that share a finer key: in full, or by sorted neighbourhood past `limit`. */
function emitSubBlocks(
  members: ResolveRecord[], key: string, rule: BlockingRule, limit: number, window: number, stride: number, out: PairBuffer, changed?: Uint8Array,
): number {
  const refine = rule.refine as NonNullable<BlockingRule['refine']>;
  const sub = blocksOf(members, (r, keys) => refine(r, key, keys));
  let produced = 0;
  for (const list of sub.values()) {
    if (list.length < 2) continue;
    if (list.length > limit) produced += emitNeighbours(list.map((pos) => members[pos]), rule.orders ?? [], window, stride, out, changed);
    else produced += emitBlock(list.map((pos) => members[pos].idx), stride, out, changed);
  }
  return produced;
}

function emitBlock(list: number[], stride: number, out: PairBuffer, changed?: Uint8Array): number {
  let produced = 0;
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    for (let j = i + 1; j < list.length; j++) {
      const b = list[j];
      if (a === b) continue;
      if (changed && !changed[a] && !changed[b]) continue;
      out.push(a < b ? a * stride + b : b * stride + a);
      produced++;
    }
  }
  return produced;
}
