/**
 * The AMLSim reader: the simulator's CSV output as Payments between BankAccounts. It reads the sample's
 * `transactions.csv` (sourceNodeId,targetNodeId,value,time) and `nodes.csv` (nodeid,…), and the full
 * AMLSim's `transactions.csv`/`tx.csv` (TX_ID or tran_id, …) and `accounts.csv` (ACCOUNT_ID or acct_id, …);
 * the header says which. Account ids are those of mappings/amlsim/ (FtM make_id of "amlsim-account" and
 * the id), so the two importers meet. Each row is its own Payment (by TX_ID, else by line): exact repeat
 * rows stay apart.
 *
 * GROUND TRUTH IS NOT IMPORTED: isFraud, fraudStep, IS_FRAUD, IS_SAR, is_sar, ALERT_ID, alert_id and
 * prior_sar_count label the simulated laundering. The typology detectors are evaluated against them,
 * so they must never become statements the detectors could read.
 */
import { createHash } from 'node:crypto';
import { excerpt, type RawEntity, type ReadItem, type Reader, type ReaderOptions } from '../reader.ts';
import { columnFinder, csvTable } from './csv-table.ts';

/** The label columns that are never read (compared after lower-casing). */
export const GROUND_TRUTH_COLUMNS: readonly string[] = ['isfraud', 'fraudstep', 'is_fraud', 'is_sar', 'alert_id', 'prior_sar_count'];

type Kind = 'transactions' | 'accounts';

interface Layout {
  kind: Kind;
  /** Column index per role; undefined when the file has no such column. */
  col: Record<string, number | undefined>;
  /** Positions of the label columns, blanked even in the reject file's copy of a row. */
  truth: number[];
}

const AMOUNT = /^\d{1,30}(\.\d{1,18})?$/;
const STEP = /^\d{1,12}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The account's entity id, exactly as mappings/amlsim/ makes it (SHA-1 of key literal + id). */
export function amlsimAccountId(accountId: string): string {
  return createHash('sha1').update(`amlsim-account${accountId.trim().normalize('NFKC')}`).digest('hex');
}

/** Which AMLSim file a header is, and where its (non-label) columns are. */
function layoutOf(names: string[]): Layout | undefined {
  const truth = names.flatMap((n, i) => (GROUND_TRUTH_COLUMNS.includes(n.trim().toLowerCase()) ? [i] : []));
  const find = columnFinder(names.map((n) => (GROUND_TRUTH_COLUMNS.includes(n.trim().toLowerCase()) ? '' : n)));
  const sender = find('sourceNodeId', 'SENDER_ACCOUNT_ID', 'orig_acct', 'nameOrig');
  const receiver = find('targetNodeId', 'RECEIVER_ACCOUNT_ID', 'bene_acct', 'nameDest');
  if (sender !== undefined && receiver !== undefined) {
    return {
      kind: 'transactions',
      truth,
      col: {
        sender,
        receiver,
        id: find('TX_ID', 'tran_id'),
        amount: find('value', 'TX_AMOUNT', 'base_amt', 'amount'),
        time: find('time', 'TIMESTAMP', 'tran_timestamp', 'step'),
        type: find('TX_TYPE', 'tx_type'),
        currency: find('currency', 'CURRENCY', 'acct_rptng_crncy'),
      },
    };
  }
  const account = find('nodeid', 'ACCOUNT_ID', 'acct_id');
  if (account === undefined) return undefined;
  return {
    kind: 'accounts',
    truth,
    col: {
      account,
      balance: find('init_balance', 'INIT_BALANCE', 'initial_deposit'),
      country: find('COUNTRY', 'country'),
      type: find('ACCOUNT_TYPE', 'type'),
      name: find('dsply_nm'),
      currency: find('acct_rptng_crncy', 'currency', 'CURRENCY'),
      opened: find('open_dt'),
    },
  };
}

class Bad extends Error {}

const account = (id: string, props: Record<string, string[]> = {}): RawEntity => ({ id: amlsimAccountId(id), schema: 'BankAccount', properties: { accountNumber: [id], ...props } });

function idOf(v: string, what: string): string {
  if (v === '' || v.length > 100) throw new Bad(`${what} ${v === '' ? 'is empty' : 'is longer than 100 characters'}`);
  return v;
}

function amountOf(v: string, what: string): string {
  if (!AMOUNT.test(v)) throw new Bad(`${what} ${JSON.stringify(v.slice(0, 40))} is not a non-negative decimal amount`);
  return v;
}

function transactionEntities(l: Layout, line: number, f: (role: string) => string): RawEntity[] {
  const payer = account(idOf(f('sender'), 'the sender account'));
  const payee = account(idOf(f('receiver'), 'the receiver account'));
  const props: Record<string, string[]> = {
    payerAccount: [payer.id],
    beneficiaryAccount: [payee.id],
    amount: [amountOf(f('amount'), 'the amount')],
    currency: [f('currency') || 'USD'],
  };
  const time = f('time');
  if (STEP.test(time)) props.sequenceNumber = [time];
  else if (ISO_DATE.test(time)) props.date = [time.replace(' ', 'T')];
  else if (time) throw new Bad(`the time ${JSON.stringify(time.slice(0, 30))} is neither a simulation step nor a date`);
  const type = f('type');
  if (type) props.summary = [`transaction type: ${type.slice(0, 50)}`];
  const txId = f('id');
  if (txId) props.transactionNumber = [txId];
  const id = txId ? `amlsim-tx:${txId}` : `amlsim-row:${line}`;
  return [{ id, schema: 'Payment', properties: props }, payer, ...(payee.id === payer.id ? [] : [payee])];
}

function accountEntities(f: (role: string) => string): RawEntity[] {
  const props: Record<string, string[]> = { currency: [f('currency') || 'USD'] };
  const balance = f('balance');
  if (balance) props.balance = [amountOf(balance, 'the initial balance')];
  for (const [prop, role] of [
    ['country', 'country'],
    ['accountType', 'type'],
    ['name', 'name'],
    ['openingDate', 'opened'],
  ] as const) {
    const v = f(role);
    if (v) props[prop] = [v];
  }
  return [account(idOf(f('account'), 'the account id'), props)];
}

function rowItem(l: Layout, line: number, fields: string[]): ReadItem {
  const f = (role: string): string => {
    const i = l.col[role];
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  try {
    const entities = l.kind === 'transactions' ? transactionEntities(l, line, f) : accountEntities(f);
    return { kind: 'entities', line, entities };
  } catch (err) {
    if (!(err instanceof Bad)) throw err;
    const raw = fields.map((v, i) => (l.truth.includes(i) ? '' : v)).join(',');
    return { kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason: `line ${line}: ${err.message}`, raw: excerpt(raw) };
  }
}

/**
 * Reads an AMLSim CSV file (transactions or accounts, sample or full simulator).
 * @example for await (const item of readAmlsim(readBytes('transactions.csv'), { fileName: 'transactions.csv' })) …
 */
export const readAmlsim: Reader = async function* (input: AsyncIterable<Buffer>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  let layout: Layout | undefined;
  for await (const t of csvTable(input, options)) {
    if (t.kind === 'header') {
      layout = layoutOf(t.names);
      if (!layout) {
        yield { kind: 'reject', line: t.line, code: 'CORVID_ERR_INGEST_FORMAT', reason: `${options.fileName}: not an AMLSim file: the header has no sender/receiver or account id column (${t.names.slice(0, 10).join(', ')}); nothing was read` };
        return;
      }
    } else if (t.kind === 'row') yield rowItem(layout!, t.line, t.fields);
    else yield t;
  }
};
