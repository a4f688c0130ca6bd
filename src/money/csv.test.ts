// The ledger CSV fast path: exact amounts, lines cut across chunks, bad lines counted, wrong headers refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amountOf } from './ledger.ts';
import { LEDGER_CSV_HEADER, LedgerCsvParser } from './csv.ts';

test('parses rows exactly whatever the chunking, and counts the lines it skips', () => {
  // 12.5 EUR = 125,000 units (4 decimals); 0.00000001 BTC = 1 sat; 20 ETH = 2 × 10^19 wei (beyond 64 bits).
  const text = `${LEDGER_CSV_HEADER}\r\na1,a2,100,12.5,EUR,t1\na2,a3,200,0.00000001,BTC,t2\na3,a1,300,20,ETH,t3\na1,a2,400,-5,EUR,t4\nshort,line\n`;
  for (const cut of [1, 7, 40, text.length]) {
    const p = new LedgerCsvParser();
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += cut) p.push(bytes.subarray(i, i + cut));
    const l = p.finish();
    assert.equal(l.size, 3);
    assert.deepEqual([0, 1, 2].map((r) => amountOf(l, r)), [125000n, 1n, 20_000_000_000_000_000_000n]);
    assert.deepEqual([...l.time], [100, 200, 300]);
    assert.deepEqual(l.transferIds, ['t1', 't2', 't3']);
    assert.equal(p.skipped, 2);
  }
});

test('a file without the header is refused', () => {
  const p = new LedgerCsvParser();
  assert.throws(() => p.push(Buffer.from('a,b,c\n')), { code: 'CORVID_ERR_INGEST_FORMAT' });
});

test('node ids found by their bytes: the same numbering as by name, tagged nodes included, across a table that grows', () => {
  // 40,000 accounts (the id table starts with 65,536 slots and doubles past half full), each seen twice, and
  // "x7" tagged before the file is read; times and amounts as plain digits and in other forms Number() reads.
  const lines = [LEDGER_CSV_HEADER];
  for (let i = 0; i < 40_000; i++) lines.push(`x${i},x${(i * 7919) % 40_000},${1000 + i},${i % 100}.25,EUR,p${i}`);
  lines.push('x7,y,2e3,1,USD,q1', 'y,x7, 3000 ,0.5,EUR,q2');
  const p = new LedgerCsvParser();
  p.b.tag('x7', 'exchange', 'account');
  p.push(Buffer.from(lines.join('\n')));
  const l = p.finish();
  assert.equal(l.nodeIds[0], 'x7');
  assert.equal(new Set(l.nodeIds).size, l.nodeCount);
  assert.equal(l.nodeCount, 40_001);
  for (const r of [0, 1, 7, 39_999]) {
    assert.equal(l.nodeIds[l.from[r]!], `x${r}`);
    assert.equal(l.nodeIds[l.to[r]!], `x${(r * 7919) % 40_000}`);
    assert.equal(amountOf(l, r), BigInt((r % 100) * 10_000 + 2_500));
  }
  assert.deepEqual([l.time[40_000], l.time[40_001]], [2000, 3000]);
  assert.equal(l.currencies[l.currency[40_000]!]!.code, 'USD');
  assert.equal(l.currencies[l.currency[40_001]!]!.code, 'EUR');
  assert.equal(l.nodeTag[l.from[40_000]!], 1);
});
