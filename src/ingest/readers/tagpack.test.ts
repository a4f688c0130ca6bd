/** The TagPack reader: inherited defaults, one wallet per tag at its line, sanctions as topic, and hostile YAML. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ReadItem } from '../reader.ts';
import { readTagpack } from './tagpack.ts';
import { chunksOf, collect, fileStream, FIXTURES, SHARED_DATA } from './testing.ts';

const read = (text: string): Promise<ReadItem[]> => collect(readTagpack(chunksOf(text, 1000), { fileName: 't.yaml' }));
const readFile = (path: string): Promise<ReadItem[]> => collect(readTagpack(fileStream(path, 100), { fileName: 'tagpack.yaml' }));
const summary = (items: ReadItem[]): string[] => items.map((i) => `${i.line}:${i.kind}`);
const wallet = (item: ReadItem | undefined): { id: string; properties: Record<string, string[]> } | undefined => (item?.kind === 'entities' ? item.entities[0] : undefined);
const reason = (item: ReadItem | undefined): string => (item?.kind === 'reject' ? item.reason : '');

describe('a hand-written TagPack', () => {
  test('one wallet per tag at the line the tag starts; a tag without address is rejected', async () => {
    const items = await readFile(join(FIXTURES, 'money', 'tagpack.yaml'));
    assert.deepEqual(summary(items), ['13:entities', '14:entities', '19:entities', '23:reject', '24:entities']);
    assert.match(reason(items[3]), /tag 4 \(line 23\) has no address/);
  });

  test('a tag that sets nothing inherits every default of the header', async () => {
    const [first] = await readFile(join(FIXTURES, 'money', 'tagpack.yaml'));
    assert.deepEqual(wallet(first), {
      id: 'wallet:btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
      schema: 'CryptoWallet',
      properties: {
        publicKey: ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
        currencySymbol: ['BTC'],
        tagLabel: ['Example exchange hot wallet'],
        tagCategory: ['exchange'],
        tagSource: ['https://example.org/exchange-wallets'],
        tagConfidence: ['web_crawl'],
        modifiedAt: ['2024-02-26'],
        publisher: ['Corvid tests'],
      },
    });
  });

  test('own fields win over defaults; an ETH address is lower-cased; a sanctions label gives the topic', async () => {
    const items = await readFile(join(FIXTURES, 'money', 'tagpack.yaml'));
    const p2 = wallet(items[1])!.properties;
    assert.deepEqual([p2.tagLabel, p2.tagCategory, p2.tagAbuse, p2.tagConfidence, p2.topics], [['Ransomware payment address'], ['perpetrator'], ['ransomware'], ['80'], undefined]);
    const w3 = wallet(items[2])!;
    assert.deepEqual([w3.id, w3.properties.currencySymbol, w3.properties.topics], ['wallet:eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', ['ETH'], ['sanction']]);
    assert.deepEqual(wallet(items[4])!.properties.modifiedAt, ['2024-03-01']);
  });

  test('the OFAC TagPack in shared data: 572 tags, each a sanctioned wallet', async () => {
    const items = await readFile(join(SHARED_DATA, 'tagpacks', 'ofac.yaml'));
    assert.equal(items.length, 572);
    assert.ok(items.every((i) => wallet(i)?.properties.topics?.[0] === 'sanction'));
    // `grep -c 'currency: ETH' ofac.yaml` = 147
    const eth = items.filter((i) => wallet(i)?.properties.currencySymbol?.[0] === 'ETH');
    assert.equal(eth.length, 147);
    // Addresses stay text as written (a YAML core schema would read 0x… as a hex number).
    assert.ok(eth.every((i) => /^0x[0-9a-f]{40}$/.test(wallet(i)!.properties.publicKey![0]!)));
  });
});

describe('hostile YAML', () => {
  const head = 'title: t\ncurrency: BTC\ntags:\n';
  test('billion laughs: the tag whose aliases would explode is rejected, the others read', async () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n  ');
    const items = await read(`${head}- address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n- address: x\n  ${bomb}\n- address: 12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S\n`);
    assert.deepEqual(summary(items), ['4:entities', '5:reject', '15:entities']);
    assert.match(reason(items[1]), /alias/i);
  });

  test('custom tags, deep nesting, a truncated flow list and garbage are refused with one reject', async () => {
    for (const text of [`${head}- address: !!js/function "function(){}"\n`, `${head}- address: !custom x\n`, `${head}- ${'['.repeat(100_000)}`, `${head}- [1, 2\n`, '\u0000\u0001\u0002']) {
      const items = await read(text);
      assert.equal(items.length, 1, text.slice(0, 40));
      assert.equal(items[0]!.kind, 'reject');
    }
  });

  test('wrong shapes and types: a scalar tag, a list as address, no currency anywhere, no tags list', async () => {
    const items = await read(`title: t\ntags:\n- just text\n- address: [a, b]\n  currency: BTC\n- address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n- address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n  currency: BTC\n`);
    assert.deepEqual(summary(items), ['3:reject', '4:reject', '6:reject', '7:entities']);
    assert.match(reason(items[2]), /no currency/);
    assert.deepEqual(summary(await read('title: t\ntags: 5\n')), ['1:reject']);
  });

  test('a 20 MB label is cut to 2,000 characters, not refused', async () => {
    const items = await read(`${head}- address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n  label: ${'x'.repeat(20_000_000)}\n`);
    assert.equal(wallet(items[0])?.properties.tagLabel?.[0]?.length, 2000);
  });
});
