// loadLedger against a real SQLite store: Payments, UTXO legs (with `spends`), an account-based transfer, tags
// matched by normalised address across datasets, visibility, and the rows set aside with their reasons.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeContext, systemContext } from '../model/context.ts';
import { makeStatement as st } from '../store/conformance/fixture.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/port.ts';
import { amountOf, type Ledger } from './ledger.ts';
import { loadLedger, type LedgerLoad } from './load.ts';
import { trace } from './trace.ts';

const admin = systemContext();
const analyst = makeContext({ actor: 'alice', compartments: [], tlpCeiling: 'AMBER' });
const ref = { isRef: true };

// bank:  acc1 --5000 EUR, 2024-03-01--> acc2 --3000 EUR, day 19800--> acc3 (tagged exchange)
//        p3 has no amount, p4 no date, p5 no currency; p6 (acc1 → acc9) is in compartment op-x.
// chain: tx1 (2024-03-02): w1 --0.5--> tx1 --0.3 (vout 0)--> w2, --0.2 (vout 1)--> w3
//        tx2 (2024-03-03): input spends aaaa:0 (w2's 0.3) --> tx2 --0.3--> w4; its sender/receiver summary adds no row;
//        l6 spends cccc:5, which nobody has. t3: e1 --1.5 ETH--> e2, account-based.
// tags:  x has w4's address spelled with a space (exchange); y has e2's address in lower case (topic sanction).
function statements(): { dataset: string; rows: ReturnType<typeof st>[] }[] {
  const pay = (id: string, props: Record<string, string>, extra = {}) =>
    Object.entries(props).map(([p, v]) => st(id, 'Payment', p, v, { ...(['payer', 'payerAccount', 'beneficiary', 'beneficiaryAccount'].includes(p) ? ref : {}), ...extra }));
  const leg = (id: string, props: Record<string, string>) => Object.entries(props).map(([p, v]) => st(id, 'CryptoTransferLeg', p, v, ['transfer', 'wallet'].includes(p) ? ref : {}));
  const tx = (id: string, props: Record<string, string>) => Object.entries(props).map(([p, v]) => st(id, 'CryptoTransfer', p, v, ['sender', 'receiver'].includes(p) ? ref : {}));
  return [
    {
      dataset: 'bank',
      rows: [
        ...pay('bank.p1', { payer: 'bank.alice', payerAccount: 'bank.acc1', beneficiaryAccount: 'bank.acc2', amount: '5000', currency: 'EUR', date: '2024-03-01' }),
        ...pay('bank.p2', { payer: 'bank.acc2', beneficiary: 'bank.acc3', amount: '3000.00', currency: 'EUR', sequenceNumber: '19800' }),
        ...pay('bank.p3', { payer: 'bank.acc1', beneficiary: 'bank.acc2', currency: 'EUR', date: '2024-03-05' }),
        ...pay('bank.p4', { payer: 'bank.acc1', beneficiary: 'bank.acc2', amount: '10', currency: 'EUR' }),
        ...pay('bank.p5', { payer: 'bank.acc1', beneficiary: 'bank.acc2', amount: '10', date: '2024-03-05' }),
        ...pay('bank.p6', { payer: 'bank.acc1', beneficiary: 'bank.acc9', amount: '100', currency: 'EUR', date: '2024-03-06' }, { compartment: 'op-x' }),
        st('bank.acc3', 'BankAccount', 'tagCategory', 'exchange'),
      ],
    },
    {
      dataset: 'chain',
      rows: [
        ...tx('chain.tx1', { transactionHash: 'aaaa', date: '2024-03-02T10:00:00', currency: 'BTC' }),
        ...leg('chain.l1', { transfer: 'chain.tx1', wallet: 'chain.w1', direction: 'input', amount: '0.5' }),
        ...leg('chain.l2', { transfer: 'chain.tx1', wallet: 'chain.w2', direction: 'output', position: '0', amount: '0.3' }),
        ...leg('chain.l3', { transfer: 'chain.tx1', wallet: 'chain.w3', direction: 'output', position: '1', amount: '0.2' }),
        ...tx('chain.tx2', { transactionHash: 'bbbb', date: '2024-03-03', currency: 'BTC', sender: 'chain.w2', receiver: 'chain.w4', amount: '0.3' }),
        ...leg('chain.l4', { transfer: 'chain.tx2', direction: 'input', spends: 'aaaa:0' }),
        ...leg('chain.l5', { transfer: 'chain.tx2', wallet: 'chain.w4', direction: 'output', position: '0', amount: '0.3' }),
        ...leg('chain.l6', { transfer: 'chain.tx2', direction: 'input', spends: 'cccc:5' }),
        st('chain.w4', 'CryptoWallet', 'publicKey', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'),
        ...tx('chain.t3', { sender: 'chain.e1', receiver: 'chain.e2', amount: '1.5', currency: 'ETH', date: '2024-03-04' }),
        st('chain.e2', 'CryptoWallet', 'publicKey', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'),
      ],
    },
    {
      dataset: 'tags',
      rows: [
        st('tags.x', 'CryptoWallet', 'publicKey', ' 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'),
        st('tags.x', 'CryptoWallet', 'tagCategory', 'Exchange'),
        st('tags.y', 'CryptoWallet', 'publicKey', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'),
        st('tags.y', 'CryptoWallet', 'topics', 'sanction'),
      ],
    },
  ];
}

/** Rows as "from → to amount currency @ISO-date" for comparison. */
function rowsOf(l: Ledger): string[] {
  const out: string[] = [];
  for (let r = 0; r < l.size; r++) {
    const c = l.currencies[l.currency[r]!]!;
    out.push(`${l.transferIds[r]}: ${l.nodeIds[l.from[r]!]} → ${l.nodeIds[l.to[r]!]} ${amountOf(l, r)} ${c.code} @${new Date(l.time[r]! * 1000).toISOString().slice(0, 16)}`);
  }
  return out.sort();
}

describe('loadLedger from SQLite', () => {
  let dir: string;
  let store: Store;
  let load: LedgerLoad;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corvid-money-'));
    store = await openStore({ data: dir });
    for (const { dataset, rows } of statements()) {
      await store.upsertDataset(admin, { name: dataset });
      await store.writeBatch(admin, { dataset, statements: rows });
    }
    load = await loadLedger(analyst, store, { batchSize: 7 });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('payments, UTXO legs (spends resolved) and account-based transfers become rows, exactly', () => {
    // EUR keeps 4 decimals (5000 EUR = 50,000,000 units), BTC 8 (0.3 BTC = 30,000,000 sat), ETH 18. Day 19800 = 2024-03-18.
    assert.deepEqual(rowsOf(load.ledger), [
      'bank.p1: bank.acc1 → bank.acc2 50000000 EUR @2024-03-01T00:00',
      'bank.p2: bank.acc2 → bank.acc3 30000000 EUR @2024-03-18T00:00',
      'chain.l1: chain.w1 → chain.tx1 50000000 BTC @2024-03-02T10:00',
      'chain.l2: chain.tx1 → chain.w2 30000000 BTC @2024-03-02T10:00',
      'chain.l3: chain.tx1 → chain.w3 20000000 BTC @2024-03-02T10:00',
      'chain.l4: chain.w2 → chain.tx2 30000000 BTC @2024-03-03T00:00',
      'chain.l5: chain.tx2 → chain.w4 30000000 BTC @2024-03-03T00:00',
      'chain.t3: chain.e1 → chain.e2 1500000000000000000 ETH @2024-03-04T00:00',
    ]);
  });

  test('rows that cannot be placed are set aside with their reasons', () => {
    const aside = Object.fromEntries(load.setAside.map((a) => [a.reason, a.examples]));
    assert.deepEqual(aside, { 'no amount': ['bank.p3'], 'no time': ['bank.p4'], 'unknown currency': ['bank.p5'], 'unresolved spends': ['chain.l6'] });
    assert.equal(load.counts.payments, 5); // p6 is invisible to the analyst
  });

  test('tags: own, and by normalised address from another dataset; sanction topics', () => {
    const l = load.ledger;
    const tag = (id: string) => l.categories[l.nodeTag[l.nodeIds.indexOf(id)]! - 1];
    assert.equal(tag('bank.acc3'), 'exchange');
    assert.equal(tag('chain.w4'), 'exchange');
    assert.equal(tag('chain.e2'), 'sanctioned');
    assert.equal(l.nodeKind[l.nodeIds.indexOf('chain.tx1')], 2); // 'tx'
  });

  test('visibility is the store\'s: the compartment payment appears only for those in it', async () => {
    const all = await loadLedger(admin, store);
    assert.equal(all.ledger.size, load.ledger.size + 1);
    assert.ok(rowsOf(all.ledger).some((r) => r.startsWith('bank.p6:')));
  });

  test('traces run on the loaded ledger: to the exchange through the UTXO chain, and through the bank', () => {
    const btc = trace(load.ledger, { from: { node: 'chain.w1' }, model: 'fifo' });
    // w1's 0.5 → tx1 → w2 0.3 and w3 0.2; w2's 0.3 → tx2 → w4, an exchange.
    assert.deepEqual(btc.cashOut, [{ node: 'chain.w4', tag: 'exchange', recoverable: { units: '30000000', amount: '0.3' } }]);
    const eur = trace(load.ledger, { from: { node: 'bank.acc1' }, model: 'haircut' });
    assert.deepEqual(eur.cashOut.map((c) => [c.node, c.recoverable.amount]), [['bank.acc3', '3000']]);
    assert.deepEqual(eur.intermediate.map((c) => [c.node, c.held.amount]), [['bank.acc2', '2000']]);
  });
});
