/** The Bitcoin reader on hand-written Core and Esplora fixtures: every expected value worked out from the fixture by hand. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { RawEntity, ReadItem } from '../reader.ts';
import { readBitcoin } from './bitcoin.ts';
import { collect, fileStream, FIXTURES } from './testing.ts';

const read = (name: string): Promise<ReadItem[]> => collect(readBitcoin(fileStream(join(FIXTURES, 'money', name), 7), { fileName: name }));
const entitiesOf = (item: ReadItem | undefined): RawEntity[] => (item?.kind === 'entities' ? item.entities : []);
const byId = (item: ReadItem | undefined, id: string): Record<string, string[]> | undefined => entitiesOf(item).find((e) => e.id === id)?.properties;
const x = (c: string): string => c.repeat(64);

describe('Bitcoin Core getrawtransaction (verbose, no prevout)', () => {
  test('one transfer of 50 BTC with its input spending an earlier output, and two output legs with wallets', async () => {
    const items = await read('bitcoin-core-tx.json');
    assert.equal(items.length, 1);
    const txid = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';
    assert.deepEqual(byId(items[0], `btc-tx:${txid}`), {
      transactionHash: [txid],
      chain: ['bitcoin'],
      amount: ['50'],
      currency: ['BTC'],
      date: ['2009-01-12T03:30:25Z'],
    });
    assert.deepEqual(byId(items[0], `btc-in:${txid}:0`), {
      transfer: [`btc-tx:${txid}`],
      direction: ['input'],
      position: ['0'],
      currency: ['BTC'],
      spends: ['0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9:0'],
    });
    assert.deepEqual(byId(items[0], `btc-out:${txid}:1`)?.amount, ['40']);
    assert.deepEqual(byId(items[0], `btc-out:${txid}:0`)?.wallet, ['wallet:btc:1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3']);
    assert.deepEqual(byId(items[0], 'wallet:btc:12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S'), { publicKey: ['12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S'], currencySymbol: ['BTC'] });
    assert.equal(entitiesOf(items[0]).length, 1 + 3 + 2);
  });
});

describe('Bitcoin Core getblock verbosity 3 in its RPC envelope', () => {
  test('each transaction is a record at the line it starts on, with the block height and time', async () => {
    const items = await read('bitcoin-core-block.json');
    assert.deepEqual(items.map((i) => `${i.line}:${i.kind}`), ['11:entities', '19:entities']);
    const coinbase = byId(items[0], `btc-tx:${x('a')}`);
    assert.deepEqual([coinbase?.amount, coinbase?.blockNumber, coinbase?.date, coinbase?.fee], [['3.125'], ['840000'], ['2024-04-20T00:09:27Z'], undefined]);
  });

  test('a coinbase input is a leg without wallet; an OP_RETURN output has no wallet; bech32 is lower-cased', async () => {
    const [a] = await read('bitcoin-core-block.json');
    assert.deepEqual(byId(a, `btc-in:${x('a')}:0`)?.summary, ['coinbase']);
    assert.equal(byId(a, `btc-in:${x('a')}:0`)?.wallet, undefined);
    assert.deepEqual(byId(a, `btc-out:${x('a')}:1`)?.amount, ['0']);
    assert.equal(byId(a, `btc-out:${x('a')}:1`)?.wallet, undefined);
    assert.deepEqual(byId(a, `btc-out:${x('a')}:0`)?.wallet, ['wallet:btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4']);
  });

  test('prevout gives the input its address and value; the fee is in BTC; amounts stay exact', async () => {
    const [, b] = await read('bitcoin-core-block.json');
    const tx = byId(b, `btc-tx:${x('b')}`);
    assert.deepEqual([tx?.amount, tx?.fee], [['0.49995'], ['0.00005']]);
    const input = byId(b, `btc-in:${x('b')}:0`);
    assert.deepEqual([input?.amount, input?.wallet, input?.spends], [['0.5'], ['wallet:btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'], [`${x('c')}:1`]]);
    assert.deepEqual(byId(b, `btc-out:${x('b')}:1`)?.amount, ['0.19995']);
    // Two outputs and the input name two distinct addresses: two wallets.
    assert.equal(entitiesOf(b).filter((e) => e.schema === 'CryptoWallet').length, 2);
  });
});

describe('Esplora transaction lists', () => {
  test('satoshis become BTC; a confirmed transaction has its block, an unconfirmed one none', async () => {
    const items = await read('bitcoin-esplora-txs.json');
    assert.deepEqual(items.map((i) => `${i.line}:${i.kind}`), ['2:entities', '24:entities']);
    const d = byId(items[0], `btc-tx:${x('d')}`);
    assert.deepEqual([d?.amount, d?.fee, d?.blockNumber, d?.date], [['0.2999'], ['0.0001'], ['840001'], ['2024-04-20T00:13:20Z']]);
    const e = byId(items[1], `btc-tx:${x('e')}`);
    assert.deepEqual([e?.amount, e?.fee, e?.blockNumber, e?.date], [['0.2998'], ['0.0001'], undefined, undefined]);
  });

  test("an input's spends names the id of the output leg it spends, across files", async () => {
    const [d] = await read('bitcoin-esplora-txs.json');
    const [, b] = await read('bitcoin-core-block.json');
    const spends = byId(d, `btc-in:${x('d')}:0`)?.spends?.[0];
    assert.equal(spends, `${x('b')}:0`);
    assert.ok(byId(b, `btc-out:${spends}`), 'the spent output is a leg of the block file');
    assert.deepEqual(byId(d, `btc-in:${x('d')}:0`)?.amount, ['0.3']);
  });
});
