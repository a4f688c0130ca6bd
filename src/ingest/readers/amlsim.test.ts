/** The AMLSim reader: sample and full-simulator files, repeat rows kept apart, and no ground-truth column ever imported. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { RawEntity, ReadItem } from '../reader.ts';
import { readAmlsim } from './amlsim.ts';
import { readCsvMapping } from './csv-mapping.ts';
import { loadMappingFile } from './mapping.ts';
import { collect, fileStream, FIXTURES } from './testing.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const read = (name: string): Promise<ReadItem[]> => collect(readAmlsim(fileStream(join(FIXTURES, 'money', name), 16), { fileName: name }));
const summary = (items: ReadItem[]): string[] => items.map((i) => `${i.line}:${i.kind}`);
const entities = (items: ReadItem[]): RawEntity[] => items.flatMap((i) => (i.kind === 'entities' ? i.entities : []));
// printf 'amlsim-account360' | sha1sum, and so on.
const ACC_360 = 'e7434683696f5f71440d228e3e277d3e0415f4cb';
const ACC_18984 = '0559c1f34d345b95b948034b923e14e432051b8f';
const ACC_100 = '56a29c1c4c1a869af295600b076b740c5dcfcf2b';
const ACC_200 = 'dea79cb4f9787b834ef7126251e6d11c48121a14';

describe('the AMLSim sample (transactions.csv, nodes.csv)', () => {
  test('one payment per row, exact repeats kept apart by row; bad rows rejected with their line', async () => {
    const items = await read('amlsim-transactions.csv');
    assert.deepEqual(summary(items), ['2:entities', '3:entities', '4:entities', '5:entities', '6:reject', '7:reject', '8:reject', '9:reject', '10:entities']);
    const pays = entities(items).filter((e) => e.schema === 'Payment');
    assert.equal(pays.length, 5);
    assert.equal(new Set(pays.map((p) => p.id)).size, 5, 'rows 2 and 4 repeat each other and are still two payments');
    assert.deepEqual(pays[0], {
      id: 'amlsim-row:2',
      schema: 'Payment',
      properties: { payerAccount: [ACC_360], beneficiaryAccount: [ACC_18984], amount: ['103.55'], currency: ['USD'], sequenceNumber: ['1'] },
    });
  });

  test('the account ids are those the FtM mapping mappings/amlsim/transactions.yml makes', async () => {
    const mapped = await collect(readCsvMapping(await loadMappingFile(join(ROOT, 'mappings/amlsim/transactions.yml')))(fileStream(join(FIXTURES, 'money', 'amlsim-transactions.csv')), { fileName: 'x.csv' }));
    const mine = entities(await read('amlsim-transactions.csv'));
    const accounts = (es: RawEntity[]): string[] => [...new Set(es.filter((e) => e.schema === 'BankAccount').map((e) => e.id))].sort();
    const rowsBothRead = entities(mapped.filter((i) => [2, 3, 4, 5, 10].includes(i.line)));
    assert.deepEqual(accounts(mine), accounts(rowsBothRead));
  });

  test('nodes.csv: accounts with balance; isFraud and fraudStep are not imported', async () => {
    const items = await read('amlsim-nodes.csv');
    const [first] = entities(items);
    assert.deepEqual(first, { id: ACC_360, schema: 'BankAccount', properties: { accountNumber: ['360'], currency: ['USD'], balance: ['184.44'] } });
    // 360 is labelled isFraud=1, fraudStep=7: neither value, nor any label word, appears in what was read.
    assert.doesNotMatch(JSON.stringify(items), /fraud|"7"|-1/i);
  });
});

describe('the full AMLSim output', () => {
  test('tx.csv with TX_ID: payments by id, step as sequence number, type in the summary; IS_FRAUD and ALERT_ID left out', async () => {
    const items = await read('amlsim-full-tx.csv');
    const [p] = entities(items);
    assert.deepEqual(p, {
      id: 'amlsim-tx:1',
      schema: 'Payment',
      properties: {
        payerAccount: [ACC_100],
        beneficiaryAccount: [ACC_200],
        amount: ['1000.50'],
        currency: ['USD'],
        sequenceNumber: ['0'],
        summary: ['transaction type: TRANSFER'],
        transactionNumber: ['1'],
      },
    });
    assert.doesNotMatch(JSON.stringify(items), /True|False|"17"|alert|fraud/i);
  });

  test('the lower-case variant with a calendar timestamp gives a date, not a sequence number; is_sar and alert_id left out', async () => {
    const [p] = entities(await read('amlsim-full-tx-v2.csv'));
    assert.deepEqual([p?.properties.date, p?.properties.sequenceNumber, p?.properties.amount], [['2017-01-01T00:00:00Z'], undefined, ['50.25']]);
    assert.doesNotMatch(JSON.stringify(p), /True|"17"/);
  });

  test('accounts.csv: balance, country and type, no IS_FRAUD', async () => {
    const [a] = entities(await read('amlsim-full-accounts.csv'));
    assert.deepEqual(a, { id: ACC_100, schema: 'BankAccount', properties: { accountNumber: ['100'], currency: ['USD'], balance: ['64410.06'], country: ['US'], accountType: ['SAV'] } });
  });

  test('a file that is not AMLSim is one reject; a bad row in the reject file has its label cells blanked', async () => {
    const other = await collect(readAmlsim((async function* () { yield Buffer.from('a,b\n1,2\n'); })(), { fileName: 'o.csv' }));
    assert.deepEqual(summary(other), ['1:reject']);
    const bad = await collect(readAmlsim((async function* () { yield Buffer.from('TX_ID,SENDER_ACCOUNT_ID,RECEIVER_ACCOUNT_ID,TX_AMOUNT,IS_FRAUD\n9,1,2,abc,True\n'); })(), { fileName: 'b.csv' }));
    assert.deepEqual(bad.map((i) => (i.kind === 'reject' ? i.raw : '')), ['9,1,2,abc,']);
  });
});
