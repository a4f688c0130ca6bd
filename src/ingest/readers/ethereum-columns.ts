/**
 * Which Etherscan-style export a header is (normal transactions, ERC-20 token transfers, internal
 * transactions) and where its columns are. Explorers and their versions name columns differently
 * ("Txhash" / "Transaction Hash", "Blockno" / "Block Number", "Value_IN(BNB)" on BscScan), so columns
 * are found by name, case-insensitively, and the native coin is read from the value column's name.
 */
import { columnFinder } from './csv-table.ts';

export type ExportKind = 'normal' | 'token' | 'internal';

export interface Columns {
  kind: ExportKind;
  /** The chain's coin as the header names it (ETH, BNB, MATIC …). */
  native: string;
  hash: number;
  from: number;
  to: number;
  block?: number;
  unix?: number;
  dateTime?: number;
  contract?: number;
  valueIn?: number;
  valueOut?: number;
  /** A single value column (token exports, some internal exports). */
  value?: number;
  fee?: number;
  status?: number;
  errCode?: number;
  method?: number;
  tokenSymbol?: number;
  tokenName?: number;
}

const KIND_LABEL: Record<ExportKind, string> = {
  normal: 'normal transactions',
  token: 'ERC-20 token transfers',
  internal: 'internal transactions',
};

/** How a kind is named in messages. */
export const kindLabel = (k: ExportKind): string => KIND_LABEL[k];

/** The chain named by a native coin. */
export function chainOf(native: string): string {
  return ({ ETH: 'ethereum', BNB: 'bsc', MATIC: 'polygon', POL: 'polygon', FTM: 'fantom', AVAX: 'avalanche', GLMR: 'moonbeam' } as Record<string, string>)[native] ?? native.toLowerCase();
}

function nativeOf(names: string[]): string {
  for (const n of names) {
    const m = /^(?:value_?(?:in|out)|txnfee|parenttx\w*_?value)\s*\((\w+)\)$/i.exec(n.trim()) ?? /^parenttx(\w+)_value$/i.exec(n.trim());
    if (m && m[1]!.toUpperCase() !== 'USD') return m[1]!.toUpperCase();
  }
  return 'ETH';
}

/** The columns of a header, or why it is not an export this reader knows. */
export function detectColumns(names: string[]): Columns | string {
  const col = columnFinder(names);
  const native = nativeOf(names);
  const find = (...aliases: string[]): number | undefined => col(...aliases);
  const hash = find('Transaction Hash', 'Txhash', 'Txn Hash', 'hash', 'TxHash');
  const kind: ExportKind | undefined =
    find('TokenSymbol', 'Token Symbol', 'TokenValue') !== undefined ? 'token' : find('ParentTxFrom', 'TxTo', 'Type') !== undefined && find('Method') === undefined ? 'internal' : find(`Value_IN(${native})`, `Value_OUT(${native})`) !== undefined ? 'normal' : undefined;
  const from = find('From');
  const to = kind === 'internal' ? find('TxTo', 'To') : find('To');
  if (hash === undefined || from === undefined || to === undefined || kind === undefined) {
    return `not an Etherscan-style export: expected columns such as "Transaction Hash", "From", "To" and "Value_IN(ETH)" or "TokenValue" (header: ${names.slice(0, 12).join(', ')})`;
  }
  const c: Columns = { kind, native, hash, from, to };
  const set = (key: keyof Columns, ...aliases: string[]): void => {
    const i = find(...aliases);
    if (i !== undefined) (c as unknown as Record<string, number>)[key] = i;
  };
  set('block', 'Blockno', 'Block Number', 'blockNumber', 'Block');
  set('unix', 'UnixTimestamp', 'Unix Timestamp', 'timeStamp');
  set('dateTime', 'DateTime (UTC)', 'DateTime', 'Date Time (UTC)', 'Date');
  set('contract', 'ContractAddress', 'Contract Address');
  set('valueIn', `Value_IN(${native})`);
  set('valueOut', `Value_OUT(${native})`);
  set('value', 'TokenValue', 'Token Value', 'Quantity', 'Value', `Value(${native})`);
  set('fee', `TxnFee(${native})`, 'TxnFee', 'Txn Fee');
  set('status', 'Status');
  set('errCode', 'ErrCode', 'Err Code');
  set('method', 'Method');
  set('tokenSymbol', 'TokenSymbol', 'Token Symbol');
  set('tokenName', 'TokenName', 'Token Name');
  return c;
}
