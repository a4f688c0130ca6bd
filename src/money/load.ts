/**
 * The ledger from the store, in the caller's Context (visibility is the store's): FtM Payments, Corvid
 * CryptoTransfers (account-based: one row) and CryptoTransferLegs (UTXO: input wallet → tx, tx → output wallet;
 * an input that only `spends` "txid:vout" takes that output's wallet and amount), and wallet/account tags, with
 * wallets matched by normalised address so a TagPack in another dataset tags the blockchain import's wallets.
 * Statements stream in batches; values go straight into columns, not per-entity objects. Rows that cannot be
 * placed are set aside with a reason and counted.
 */
import type { Context } from '../model/context.ts';
import type { Model } from '../model/schema.ts';
import { normalizeCryptoAddress } from '../resolve/normalize/crypto.ts';
import type { Store } from '../store/port.ts';
import { parseUnits, currencyScale } from './amount.ts';
import { EntityScratch, LEDGER_PROPS, parseTime } from './load-entity.ts';
import { LedgerBuilder, type Ledger, type NodeKind } from './ledger.ts';

export type SetAsideReason = 'no amount' | 'bad amount' | 'no time' | 'unknown currency' | 'no endpoints' | 'unresolved spends';

export interface SetAside {
  reason: SetAsideReason;
  count: number;
  /** A few of the entity ids, to look at. */
  examples: string[];
}

export interface LedgerLoad {
  ledger: Ledger;
  setAside: SetAside[];
  counts: { statements: number; payments: number; transfers: number; legs: number; tagged: number };
}

export interface LoadLedgerOptions {
  datasets?: readonly string[];
  /** Statements per store batch (default 20,000). */
  batchSize?: number;
}

const CURRENCY = /^[A-Za-z][A-Za-z0-9]{1,9}$/;

/** Column-wise accumulation of everything read, resolved into ledger rows at the end. */
class Collector {
  readonly b = new LedgerBuilder();
  readonly aside = new Map<SetAsideReason, SetAside>();
  readonly counts = { statements: 0, payments: 0, transfers: 0, legs: 0, tagged: 0 };
  // Crypto transfers: time, currency, hash; account-based candidates (dropped when the transfer has legs).
  readonly txTime = new Map<string, number>();
  readonly txCurrency = new Map<string, string>();
  readonly txByHash = new Map<string, string>();
  readonly direct: { id: string[]; from: string[]; to: string[]; amount: string[] } = { id: [], from: [], to: [], amount: [] };
  // Legs, one column per field.
  readonly leg = { id: [] as string[], tx: [] as string[], wallet: [] as string[], input: [] as boolean[], amount: [] as string[], currency: [] as string[], position: [] as string[], spends: [] as string[] };
  // Tags: by entity id and by normalised address; wallet addresses by entity id.
  readonly tagById = new Map<string, string[]>();
  readonly tagByKey = new Map<string, string[]>();
  readonly keyOf = new Map<string, string>();

  constructor(readonly model: Model) {}

  setAside(reason: SetAsideReason, id: string): void {
    let a = this.aside.get(reason);
    if (!a) this.aside.set(reason, (a = { reason, count: 0, examples: [] }));
    a.count++;
    if (a.examples.length < 5) a.examples.push(id);
  }

  /** Units of an amount in a currency, or null (set aside with the reason). */
  units(id: string, amount: string | undefined, currency: string | undefined): bigint | null {
    if (!currency || !CURRENCY.test(currency.trim())) return this.setAside('unknown currency', id), null;
    if (amount === undefined || amount.trim() === '') return this.setAside('no amount', id), null;
    const p = parseUnits(amount, currencyScale(currency));
    if (!p || p.units <= 0n) return this.setAside('bad amount', id), null;
    return p.units;
  }

  row(id: string, from: string, fromKind: NodeKind, to: string, toKind: NodeKind, time: number, units: bigint, currency: string): void {
    this.b.addUnits(this.b.node(from, fromKind), this.b.node(to, toKind), time, units, this.b.currency(currency), id);
  }

  entity(e: EntityScratch): void {
    const kind = e.kind(this.model);
    if (kind === 'payment') this.payment(e);
    else if (kind === 'transfer') this.transfer(e);
    else if (kind === 'leg') this.legOf(e);
    else if (kind === 'wallet' || kind === 'account') this.tags(e, kind);
  }

  payment(e: EntityScratch): void {
    this.counts.payments++;
    const from = e.get('payerAccount') ?? e.get('payer');
    const to = e.get('beneficiaryAccount') ?? e.get('beneficiary');
    if (!from || !to) return this.setAside('no endpoints', e.id);
    const seq = Number(e.get('sequenceNumber'));
    const time = parseTime(e.get('date') ?? e.get('startDate')) ?? (e.get('sequenceNumber') !== undefined && Number.isFinite(seq) ? seq * 86_400 : null);
    if (time === null) return this.setAside('no time', e.id);
    const currency = e.get('currency');
    const units = this.units(e.id, e.get('amount'), currency);
    if (units !== null) this.row(e.id, from, 'account', to, 'account', time, units, currency!);
  }

  transfer(e: EntityScratch): void {
    this.counts.transfers++;
    const time = parseTime(e.get('date') ?? e.get('startDate'));
    if (time !== null) this.txTime.set(e.id, time);
    const currency = e.get('currency');
    if (currency) this.txCurrency.set(e.id, currency);
    const hash = e.get('transactionHash');
    if (hash) this.txByHash.set(hash.trim().toLowerCase(), e.id);
    const from = e.get('sender');
    const to = e.get('receiver');
    if (from && to) {
      this.direct.id.push(e.id);
      this.direct.from.push(from);
      this.direct.to.push(to);
      this.direct.amount.push(e.get('amount') ?? '');
    }
  }

  legOf(e: EntityScratch): void {
    this.counts.legs++;
    const l = this.leg;
    l.id.push(e.id);
    l.tx.push(e.get('transfer') ?? '');
    l.wallet.push(e.get('wallet') ?? '');
    l.input.push((e.get('direction') ?? '').trim().toLowerCase().startsWith('in'));
    l.amount.push(e.get('amount') ?? '');
    l.currency.push(e.get('currency') ?? '');
    l.position.push((e.get('position') ?? '').trim());
    l.spends.push((e.get('spends') ?? '').trim().toLowerCase());
  }

  tags(e: EntityScratch, kind: 'wallet' | 'account'): void {
    const cats: string[] = [];
    const c = e.get('tagCategory');
    if (c) cats.push(c.trim().toLowerCase());
    if (e.topics.some((t) => t.toLowerCase().includes('sanction'))) cats.push('sanctioned');
    const raw = kind === 'wallet' ? e.get('publicKey') : undefined;
    const key = raw ? (normalizeCryptoAddress(raw)?.key ?? raw.trim().toLowerCase()) : undefined;
    if (key) this.keyOf.set(e.id, key);
    if (cats.length === 0) return;
    this.tagById.set(e.id, cats);
    if (key) this.tagByKey.set(key, [...(this.tagByKey.get(key) ?? []), ...cats]);
  }
}

/**
 * Builds the ledger of everything the caller may see (optionally within datasets).
 * @example const { ledger, setAside } = await loadLedger(ctx, store, { datasets: ['chain-btc', 'tagpacks'] });
 */
export async function loadLedger(ctx: Context, store: Store, options: LoadLedgerOptions = {}): Promise<LedgerLoad> {
  const c = new Collector(store.model);
  const e = new EntityScratch();
  const where = { props: LEDGER_PROPS, ...(options.datasets ? { datasets: options.datasets } : {}) };
  for await (const batch of store.iterateStatements(ctx, where, options.batchSize ?? 20_000)) {
    c.counts.statements += batch.length;
    for (const s of batch) {
      if (s.entityId !== e.id) {
        if (e.id !== '') c.entity(e);
        e.reset(s.entityId);
      }
      e.add(store.model, s);
    }
  }
  if (e.id !== '') c.entity(e);
  finishDirect(c, finishLegs(c));
  finishTags(c);
  return { ledger: c.b.build(), setAside: [...c.aside.values()], counts: c.counts };
}

/** UTXO legs: spends resolved against earlier outputs, then each transaction's inputs and outputs, in time order. */
function finishLegs(c: Collector): Set<string> {
  const l = c.leg;
  const output = new Map<string, number>();
  const hashOf = new Map([...c.txByHash].map(([hash, id]) => [id, hash] as const));
  for (let i = 0; i < l.id.length; i++) {
    if (l.input[i] || l.position[i] === '') continue;
    output.set(`${l.tx[i]}:${l.position[i]}`, i);
    const hash = hashOf.get(l.tx[i]!);
    if (hash) output.set(`${hash}:${l.position[i]}`, i);
  }
  const byTx = new Map<string, number[]>();
  for (let i = 0; i < l.id.length; i++) {
    if (l.input[i] && l.spends[i] && (!l.wallet[i] || !l.amount[i])) {
      const [txid, vout] = [l.spends[i]!.slice(0, l.spends[i]!.lastIndexOf(':')), l.spends[i]!.slice(l.spends[i]!.lastIndexOf(':') + 1)];
      const o = output.get(`${txid}:${vout}`) ?? output.get(`${c.txByHash.get(txid) ?? ''}:${vout}`);
      if (o === undefined) {
        c.setAside('unresolved spends', l.id[i]!);
        continue;
      }
      l.wallet[i] ||= l.wallet[o]!;
      l.amount[i] ||= l.amount[o]!;
      l.currency[i] ||= l.currency[o]!;
    }
    const list = byTx.get(l.tx[i]!);
    if (list) list.push(i);
    else byTx.set(l.tx[i]!, [i]);
  }
  const txs = [...byTx.keys()].sort((a, b) => (c.txTime.get(a) ?? 0) - (c.txTime.get(b) ?? 0));
  for (const tx of txs) {
    const legs = byTx.get(tx)!.sort((a, b) => Number(l.input[b]) - Number(l.input[a]) || Number(l.position[a]) - Number(l.position[b]));
    const time = c.txTime.get(tx);
    for (const i of legs) {
      if (!l.wallet[i] || !tx) c.setAside('no endpoints', l.id[i]!);
      else if (time === undefined) c.setAside('no time', l.id[i]!);
      else {
        const currency = l.currency[i] || c.txCurrency.get(tx);
        const units = c.units(l.id[i]!, l.amount[i], currency);
        if (units === null) continue;
        if (l.input[i]) c.row(l.id[i]!, l.wallet[i]!, 'wallet', tx, 'tx', time, units, currency!);
        else c.row(l.id[i]!, tx, 'tx', l.wallet[i]!, 'wallet', time, units, currency!);
      }
    }
  }
  return new Set(byTx.keys());
}

/** Account-based transfers (no legs): one row sender → receiver. */
function finishDirect(c: Collector, withLegs: Set<string>): void {
  const d = c.direct;
  for (let i = 0; i < d.id.length; i++) {
    const id = d.id[i]!;
    if (withLegs.has(id)) continue; // a UTXO transaction's sender/receiver summarise its legs: no second row
    if (!c.txTime.has(id)) {
      c.setAside('no time', id);
      continue;
    }
    const currency = c.txCurrency.get(id);
    const units = c.units(id, d.amount[i], currency);
    if (units !== null) c.row(id, d.from[i]!, 'wallet', d.to[i]!, 'wallet', c.txTime.get(id)!, units, currency!);
  }
}

/** Tags every node by its own tags and by those of any wallet with the same normalised address. */
function finishTags(c: Collector): void {
  const ids = new Set([...c.tagById.keys(), ...c.keyOf.keys()]);
  for (const id of ids) {
    if (!c.b.has(id)) continue;
    const key = c.keyOf.get(id);
    const cats = [...(c.tagById.get(id) ?? []), ...(key ? (c.tagByKey.get(key) ?? []) : [])];
    if (cats.length === 0) continue;
    c.b.tag(id, cats[0]!);
    c.counts.tagged++;
  }
}
