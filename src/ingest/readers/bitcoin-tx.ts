/**
 * One Bitcoin transaction (Bitcoin Core's verbose JSON or Esplora's) → a CryptoTransfer, one
 * CryptoTransferLeg per input and output, and a CryptoWallet per address. Output legs have the id
 * `btc-out:<txid>:<vout>` and inputs name the outpoint they spend (`spends` = "txid:vout"), so the
 * ledger can join an input to the earlier output even when the source gives no `prevout`.
 */
import { excerpt, type RawEntity, type ReadItem } from '../reader.ts';
import { cryptoWallet } from './crypto-wallet.ts';
import { btcToSats, indexOf, isoOfUnix, satsOf, satsToBtc, shown, txidOf, unixTime, type Checked } from './bitcoin-values.ts';
import { safeJson } from './json-array.ts';

/** Inputs plus outputs of one transaction; a real one stays far below (a block holds 4 MWU). */
export const MAX_LEGS = 100_000;

/** What a block says about the transactions in it. */
export interface BlockContext {
  height?: number;
  time?: number;
}

type Dialect = 'core' | 'esplora';
type Json = Record<string, unknown>;

interface Leg {
  direction: 'input' | 'output';
  position: number;
  address: string[];
  sats?: bigint;
  spends?: string;
  coinbase?: boolean;
  id: string;
}

interface Tx {
  txid: string;
  legs: Leg[];
  fee?: bigint;
  time?: number;
  height?: number;
}

class Bad extends Error {}

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function need<T>(c: Checked<T>): T {
  if (!c.ok) throw new Bad(c.reason);
  return c.value;
}

/** Esplora writes lower-case `scriptpubkey…` keys and a `status`; Core writes `scriptPubKey` and `n`. */
function dialectOf(tx: Json, vout: unknown[]): Dialect {
  if (isRecord(tx.status)) return 'esplora';
  const first = vout.find(isRecord);
  if (first && ('scriptpubkey' in first || 'scriptpubkey_address' in first)) return 'esplora';
  if (first && ('scriptPubKey' in first || 'n' in first)) return 'core';
  throw new Bad('cannot tell Bitcoin Core JSON from Esplora JSON: the outputs have neither scriptPubKey nor scriptpubkey');
}

function listOf(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new Bad(`${what} is not a list: ${shown(v)}`);
  return v;
}

/** The address(es) of a Core scriptPubKey: `address` (Core ≥ 22) or `addresses` (older). */
function coreAddresses(spk: unknown, what: string): string[] {
  if (spk === undefined) return [];
  if (!isRecord(spk)) throw new Bad(`${what}.scriptPubKey is not an object`);
  if (spk.address !== undefined) {
    if (typeof spk.address !== 'string') throw new Bad(`${what}.scriptPubKey.address is not text: ${shown(spk.address)}`);
    return [spk.address];
  }
  if (spk.addresses === undefined) return [];
  const list = listOf(spk.addresses, `${what}.scriptPubKey.addresses`);
  if (list.length > 20 || !list.every((a) => typeof a === 'string')) throw new Bad(`${what}.scriptPubKey.addresses is not a short list of addresses`);
  return list as string[];
}

function esploraAddress(o: Json, what: string): string[] {
  const a = o.scriptpubkey_address;
  if (a === undefined || a === null) return [];
  if (typeof a !== 'string') throw new Bad(`${what}.scriptpubkey_address is not text: ${shown(a)}`);
  return [a];
}

const amountOf = (d: Dialect, v: unknown, what: string): bigint => need(d === 'core' ? btcToSats(v, what) : satsOf(v, what));
const addressesOf = (d: Dialect, o: Json, what: string): string[] => (d === 'core' ? coreAddresses(o.scriptPubKey, what) : esploraAddress(o, what));

function outputLeg(d: Dialect, txid: string, o: unknown, i: number): Leg {
  const what = `vout[${i}]`;
  if (!isRecord(o)) throw new Bad(`${what} is not an object`);
  const n = d === 'core' && o.n !== undefined ? need(indexOf(o.n, `${what}.n`)) : i;
  return { direction: 'output', position: n, address: addressesOf(d, o, what), sats: amountOf(d, o.value, `${what}.value`), id: `btc-out:${txid}:${n}` };
}

function inputLeg(d: Dialect, txid: string, o: unknown, i: number): Leg {
  const what = `vin[${i}]`;
  if (!isRecord(o)) throw new Bad(`${what} is not an object`);
  const leg: Leg = { direction: 'input', position: i, address: [], id: `btc-in:${txid}:${i}` };
  if (o.coinbase !== undefined || o.is_coinbase === true) return { ...leg, coinbase: true };
  const spent = need(txidOf(o.txid, `${what}.txid`));
  leg.spends = `${spent}:${need(indexOf(o.vout, `${what}.vout`))}`;
  if (isRecord(o.prevout)) {
    leg.address = addressesOf(d, o.prevout, `${what}.prevout`);
    leg.sats = amountOf(d, o.prevout.value, `${what}.prevout.value`);
  } else if (o.prevout !== undefined && o.prevout !== null) throw new Bad(`${what}.prevout is not an object`);
  return leg;
}

function optional<T>(v: unknown, check: (v: unknown, what: string) => Checked<T>, what: string): T | undefined {
  return v === undefined || v === null ? undefined : need(check(v, what));
}

/** Reads the transaction's parts, throwing Bad with the reason at the first wrong one. */
function parseTx(value: unknown, block: BlockContext | undefined): Tx {
  if (!isRecord(value)) throw new Bad(`not a transaction object: ${shown(value)}`);
  const txid = need(txidOf(value.txid, 'txid'));
  const vin = listOf(value.vin, 'vin');
  const vout = listOf(value.vout, 'vout');
  if (vin.length + vout.length > MAX_LEGS) throw new Bad(`${vin.length} inputs and ${vout.length} outputs are more than the ${MAX_LEGS} a transaction can have`);
  if (vout.length === 0) throw new Bad('the transaction has no outputs');
  const d = dialectOf(value, vout);
  const status = d === 'esplora' && isRecord(value.status) ? value.status : {};
  const tx: Tx = { txid, legs: [...vin.map((o, i) => inputLeg(d, txid, o, i)), ...vout.map((o, i) => outputLeg(d, txid, o, i))] };
  const fee = value.fee === undefined || value.fee === null ? undefined : amountOf(d, value.fee, 'fee');
  const time = optional(d === 'core' ? (value.blocktime ?? value.time) : status.block_time, unixTime, 'time');
  const height = optional(d === 'core' ? value.height : status.block_height, indexOf, 'block height');
  if (fee !== undefined) tx.fee = fee;
  const t = time ?? block?.time;
  const h = height ?? block?.height;
  if (t !== undefined) tx.time = t;
  if (h !== undefined) tx.height = h;
  return tx;
}

function legEntity(leg: Leg, transferId: string, walletIds: string[]): RawEntity {
  const props: Record<string, string[]> = {
    transfer: [transferId],
    direction: [leg.direction],
    position: [String(leg.position)],
    currency: ['BTC'],
  };
  if (walletIds.length) props.wallet = walletIds;
  if (leg.sats !== undefined) props.amount = [satsToBtc(leg.sats)];
  if (leg.spends) props.spends = [leg.spends];
  if (leg.coinbase) props.summary = ['coinbase'];
  else if (leg.direction === 'output' && leg.address.length === 0) props.summary = ['output without an address (e.g. OP_RETURN data)'];
  return { id: leg.id, schema: 'CryptoTransferLeg', properties: props };
}

function entitiesOf(tx: Tx): RawEntity[] {
  const transferId = `btc-tx:${tx.txid}`;
  const total = tx.legs.filter((l) => l.direction === 'output').reduce((s, l) => s + (l.sats ?? 0n), 0n);
  const props: Record<string, string[]> = { transactionHash: [tx.txid], chain: ['bitcoin'], amount: [satsToBtc(total)], currency: ['BTC'] };
  if (tx.time !== undefined) props.date = [isoOfUnix(tx.time)];
  if (tx.height !== undefined) props.blockNumber = [String(tx.height)];
  if (tx.fee !== undefined) props.fee = [satsToBtc(tx.fee)];
  const wallets = new Map<string, RawEntity>();
  const legs = tx.legs.map((leg) => {
    const ids = leg.address.map((a) => {
      const w = cryptoWallet('BTC', a);
      wallets.set(w.id, w);
      return w.id;
    });
    return legEntity(leg, transferId, ids);
  });
  return [{ id: transferId, schema: 'CryptoTransfer', properties: props }, ...legs, ...wallets.values()];
}

/**
 * One transaction's item: its entities, or a reject naming what is wrong.
 * @example txItem(JSON.parse(esploraTxJson), 1, undefined, 'the transaction')
 */
export function txItem(value: unknown, line: number, block: BlockContext | undefined, where: string): ReadItem {
  try {
    return { kind: 'entities', line, entities: entitiesOf(parseTx(value, block)) };
  } catch (err) {
    if (!(err instanceof Bad)) throw err;
    return { kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason: `${where} (line ${line}): ${err.message}`, raw: excerpt(safeJson(value)) };
  }
}
