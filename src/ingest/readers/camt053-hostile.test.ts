/** Hostile input for the camt.053 reader: truncation, DOCTYPE and entity tricks, XXE, wrong values, deep and huge XML. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReadItem } from '../reader.ts';
import { readCamt053 } from './camt053.ts';
import { chunksOf, collect, garbage } from './testing.ts';

const read = (text: string | Buffer, maxRecordBytes?: number): Promise<ReadItem[]> =>
  collect(readCamt053(chunksOf(text, 4096), { fileName: 'hostile.xml', ...(maxRecordBytes ? { maxRecordBytes } : {}) }));
const summary = (items: ReadItem[]): string[] => items.map((i) => `${i.line}:${i.kind}`);
const lastReason = (items: ReadItem[]): string => {
  const r = items.filter((i) => i.kind === 'reject').pop();
  return r?.kind === 'reject' ? r.reason : '';
};

const HEAD = '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><BkToCstmrStmt><Stmt>\n<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>\n';
const TAIL = '</Stmt></BkToCstmrStmt></Document>\n';
const entry = (amt: string, ind = 'DBIT', extra = ''): string => `<Ntry><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>${ind}</CdtDbtInd>${extra}</Ntry>\n`;
const doc = (...entries: string[]): string => HEAD + entries.join('') + TAIL;

describe('truncated and malformed XML', () => {
  test('a file cut inside its second entry: the account and first entry are read, then a reject naming line 4', async () => {
    const text = doc(entry('1.00'), entry('2.00'));
    const items = await read(text.slice(0, text.indexOf('2.00')));
    assert.deepEqual(summary(items), ['2:entities', '3:entities', '4:reject']);
    assert.match(lastReason(items), /ends inside the Ntry starting at line 4/);
  });

  test('a tag left unclosed in the middle, an undefined entity, garbage, an empty file: each ends the read with a reject', async () => {
    for (const text of [doc(entry('1.00'), '<Ntry><Amt Ccy="EUR">2</Ntry>\n', entry('3.00')), doc(entry('1.00', 'DBIT', '<AddtlNtryInf>&foo;</AddtlNtryInf>')), garbage(3000), '']) {
      const items = await read(text);
      assert.equal(items.at(-1)?.kind, 'reject', String(text).slice(0, 30));
      assert.ok(items.every((i) => i.kind !== 'entities' || i.line < 4), 'nothing after the fault is read');
    }
  });

  test('a document that is not camt.053 is refused at its root', async () => {
    for (const text of ['<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>', '<html><body/></html>']) {
      assert.match(lastReason(await read(text)), /not a camt\.053 statement/);
    }
  });

  test('invalid UTF-8 is refused with the --encoding hint', async () => {
    const items = await read(Buffer.concat([Buffer.from(doc(entry('1.00')).slice(0, 200)), Buffer.from([0xff, 0xfe, 0x41])]));
    assert.match(lastReason(items), /not valid UTF-8/);
  });
});

describe('entity expansion and external entities', () => {
  test('billion laughs: refused at the DOCTYPE, nothing expanded', async () => {
    const lol = `<?xml version="1.0"?>\n<!DOCTYPE Document [\n<!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n')}\n]>\n${doc(entry('1.00', 'DBIT', '<AddtlNtryInf>&lol9;</AddtlNtryInf>'))}`;
    const items = await read(lol);
    assert.deepEqual(items.map((i) => i.kind), ['reject']);
    assert.match(lastReason(items), /DOCTYPE/);
  });

  test('XXE: an external entity naming /etc/passwd is refused, and its content never appears', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${doc(entry('1.00', 'DBIT', '<AddtlNtryInf>&xxe;</AddtlNtryInf>'))}`;
    const items = await read(xxe);
    assert.deepEqual(items.map((i) => i.kind), ['reject']);
    assert.doesNotMatch(JSON.stringify(items), /root:/);
  });
});

describe('wrong values: that entry is rejected with its line, the rest imported', () => {
  test('comma decimals, negative and non-numeric amounts, a lower-case currency, a bad indicator', async () => {
    const items = await read(
      doc(entry('1.00'), entry('12,50'), entry('-5.00'), entry('abc'), '<Ntry><Amt Ccy="eur">1</Amt><CdtDbtInd>DBIT</CdtDbtInd></Ntry>\n', entry('1.00', 'XXXX'), entry('9'.repeat(40)), entry('2.00', 'CRDT')),
    );
    assert.deepEqual(summary(items), ['2:entities', '3:entities', '4:reject', '5:reject', '6:reject', '7:reject', '8:reject', '9:reject', '10:entities']);
  });

  test('a batch whose second transaction has no amount rejects the entry', async () => {
    const batch = '<NtryDtls><TxDtls><Amt Ccy="EUR">1.00</Amt></TxDtls><TxDtls><Refs><EndToEndId>x</EndToEndId></Refs></TxDtls></NtryDtls>';
    const items = await read(doc(entry('1.00', 'DBIT', batch), entry('3.00')));
    assert.deepEqual(summary(items), ['2:entities', '3:reject', '4:entities']);
    assert.match(lastReason(items), /transaction 2 of 2/);
  });
});

describe('limits', () => {
  test('100,000 nested elements inside an entry stop the read at the depth limit', async () => {
    const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
    const items = await read(doc(entry('1.00'), entry('2.00', 'DBIT', deep)));
    assert.deepEqual(summary(items), ['2:entities', '3:entities', '4:reject']);
    assert.match(lastReason(items), /deeper than 64/);
  });

  test('an entry over the record limit is rejected at its line and the next entry is read', async () => {
    const big = `<NtryDtls><TxDtls><RmtInf>${'<Ustrd>0123456789012345678901234567890123456789</Ustrd>'.repeat(100)}</RmtInf></TxDtls></NtryDtls>`;
    const items = await read(doc(entry('1.00'), entry('2.00', 'DBIT', big), entry('3.00')), 2000);
    assert.deepEqual(summary(items), ['2:entities', '3:entities', '4:reject', '5:entities']);
    assert.match(lastReason(items), /larger than the record limit/);
  });

  test('a single 20 MB text stops the read before it is held whole', async () => {
    const items = await read(doc(entry('1.00', 'DBIT', `<AddtlNtryInf>${'x'.repeat(20_000_000)}</AddtlNtryInf>`)));
    assert.deepEqual(summary(items), ['2:entities', '3:reject']);
    assert.match(lastReason(items), /longer than 16777216 characters/);
  });
});
