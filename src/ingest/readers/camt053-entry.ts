/**
 * camt.053 parts → FtM entities: the statement's account (Stmt/Acct) as a BankAccount with its owner,
 * and each entry (Ntry), or each of its transactions (TxDtls) when it has several, as a Payment. The
 * credit/debit indicator decides who pays: DBIT, the statement's account pays the creditor; CRDT, the
 * debtor pays the statement's account. Element names are those of versions .001.02 to .001.08 (a party
 * is `Dbtr/Nm` up to .001.07 and `Dbtr/Pty/Nm` from .001.08; both are read).
 */
import type { RawEntity, ReadItem } from '../reader.ts';
import { child, childrenNamed, textAt, type XmlNode } from './camt053-xml.ts';
import { refId } from './source-ids.ts';

/** The statement an entry belongs to. */
export interface Statement {
  /** Stmt/Id, or the statement's number in the file. */
  key: string;
  accountId: string;
  ownerId?: string;
}

const AMOUNT = /^\d{1,18}(\.\d{1,10})?$/;
const CURRENCY = /^[A-Z]{3}$/;

const reject = (line: number, reason: string): ReadItem => ({ kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason });

/** An account's id from its identification: the IBAN when there is one (so statements meet), else Othr/Id. */
function accountIdOf(id: XmlNode | undefined): { id: string; props: Record<string, string[]> } | undefined {
  const iban = textAt(id, 'IBAN')?.replace(/\s+/g, '').toUpperCase();
  if (iban) return { id: refId('iban:', iban), props: { iban: [iban] } };
  const other = textAt(id, 'Othr', 'Id');
  return other ? { id: refId('account:', other), props: { accountNumber: [other] } } : undefined;
}

/** A party's name: `Nm` (≤ .001.07) or `Pty/Nm` (.001.08). */
const partyName = (party: XmlNode | undefined): string | undefined => textAt(party, 'Nm') ?? textAt(party, 'Pty', 'Nm');

const partyEntity = (id: string, name: string): RawEntity => ({ id, schema: 'LegalEntity', properties: { name: [name] } });

/**
 * The statement's account and owner, from Stmt/Acct.
 * @example accountItem(acctNode, 'STMT-1', 1) // { statement: { accountId: 'iban:DE…' }, item: { kind: 'entities', … } }
 */
export function accountItem(acct: XmlNode, key: string, number: number): { statement: Statement; item: ReadItem } {
  const ident = accountIdOf(child(acct, 'Id')) ?? { id: refId('camt-account:', `${key}:${number}`), props: {} };
  const props: Record<string, string[]> = { ...ident.props };
  for (const [prop, path] of [
    ['currency', ['Ccy']],
    ['name', ['Nm']],
    ['bankName', ['Svcr', 'FinInstnId', 'Nm']],
    ['bic', ['Svcr', 'FinInstnId', 'BIC']],
    ['bic', ['Svcr', 'FinInstnId', 'BICFI']],
  ] as const) {
    const v = textAt(acct, ...path);
    if (v) props[prop] = [v];
  }
  const entities: RawEntity[] = [{ id: ident.id, schema: 'BankAccount', properties: props }];
  const statement: Statement = { key, accountId: ident.id };
  const owner = partyName(child(acct, 'Ownr'));
  if (owner) {
    statement.ownerId = `camt-owner:${ident.id}`;
    entities.push(partyEntity(statement.ownerId, owner));
    entities.push({ id: `camt-ownership:${ident.id}`, schema: 'Ownership', properties: { owner: [statement.ownerId], asset: [ident.id] } });
  }
  return { statement, item: { kind: 'entities', line: acct.line, entities } };
}

/** The counterparty of a transaction: the creditor of a debit, the debtor of a credit. */
function counterparty(tx: XmlNode | undefined, debit: boolean): { entities: RawEntity[]; partyId?: string; accountId?: string } {
  const parties = child(tx, 'RltdPties');
  const party = child(parties, debit ? 'Cdtr' : 'Dbtr');
  const acct = accountIdOf(child(parties, debit ? 'CdtrAcct' : 'DbtrAcct', 'Id'));
  const name = partyName(party);
  const entities: RawEntity[] = [];
  const out: { entities: RawEntity[]; partyId?: string; accountId?: string } = { entities };
  if (acct) {
    out.accountId = acct.id;
    entities.push({ id: acct.id, schema: 'BankAccount', properties: acct.props });
  }
  if (name) {
    // Named by account and name: the same party paying from the same account is one entity.
    out.partyId = refId('camt-party:', acct ? `${acct.id}\u001f${name}` : name);
    entities.push(partyEntity(out.partyId, name));
  }
  return out;
}

/** The amount and currency of a node's `Amt` (exact text), or why there is none. */
function amountOf(n: XmlNode | undefined, what: string): { amount: string; currency: string } | string {
  if (!n) return `${what} has no amount (Amt)`;
  const ccy = n.attrs.Ccy ?? '';
  if (!AMOUNT.test(n.text)) return `${what}: Amt ${JSON.stringify(n.text.slice(0, 40))} is not a decimal amount`;
  if (!CURRENCY.test(ccy)) return `${what}: Amt has no currency (Ccy="${ccy.slice(0, 10)}")`;
  return { amount: n.text, currency: ccy };
}

function directionOf(n: XmlNode | undefined, fallback?: boolean): boolean | string {
  const v = textAt(n, 'CdtDbtInd');
  if (v === undefined && fallback !== undefined) return fallback;
  if (v === 'DBIT') return true;
  if (v === 'CRDT') return false;
  return `CdtDbtInd is ${v === undefined ? 'missing' : JSON.stringify(v.slice(0, 10))} (DBIT or CRDT)`;
}

const dateOf = (ntry: XmlNode): string | undefined =>
  textAt(ntry, 'BookgDt', 'Dt') ?? textAt(ntry, 'BookgDt', 'DtTm') ?? textAt(ntry, 'ValDt', 'Dt') ?? textAt(ntry, 'ValDt', 'DtTm');

function referenceOf(ntry: XmlNode, tx: XmlNode | undefined, single: boolean): string | undefined {
  const e2e = textAt(tx, 'Refs', 'EndToEndId');
  return textAt(tx, 'Refs', 'AcctSvcrRef') ?? (single ? textAt(ntry, 'AcctSvcrRef') : undefined) ?? (e2e && e2e !== 'NOTPROVIDED' ? e2e : undefined) ?? textAt(ntry, 'AcctSvcrRef');
}

function summaryOf(ntry: XmlNode): string[] {
  const out: string[] = [];
  if (/^(true|1)$/i.test(textAt(ntry, 'RvslInd') ?? '')) out.push('reversal (RvslInd): this entry reverses an earlier one');
  const status = textAt(ntry, 'Sts', 'Cd') ?? textAt(ntry, 'Sts');
  if (status && status !== 'BOOK') out.push(`entry status ${status} (not booked)`);
  return out;
}

/**
 * One entry → its payments (one, or one per TxDtls when there are several), or a reject with the reason.
 * @example entryItem(ntryNode, statement, 3)
 */
export function entryItem(ntry: XmlNode, stmt: Statement | undefined, number: number): ReadItem {
  const line = ntry.line;
  if (!stmt) return reject(line, `entry at line ${line}: no statement account (Stmt/Acct) precedes it`);
  const entryAmount = amountOf(child(ntry, 'Amt'), `entry at line ${line}`);
  if (typeof entryAmount === 'string') return reject(line, entryAmount);
  const debit = directionOf(ntry);
  if (typeof debit === 'string') return reject(line, `entry at line ${line}: ${debit}`);
  const txs = childrenNamed(ntry, 'NtryDtls').flatMap((d) => childrenNamed(d, 'TxDtls'));
  const parts: (XmlNode | undefined)[] = txs.length ? txs : [undefined];
  const entities: RawEntity[] = [];
  for (const [i, tx] of parts.entries()) {
    const made = paymentOf(ntry, tx, stmt, { number, index: i, single: parts.length === 1, entryAmount, debit });
    if (typeof made === 'string') return reject(line, `entry at line ${line}, transaction ${i + 1} of ${parts.length} (line ${tx?.line ?? line}): ${made}`);
    entities.push(...made);
  }
  return { kind: 'entities', line, entities };
}

interface PaymentContext {
  number: number;
  index: number;
  single: boolean;
  entryAmount: { amount: string; currency: string };
  debit: boolean;
}

function paymentOf(ntry: XmlNode, tx: XmlNode | undefined, stmt: Statement, c: PaymentContext): RawEntity[] | string {
  const own = child(tx, 'Amt') ?? child(tx, 'AmtDtls', 'TxAmt', 'Amt');
  const money = own ? amountOf(own, 'the transaction') : c.single ? c.entryAmount : 'the transaction has no amount (TxDtls/Amt or AmtDtls/TxAmt/Amt) and the entry holds several';
  if (typeof money === 'string') return money;
  const debit = directionOf(tx, c.debit);
  if (typeof debit === 'string') return debit;
  const other = counterparty(tx, debit);
  const props: Record<string, string[]> = { amount: [money.amount], currency: [money.currency] };
  const set = (prop: string, v: string | undefined): void => {
    if (v) props[prop] = [v];
  };
  const [payer, payerAccount, beneficiary, beneficiaryAccount] = debit
    ? [stmt.ownerId, stmt.accountId, other.partyId, other.accountId]
    : [other.partyId, other.accountId, stmt.ownerId, stmt.accountId];
  set('payer', payer);
  set('payerAccount', payerAccount);
  set('beneficiary', beneficiary);
  set('beneficiaryAccount', beneficiaryAccount);
  set('date', dateOf(ntry));
  set('transactionNumber', referenceOf(ntry, tx, c.single));
  set('recordId', textAt(ntry, 'NtryRef'));
  set('description', textAt(ntry, 'AddtlNtryInf'));
  const purpose = childrenNamed(child(tx, 'RmtInf'), 'Ustrd').map((u) => u.text).filter(Boolean);
  if (purpose.length) props.purpose = [purpose.join(' ')];
  const summary = summaryOf(ntry);
  if (summary.length) props.summary = [summary.join('; ')];
  const id = `camt:${stmt.accountId}:${stmt.key}:${c.number}:${c.index + 1}`;
  return [{ id, schema: 'Payment', properties: props }, ...other.entities];
}
