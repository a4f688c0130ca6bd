/** The camt.053 reader on hand-written statements (.001.02 and .001.08): who pays whom, amounts exact, rejects by line. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { RawEntity, ReadItem } from '../reader.ts';
import { readCamt053 } from './camt053.ts';
import { collect, fileStream, FIXTURES } from './testing.ts';

const read = (name: string, chunk = 64): Promise<ReadItem[]> => collect(readCamt053(fileStream(join(FIXTURES, 'money', name), chunk), { fileName: name }));
const entities = (items: ReadItem[]): RawEntity[] => items.flatMap((i) => (i.kind === 'entities' ? i.entities : []));
const payments = (items: ReadItem[], line: number): Record<string, string[]>[] =>
  items.filter((i) => i.line === line).flatMap((i) => (i.kind === 'entities' ? i.entities.filter((e) => e.schema === 'Payment').map((e) => e.properties) : []));

/** A counterparty's id: SHA-1 of its account id, the byte 0x1F and its name (or of the name alone). */
const party = (name: string, account?: string): string => `camt-party:${createHash('sha1').update(account ? `${account}\u001f${name}` : name).digest('hex')}`;
const OWN = 'iban:DE89370400440532013000';
const OWNER = `camt-owner:${OWN}`;
const ACME = 'iban:GB29NWBK60161331926819';

describe('camt.053.001.02', () => {
  test('the account, then one record per entry at the line its <Ntry> opens; entries without amount or currency are rejected', async () => {
    const items = await read('camt053-v02.xml');
    assert.deepEqual(items.map((i) => `${i.line}:${i.kind}`), ['11:entities', '31:entities', '50:entities', '66:entities', '91:entities', '107:reject', '112:reject', '118:entities']);
    const [r1, r2] = items.filter((i) => i.kind === 'reject').map((i) => (i.kind === 'reject' ? i.reason : ''));
    assert.match(r1!, /no amount/);
    assert.match(r2!, /no currency/);
  });

  test("the statement's account is a BankAccount with IBAN, currency and BIC, owned by the Ownr", async () => {
    const all = entities(await read('camt053-v02.xml'));
    assert.deepEqual(all.find((e) => e.id === OWN)?.properties, { iban: ['DE89370400440532013000'], currency: ['EUR'], bic: ['COBADEFFXXX'] });
    assert.deepEqual(all.find((e) => e.id === OWNER)?.properties, { name: ['Muster GmbH'] });
    assert.deepEqual(all.find((e) => e.schema === 'Ownership')?.properties, { owner: [OWNER], asset: [OWN] });
  });

  test('DBIT: the statement account pays the creditor; amount as written, booking date, remittance as purpose', async () => {
    const [p] = payments(await read('camt053-v02.xml'), 31);
    assert.deepEqual(p, {
      amount: ['150.00'],
      currency: ['EUR'],
      payer: [OWNER],
      payerAccount: [OWN],
      beneficiary: [party('Acme Supplies Ltd', ACME)],
      beneficiaryAccount: [ACME],
      date: ['2024-03-01'],
      transactionNumber: ['REF-0001'],
      recordId: ['1'],
      purpose: ['Invoice 4711'],
    });
  });

  test('CRDT: the debtor pays the statement account; value date when not booked; IBAN spaces removed', async () => {
    const [p] = payments(await read('camt053-v02.xml'), 50);
    const erika = 'iban:DE02120300000000202051';
    assert.deepEqual([p?.payer, p?.payerAccount, p?.beneficiary, p?.beneficiaryAccount], [[party('Erika Mustermann', erika)], [erika], [OWNER], [OWN]]);
    assert.deepEqual([p?.date, p?.purpose, p?.transactionNumber], [['2024-03-02'], ['Rent March flat 3'], undefined]);
  });

  test('a batch entry with two TxDtls is two payments with their own amounts and references', async () => {
    const ps = payments(await read('camt053-v02.xml'), 66);
    assert.deepEqual(
      ps.map((p) => [p.amount?.[0], p.beneficiaryAccount?.[0], p.transactionNumber?.[0], p.date?.[0]]),
      [
        ['100.00', 'account:0012345678', 'BATCH-77-1', '2024-03-03'],
        ['200.00', undefined, 'BATCH-77-2', '2024-03-03'],
      ],
    );
    assert.deepEqual(ps[1]!.beneficiary, [party('Worker Two')]);
  });

  test('a reversal comes back from the original creditor and says so in its summary', async () => {
    const [p] = payments(await read('camt053-v02.xml'), 91);
    assert.deepEqual([p?.payerAccount, p?.beneficiaryAccount, p?.amount], [[ACME], [OWN], ['150.00']]);
    assert.match(p?.summary?.[0] ?? '', /reversal/);
  });

  test('an entry without details is paid by the account to nobody named', async () => {
    const [p] = payments(await read('camt053-v02.xml'), 118);
    assert.deepEqual([p?.payerAccount, p?.beneficiary, p?.amount, p?.description], [[OWN], undefined, ['0.50'], ['Account fee']]);
  });

  test('the same file in 1-byte chunks gives the same items', async () => {
    assert.deepEqual(await read('camt053-v02.xml', 1), await read('camt053-v02.xml', 65536));
  });
});

describe('camt.053.001.08', () => {
  test('parties written as Dbtr/Pty/Nm, TxDtls/Amt, BookgDt/DtTm and BICFI are read', async () => {
    const items = await read('camt053-v08.xml');
    assert.deepEqual(items.map((i) => `${i.line}:${i.kind}`), ['11:entities', '18:entities']);
    const acct = entities(items).find((e) => e.id === 'iban:FR1420041010050500013M02606')?.properties;
    assert.deepEqual([acct?.name, acct?.bankName, acct?.bic], [['Compte courant'], ['Banque Exemple'], ['PSSTFRPPXXX']]);
    const [p] = payments(items, 18);
    assert.deepEqual([p?.amount, p?.date, p?.transactionNumber], [['2500.75'], ['2024-12-20T14:05:00'], ['2024122000042']]);
    assert.deepEqual([p?.payer, p?.payerAccount], [[party('Example Payer GmbH', 'iban:DE89370400440532013000')], ['iban:DE89370400440532013000']]);
    assert.deepEqual(p?.beneficiary, ['camt-owner:iban:FR1420041010050500013M02606']);
  });
});
