/** Hostile input for the Bitcoin reader: truncation, wrong types, impossible amounts, huge lists, deep nesting. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReadItem } from '../reader.ts';
import { readBitcoin } from './bitcoin.ts';
import { chunksOf, collect, garbage } from './testing.ts';

const read = (text: string | Buffer): Promise<ReadItem[]> => collect(readBitcoin(chunksOf(text, 4096), { fileName: 'hostile.json' }));
const summary = (items: ReadItem[]): string[] => items.map((i) => `${i.line}:${i.kind}`);
const reasons = (items: ReadItem[]): string[] => items.flatMap((i) => (i.kind === 'reject' ? [i.reason] : []));
const txid = (c: string): string => c.repeat(64);
/** An Esplora transaction on one line, with `value` as the output's raw JSON value. */
const esplora = (c: string, value = '1000', extra = ''): string =>
  `{"txid":"${txid(c)}","vin":[{"txid":"${txid('f')}","vout":0}],"vout":[{"scriptpubkey_address":"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa","value":${value}}],"status":{"confirmed":false}${extra}}`;
/** A Core transaction with `value` as the output's raw JSON value. */
const core = (c: string, value: string): string => `{"txid":"${txid(c)}","vin":[{"coinbase":"00"}],"vout":[{"value":${value},"n":0,"scriptPubKey":{"type":"nulldata"}}]}`;

describe('truncated and malformed files', () => {
  test('a list cut in the middle of its second transaction: the first is read, then a reject naming line 3', async () => {
    const text = `[\n${esplora('a')},\n${esplora('b')}\n]`;
    const items = await read(text.slice(0, text.length - 40));
    assert.deepEqual(summary(items), ['2:entities', '3:reject']);
    assert.match(reasons(items)[0]!, /ends inside the JSON array/);
  });

  test('a transaction object cut short is one reject; garbage and a bare number too', async () => {
    for (const text of [esplora('a').slice(0, 50), garbage(2000), '42', '"tx"']) {
      const items = await read(text);
      assert.deepEqual(summary(items), ['1:reject'], String(text).slice(0, 10));
    }
  });

  test('a failed RPC call and a verbosity-1 block are rejected with what to do', async () => {
    const failed = await read('{"result":null,"error":{"code":-5,"message":"No such mempool or blockchain transaction"},"id":1}');
    assert.match(reasons(failed)[0]!, /No such mempool/);
    const v1 = await read(`{"hash":"00","height":1,"time":1231469665,"tx":["${txid('a')}"]}`);
    assert.match(reasons(v1)[0]!, /verbosity 2 or 3/);
  });
});

describe('wrong types and impossible values: that transaction is rejected, the others read', () => {
  test('in an Esplora list', async () => {
    const bad = [
      esplora('b', '"1000"'), // sats as text
      esplora('c', '-5'), // negative
      esplora('d', '1.5'), // half a satoshi
      esplora('e', '2100000000000001'), // more than 21 million BTC
      `{"txid":12,"vin":[],"vout":[]}`, // txid not text
      `{"txid":"${txid('9')}","vin":{},"vout":[]}`, // vin not a list
      esplora('8', '1000', ',"fee":"x"'), // fee not a number
      `{"txid":"${txid('7')}","vin":[{"txid":"${txid('f')}","vout":-1}],"vout":[{"scriptpubkey_address":"x","value":1}],"status":{}}`,
    ];
    const items = await read(`[\n${esplora('a')},\n${bad.join(',\n')},\n${esplora('0')}\n]`);
    assert.deepEqual(summary(items), ['2:entities', ...bad.map((_, i) => `${i + 3}:reject`), `${bad.length + 3}:entities`]);
    const r = reasons(items);
    assert.match(r[0]!, /vout\[0\]\.value is not a whole number of satoshis/);
    assert.match(r[1]!, /negative/);
    assert.match(r[3]!, /more than 21 million/);
    assert.match(r[4]!, /txid is not a transaction id/);
    assert.match(r[5]!, /vin is not a list/);
    assert.match(r[7]!, /vin\[0\]\.vout is not a non-negative integer/);
  });

  test('in a Core block: 9 decimals, NaN-like text and Infinity-like exponent are rejected', async () => {
    const txs = [core('a', '0.123456789'), core('b', '"abc"'), core('c', '1e400'), core('d', '0.00000001')];
    const items = await read(`{"height":5,"time":1231469665,"tx":[\n${txs.join(',\n')}\n]}`);
    assert.deepEqual(summary(items), ['2:reject', '3:reject', '4:reject', '5:entities']);
    assert.match(reasons(items)[0]!, /more than 8 decimals/);
    const ok = items[3]!.kind === 'entities' ? items[3]!.entities.find((e) => e.schema === 'CryptoTransferLeg' && e.properties.direction?.[0] === 'output') : undefined;
    assert.deepEqual(ok?.properties.amount, ['0.00000001']);
  });

  test("a block whose height is text: one reject for the header, its transactions read without it", async () => {
    const items = await read(`{"height":"five","time":1231469665,"tx":[\n${core('a', '1')}\n]}`);
    assert.deepEqual(summary(items), ['1:reject', '2:entities']);
    const tx = items[1]!.kind === 'entities' ? items[1]!.entities[0]!.properties : {};
    assert.deepEqual([tx.blockNumber, tx.date], [undefined, ['2009-01-09T02:54:25Z']]); // 1231469665 − 1230768000 (2009-01-01) = 8 d 2 h 54 min 25 s
  });
});

describe('limits', () => {
  test('a transaction with 100,001 outputs is rejected without making its legs; the next one is read', async () => {
    const out = '{"scriptpubkey_address":"x","value":1}';
    const huge = `{"txid":"${txid('a')}","vin":[],"vout":[${Array(100_001).fill(out).join(',')}],"status":{}}`;
    const items = await read(`[\n${huge},\n${esplora('b')}\n]`);
    assert.deepEqual(summary(items), ['2:reject', '3:entities']);
    assert.match(reasons(items)[0]!, /more than the 100000/);
  });

  test('100,000 levels of nesting: in an object, one reject; in a list element, the read stops at it', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    assert.deepEqual(summary(await read(`{"txid":${deep}}`)), ['1:reject']);
    const items = await read(`[\n${esplora('a')},\n${deep}\n]`);
    assert.deepEqual(summary(items), ['2:entities', '3:reject']);
    assert.match(reasons(items)[0]!, /deeper than 32 levels/);
  });
});
