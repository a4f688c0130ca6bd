/** The Ethereum reader on hand-written Etherscan exports (normal, ERC-20, internal) and hostile rows. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ReadItem } from '../reader.ts';
import { readEthereum } from './ethereum.ts';
import { chunksOf, collect, fileStream, FIXTURES } from './testing.ts';

const read = (name: string): Promise<ReadItem[]> => collect(readEthereum(fileStream(join(FIXTURES, 'money', name), 50), { fileName: name }));
const readText = (text: string): Promise<ReadItem[]> => collect(readEthereum(chunksOf(text, 1024), { fileName: 'x.csv' }));
const summary = (items: ReadItem[]): string[] => items.map((i) => `${i.line}:${i.kind}`);
const transfer = (item: ReadItem | undefined): Record<string, string[]> | undefined =>
  item?.kind === 'entities' ? item.entities.find((e) => e.schema === 'CryptoTransfer')?.properties : undefined;
const h = (c: string): string => `0x${c.repeat(64)}`;
const ME = 'wallet:eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
const A = 'wallet:eth:0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359';
const B = 'wallet:eth:0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb';
const K = 'wallet:eth:0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb';
const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7';

describe('normal-transactions export', () => {
  test('the header says what was recognised; failed and zero-value rows are skips; a bad address a reject', async () => {
    const items = await read('etherscan-normal.csv');
    assert.deepEqual(summary(items), ['1:skip', '2:entities', '3:entities', '4:skip', '5:skip', '6:entities', '7:reject']);
    const reasons = items.map((i) => (i.kind === 'skip' || i.kind === 'reject' ? i.reason : ''));
    assert.match(reasons[0]!, /normal transactions \(ETH, chain ethereum\)/);
    assert.match(reasons[3]!, /failed transaction \(ErrCode: Out of gas\)/);
    assert.match(reasons[4]!, /zero-value/);
    assert.match(reasons[6]!, /From "0xnothex" is not an Ethereum address/);
  });

  test('an incoming and an outgoing transfer, with wallets lower-cased, exact amounts, fee, block and date', async () => {
    const items = await read('etherscan-normal.csv');
    assert.deepEqual(transfer(items[1]), {
      transactionHash: [h('1')],
      chain: ['ethereum'],
      amount: ['0.5'],
      currency: ['ETH'],
      sender: [A],
      receiver: [ME],
      date: ['2023-04-08T00:00:11Z'],
      blockNumber: ['17000000'],
      fee: ['0.000441'],
      summary: ['method: Transfer'],
    });
    const out = transfer(items[2]);
    assert.deepEqual([out?.sender, out?.receiver, out?.amount, out?.fee], [[ME], [B], ['1.25'], ['0.0021']]);
    assert.deepEqual(items[1]!.kind === 'entities' ? items[1]!.entities.find((e) => e.id === A)?.properties : undefined, {
      publicKey: ['0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359'],
      currencySymbol: ['ETH'],
    });
  });

  test('a contract creation (no To) pays the new contract', async () => {
    const items = await read('etherscan-normal.csv');
    assert.deepEqual([transfer(items[5])?.receiver, transfer(items[5])?.amount], [[K], ['0.1']]);
  });
});

describe('ERC-20 token-transfers export', () => {
  test('token symbol as currency, contract as token, thousands separators dropped, several transfers of one tx kept apart', async () => {
    const items = await read('etherscan-tokens.csv');
    assert.deepEqual(summary(items), ['1:skip', '2:entities', '3:entities', '4:entities', '5:skip', '6:reject']);
    const first = transfer(items[1]);
    assert.deepEqual([first?.amount, first?.currency, first?.token, first?.fee], [['1500.25'], ['USDT'], [USDT], undefined]);
    const ids = [items[2], items[3]].map((i) => (i?.kind === 'entities' ? i.entities[0]!.id : ''));
    assert.notEqual(ids[0], ids[1]);
    assert.deepEqual([transfer(items[3])?.receiver, transfer(items[3])?.amount], [[B], ['20.000001']]);
  });
});

describe('internal-transactions export', () => {
  test('From → TxTo with the value; a reverted call is skipped', async () => {
    const items = await read('etherscan-internal.csv');
    assert.deepEqual(summary(items), ['1:skip', '2:entities', '3:skip']);
    const t = transfer(items[1]);
    assert.deepEqual([t?.sender, t?.receiver, t?.amount], [[K], [ME], ['2.5']]);
    assert.match(items[0]!.kind === 'skip' ? items[0]!.reason : '', /internal transactions/);
  });
});

describe('hostile rows', () => {
  const head = 'Txhash,Blockno,UnixTimestamp,From,To,Value_IN(ETH),Value_OUT(ETH),Status,ErrCode,Method';
  const row = (value: string, extra = { hash: h('a'), block: '1', unix: '1680912011' }): string =>
    `${extra.hash},${extra.block},${extra.unix},0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed,0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359,${value},0,,,`;

  test('negative, exponent, huge, non-numeric amounts, bad hash, block and time: each rejected with its line, the rest read', async () => {
    const rows = [row('1'), row('-1'), row('1e18'), row('9'.repeat(80)), row('NaN'), row('1', { hash: '0x12', block: '1', unix: '1' }), row('1', { hash: h('b'), block: 'x', unix: '1' }), row('1', { hash: h('c'), block: '1', unix: '-5' }), `${h('d')},1`, row('2')];
    const items = await readText([head, ...rows].join('\n'));
    assert.deepEqual(summary(items), ['1:skip', '2:entities', '3:reject', '4:reject', '5:reject', '6:reject', '7:reject', '8:reject', '9:reject', '10:reject', '11:entities']);
  });

  test('a header that is no explorer export is one reject and nothing is read; a truncated last row is rejected', async () => {
    assert.deepEqual(summary(await readText('a,b,c\n1,2,3\n')), ['1:reject']);
    const cut = [head, row('1'), row('2')].join('\n');
    assert.deepEqual(summary(await readText(cut.slice(0, cut.length - 60))), ['1:skip', '2:entities', '3:reject']);
  });

  test('an unclosed quote costs only its line', async () => {
    const items = await readText([head, row('1'), `"${h('e')},1,1,x`, row('3')].join('\n'));
    assert.deepEqual(summary(items), ['1:skip', '2:entities', '3:reject', '4:entities']);
  });
});
