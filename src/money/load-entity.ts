/** One entity's ledger-relevant values gathered from its run of statements, reused from entity to entity. */
import type { Model } from '../model/schema.ts';
import type { Statement } from '../model/statement.ts';

/** The properties the ledger reads; the loader asks the store for these only. */
export const LEDGER_PROPS = [
  'payer', 'payerAccount', 'beneficiary', 'beneficiaryAccount', 'amount', 'currency', 'date', 'startDate', 'sequenceNumber',
  'sender', 'receiver', 'transactionHash', 'transfer', 'wallet', 'direction', 'position', 'spends',
  'publicKey', 'tagCategory', 'topics',
] as const;

export type LedgerKind = 'payment' | 'transfer' | 'leg' | 'wallet' | 'account' | null;

/** First value of each property of the current entity (later values of one property are ignored), and its schema. */
export class EntityScratch {
  id = '';
  schema = '';
  readonly values = new Map<string, string>();
  topics: string[] = [];

  reset(id: string): void {
    this.id = id;
    this.schema = '';
    this.values.clear();
    this.topics = [];
  }

  add(model: Model, s: Statement): void {
    if (this.schema === '' || (s.schema !== this.schema && model.has(s.schema) && model.has(this.schema) && model.isA(s.schema, this.schema))) this.schema = s.schema;
    if (s.prop === 'topics') this.topics.push(s.value);
    else if (!this.values.has(s.prop)) this.values.set(s.prop, s.value);
  }

  get(prop: string): string | undefined {
    return this.values.get(prop);
  }

  kind(model: Model): LedgerKind {
    if (!model.has(this.schema)) return null;
    const is = (x: string): boolean => this.schema === x || (model.has(x) && model.isA(this.schema, x));
    if (is('Payment')) return 'payment';
    if (is('CryptoTransferLeg')) return 'leg';
    if (is('CryptoTransfer')) return 'transfer';
    if (is('CryptoWallet')) return 'wallet';
    if (is('BankAccount')) return 'account';
    return null;
  }
}

/**
 * Seconds since the epoch of an FtM date (prefix precision: "2024", "2024-03", "2024-03-01T10:15"), read as UTC.
 * @example parseTime('2024-03-01') // 1709251200
 */
export function parseTime(text: string | undefined): number | null {
  if (!text) return null;
  let s = text.trim();
  if (/^\d{4}$/.test(s)) s += '-01-01';
  else if (/^\d{4}-\d{2}$/.test(s)) s += '-01';
  else if (/T\d{2}$/.test(s)) s += ':00';
  if (s.includes('T') && !/(Z|[+-]\d{2}:?\d{2})$/.test(s)) s += 'Z';
  const ms = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
  return Number.isFinite(ms) ? ms / 1000 : null;
}
