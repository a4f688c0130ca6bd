/** The generic bank-export mapping (mappings/bank/transactions.yml): payer and beneficiary the right way round. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { RawEntity, ReadItem } from '../reader.ts';
import { readCsvMapping } from './csv-mapping.ts';
import { loadMappingFile } from './mapping.ts';
import { collect, fileStream, FIXTURES } from './testing.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const read = async (): Promise<ReadItem[]> =>
  collect(readCsvMapping(await loadMappingFile(join(ROOT, 'mappings/bank/transactions.yml')))(fileStream(join(FIXTURES, 'money', 'bank-transactions.csv')), { fileName: 'bank-transactions.csv' }));
const ofRow = (items: ReadItem[], line: number): RawEntity[] => items.flatMap((i) => (i.line === line && i.kind === 'entities' ? i.entities : []));
const ibanOf = (es: RawEntity[], id: string | undefined): string | undefined => es.find((e) => e.id === id)?.properties.iban?.[0];
const nameOf = (es: RawEntity[], id: string | undefined): string | undefined => es.find((e) => e.id === id)?.properties.name?.[0];

describe('mappings/bank/transactions.yml', () => {
  test('a DEBIT row: the own account pays the counterparty', async () => {
    const es = ofRow(await read(), 2);
    const p = es.find((e) => e.schema === 'Payment')!.properties;
    assert.equal(ibanOf(es, p.payerAccount?.[0]), 'DE89370400440532013000');
    assert.equal(ibanOf(es, p.beneficiaryAccount?.[0]), 'GB29NWBK60161331926819');
    assert.equal(nameOf(es, p.beneficiary?.[0]), 'Acme Supplies Ltd');
    assert.deepEqual([p.amount, p.currency, p.date, p.purpose, p.payer], [['150.00'], ['EUR'], ['2024-03-01'], ['Invoice 4711'], undefined]);
  });

  test('a CREDIT row: the counterparty pays the own account', async () => {
    const es = ofRow(await read(), 3);
    const p = es.find((e) => e.schema === 'Payment')!.properties;
    assert.equal(ibanOf(es, p.payerAccount?.[0]), 'DE02120300000000202051');
    assert.equal(nameOf(es, p.payer?.[0]), 'Erika Mustermann');
    assert.equal(ibanOf(es, p.beneficiaryAccount?.[0]), 'DE89370400440532013000');
    assert.deepEqual(p.amount, ['1234.56']);
  });

  test('the own account is one entity across rows; a row with another direction is skipped', async () => {
    const items = await read();
    const own = (line: number): string | undefined => ofRow(items, line).find((e) => e.properties.iban?.[0] === 'DE89370400440532013000')?.id;
    assert.equal(own(2), own(3));
    assert.equal(items.find((i) => i.line === 4)?.kind, 'skip');
  });
});
