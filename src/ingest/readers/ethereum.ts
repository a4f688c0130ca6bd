/**
 * The Ethereum reader: CSV exports of Etherscan and its clones (normal transactions, ERC-20 token
 * transfers, internal transactions; ethereum-columns.ts tells them apart). One account-based
 * CryptoTransfer per row between the sender's and receiver's CryptoWallets, amount exact as written.
 * Failed transactions and zero-value rows are skips with the reason. The first item says which kind of
 * export was recognised (a skip of the header line).
 */
import { normalizeCryptoAddress } from '../../resolve/normalize/crypto.ts';
import type { RawEntity, ReadItem, Reader, ReaderOptions } from '../reader.ts';
import { cryptoWallet } from './crypto-wallet.ts';
import { csvTable } from './csv-table.ts';
import { chainOf, detectColumns, kindLabel, type Columns } from './ethereum-columns.ts';

const HASH = /^0x[0-9a-fA-F]{64}$/;
const DECIMAL = /^\d{1,60}(\.\d{1,36})?$/;
/** Etherscan writes token amounts with thousands separators ("1,000.5"). */
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d{1,36})?$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/;

class Bad extends Error {}

/** An exact decimal amount, thousands separators dropped; zero is "0". */
function amountOf(raw: string, what: string): string {
  const s = raw.trim();
  const plain = GROUPED.test(s) ? s.replace(/,/g, '') : s;
  if (!DECIMAL.test(plain)) throw new Bad(`${what} ${JSON.stringify(s.slice(0, 40))} is not a non-negative decimal amount`);
  return plain;
}

const isZero = (amount: string): boolean => /^0*(\.0*)?$/.test(amount);

function addressOf(raw: string, what: string): string {
  const n = normalizeCryptoAddress(raw.trim());
  if (!n || n.chain !== 'eth') throw new Bad(`${what} ${JSON.stringify(raw.trim().slice(0, 50))} is not an Ethereum address`);
  return n.address;
}

function dateOf(c: Columns, f: (i: number | undefined) => string): string | undefined {
  const unix = f(c.unix);
  if (unix) {
    if (!/^\d{1,12}$/.test(unix)) throw new Bad(`UnixTimestamp ${JSON.stringify(unix.slice(0, 20))} is not a Unix time`);
    return new Date(Number(unix) * 1000).toISOString().replace('.000Z', 'Z');
  }
  const dt = f(c.dateTime);
  if (!dt) return undefined;
  const m = DATE_TIME.exec(dt);
  if (!m) throw new Bad(`DateTime ${JSON.stringify(dt.slice(0, 30))} is not "YYYY-MM-DD hh:mm:ss"`);
  return `${m[1]}T${m[2]}Z`;
}

/** Why a row is a failed transaction, if it is one. */
function failure(c: Columns, f: (i: number | undefined) => string): string | undefined {
  const err = f(c.errCode);
  const status = f(c.status);
  if (err) return `failed transaction (ErrCode: ${err.slice(0, 80)})`;
  // Internal exports write isError (0 = fine, 1 = failed); normal exports leave Status empty or write Error(n).
  const fine = c.kind === 'internal' ? /^0?$/ : /^(success|1|ok|0x1)$/i;
  if (status && !fine.test(status)) return `failed transaction (Status: ${status.slice(0, 80)})`;
  return undefined;
}

/** The row's amount and currency (the native coin, or the token's symbol and contract). */
function valueOf(c: Columns, f: (i: number | undefined) => string): { amount: string; currency: string; token?: string } {
  if (c.kind === 'token') {
    const symbol = f(c.tokenSymbol) || f(c.tokenName) || 'UNKNOWN-TOKEN';
    const contract = f(c.contract);
    const out: { amount: string; currency: string; token?: string } = { amount: amountOf(f(c.value), 'TokenValue'), currency: symbol.slice(0, 40) };
    if (contract) out.token = addressOf(contract, 'ContractAddress');
    return out;
  }
  const inV = c.valueIn !== undefined ? amountOf(f(c.valueIn) || '0', `Value_IN(${c.native})`) : undefined;
  const outV = c.valueOut !== undefined ? amountOf(f(c.valueOut) || '0', `Value_OUT(${c.native})`) : undefined;
  const single = c.value !== undefined && inV === undefined && outV === undefined ? amountOf(f(c.value), 'Value') : undefined;
  const amount = [inV, outV, single].find((v) => v !== undefined && !isZero(v)) ?? '0';
  return { amount, currency: c.native };
}

/** One row → its item. */
function rowItem(c: Columns, line: number, fields: string[], raw: string): ReadItem {
  const f = (i: number | undefined): string => (i === undefined ? '' : (fields[i] ?? '').trim());
  try {
    const hash = f(c.hash);
    if (!HASH.test(hash)) throw new Bad(`Transaction Hash ${JSON.stringify(hash.slice(0, 70))} is not 0x and 64 hex digits`);
    const failed = failure(c, f);
    if (failed) return { kind: 'skip', line, reason: `line ${line}: ${failed}` };
    const value = valueOf(c, f);
    if (isZero(value.amount)) return { kind: 'skip', line, reason: `line ${line}: zero-value ${c.kind === 'token' ? 'token transfer' : 'transaction'} (moves no value)` };
    const from = addressOf(f(c.from), 'From');
    // A contract creation has no To; the new contract receives the value.
    const to = addressOf(f(c.to) || f(c.contract), 'To');
    return { kind: 'entities', line, entities: transferEntities(c, hash.toLowerCase(), from, to, value, f) };
  } catch (err) {
    if (!(err instanceof Bad)) throw err;
    return { kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason: `line ${line}: ${err.message}`, raw };
  }
}

function transferEntities(c: Columns, hash: string, from: string, to: string, value: { amount: string; currency: string; token?: string }, f: (i: number | undefined) => string): RawEntity[] {
  const sender = cryptoWallet(c.native, from);
  const receiver = cryptoWallet(c.native, to);
  const props: Record<string, string[]> = {
    transactionHash: [hash],
    chain: [chainOf(c.native)],
    amount: [value.amount],
    currency: [value.currency],
    sender: [sender.id],
    receiver: [receiver.id],
  };
  const date = dateOf(c, f);
  if (date) props.date = [date];
  const block = f(c.block);
  if (block) {
    if (!/^\d{1,12}$/.test(block)) throw new Bad(`Blockno ${JSON.stringify(block.slice(0, 20))} is not a block number`);
    props.blockNumber = [block];
  }
  if (value.token) props.token = [value.token];
  const fee = c.kind === 'normal' ? f(c.fee) : '';
  if (fee) props.fee = [amountOf(fee, `TxnFee(${c.native})`)];
  const method = f(c.method);
  if (method) props.summary = [`method: ${method.slice(0, 100)}`];
  // A transaction hash is unique for normal rows; token and internal rows share it, so their ids add what moved.
  const id = c.kind === 'normal' ? `eth-tx:${hash}` : `eth-${c.kind}:${hash}:${from}:${to}:${value.token ?? value.currency}:${value.amount}`;
  return [{ id, schema: 'CryptoTransfer', properties: props }, sender, ...(receiver.id === sender.id ? [] : [receiver])];
}

/**
 * Reads an Etherscan-style CSV export.
 * @example for await (const item of readEthereum(readBytes('export-0xabc.csv'), { fileName: 'export-0xabc.csv' })) …
 */
export const readEthereum: Reader = async function* (input: AsyncIterable<Buffer>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  let cols: Columns | undefined;
  for await (const t of csvTable(input, options)) {
    if (t.kind === 'header') {
      const c = detectColumns(t.names);
      if (typeof c === 'string') {
        yield { kind: 'reject', line: t.line, code: 'CORVID_ERR_INGEST_FORMAT', reason: `${options.fileName}: ${c}; nothing was read` };
        return;
      }
      cols = c;
      yield { kind: 'skip', line: t.line, reason: `header: recognised an export of ${kindLabel(c.kind)} (${c.native}, chain ${chainOf(c.native)})` };
    } else if (t.kind === 'row') yield rowItem(cols!, t.line, t.fields, t.raw);
    else yield t;
  }
};
