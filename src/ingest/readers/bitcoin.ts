/**
 * The Bitcoin reader: Bitcoin Core's verbose `getrawtransaction` (a transaction, or the RPC envelope
 * `{result, error, id}`), `getblock` at verbosity 2 or 3 (the block's height and time apply to its
 * transactions), and Esplora's transaction JSON (one, or a list as `/address/:addr/txs` returns).
 * A list is streamed one transaction at a time; an object (a transaction or a block) is read whole.
 * One record per transaction (bitcoin-tx.ts).
 */
import type { ReadItem, Reader, ReaderOptions } from '../reader.ts';
import { txItem, type BlockContext } from './bitcoin-tx.ts';
import { indexOf, shown, unixTime } from './bitcoin-values.ts';
import { streamJsonArray } from './json-array.ts';
import { JsonArrayScanner, jsonDepthExceeds } from './json-scan.ts';
import { peekFirstByte, stripBom } from './lines.ts';
import { lineAt, readWholeText } from './whole-text.ts';

/** A transaction nests about five levels (block → tx → vin → prevout → scriptPubKey); 32 is generous. */
export const MAX_BITCOIN_DEPTH = 32;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const reject = (line: number, reason: string): ReadItem => ({ kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason });

/**
 * Reads Bitcoin transactions, one item per transaction in file order.
 * @example for await (const item of readBitcoin(readBytes('block.json'), { fileName: 'block.json' })) …
 */
export const readBitcoin: Reader = async function* (input: AsyncIterable<Buffer>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const { first, stream } = await peekFirstByte(stripBom(input));
  if (first === undefined) return;
  if (first === 0x5b /* [ */) {
    yield* streamJsonArray(stream, options, (v, line) => txItem(v, line, undefined, `the transaction at line ${line}`), MAX_BITCOIN_DEPTH);
    return;
  }
  const got = await readWholeText(stream, options.encoding);
  if ('reason' in got) {
    yield reject(1, `${options.fileName}: ${got.reason}`);
    return;
  }
  if (jsonDepthExceeds(got.text, MAX_BITCOIN_DEPTH)) {
    yield reject(1, `${options.fileName} nests JSON deeper than ${MAX_BITCOIN_DEPTH} levels; a Bitcoin transaction or block needs about 6`);
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(got.text);
  } catch (err) {
    yield reject(1, `${options.fileName} is not valid JSON (truncated?): ${(err as Error).message}; nothing was read`);
    return;
  }
  yield* documentItems(doc, got.text, options.fileName);
};

/** The items of a whole document: an RPC envelope, a block, a list or one transaction. */
function* documentItems(doc: unknown, text: string, fileName: string): Generator<ReadItem> {
  if (isRecord(doc) && 'result' in doc && ('error' in doc || 'id' in doc)) {
    if (doc.error !== null && doc.error !== undefined) {
      const message = isRecord(doc.error) && typeof doc.error.message === 'string' ? doc.error.message : shown(doc.error);
      yield reject(1, `${fileName}: the RPC call failed: ${message}`);
      return;
    }
    doc = doc.result;
  }
  if (Array.isArray(doc)) {
    const lines = elementLines(text, /^\s*(?:\{[^[]*?"result"\s*:\s*)?\[/, doc.length);
    for (const [i, tx] of doc.entries()) yield txItem(tx, lines[i] ?? i + 1, undefined, `transaction ${i + 1} of the list`);
    return;
  }
  if (isRecord(doc) && Array.isArray(doc.tx)) {
    yield* blockItems(doc, doc.tx, text);
    return;
  }
  if (isRecord(doc) && 'txid' in doc) {
    yield txItem(doc, 1, undefined, 'the transaction');
    return;
  }
  yield reject(1, `${fileName}: neither a Bitcoin transaction (txid, vin, vout), a block with a tx list, nor a list of transactions`);
}

/** A block's transactions, each with the block's height and time; a bad header is one reject of its own. */
function* blockItems(block: Json, txs: unknown[], text: string): Generator<ReadItem> {
  const ctx: BlockContext = {};
  const problems: string[] = [];
  for (const [key, check, set] of [
    ['height', indexOf, (v: number) => (ctx.height = v)],
    ['time', unixTime, (v: number) => (ctx.time = v)],
  ] as const) {
    if (block[key] === undefined) continue;
    const c = check(block[key], `the block's ${key}`);
    if (c.ok) set(c.value);
    else problems.push(c.reason);
  }
  if (problems.length) yield reject(1, `${problems.join('; ')}; its transactions are read without it`);
  if (txs.length > 0 && txs.every((t) => typeof t === 'string')) {
    yield reject(1, 'the block lists only transaction ids (getblock verbosity 1): fetch it with verbosity 2 or 3');
    return;
  }
  const lines = elementLines(text, /"tx"\s*:\s*\[/, txs.length);
  for (const [i, tx] of txs.entries()) yield txItem(tx, lines[i] ?? i + 1, ctx, `block transaction ${i + 1}`);
}

/**
 * The lines on which the elements of an array start, found by scanning from where `opening` (ending
 * in `[`) matches. Only used when it finds exactly `count` elements; otherwise the caller numbers them.
 */
function elementLines(text: string, opening: RegExp, count: number): number[] {
  const m = opening.exec(text);
  if (!m) return [];
  const at = m.index + m[0].length - 1;
  const scanner = new JsonArrayScanner(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  scanner.line = lineAt(text, at);
  const lines: number[] = [];
  let depth = 0;
  // Scan piecewise only up to the end of the array, so nothing after it is taken for an element.
  let end = at;
  for (let inString = false; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (inString) {
      if (c === 0x5c) end++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) {
      if (--depth === 0) break;
    }
  }
  scanner.scan(text.slice(at, end + 1));
  for (let i = 0; i < count; i++) lines.push(scanner.takeStart());
  return lines.length === count ? lines : [];
}
