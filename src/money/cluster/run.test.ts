/**
 * Wallet clustering through a real SQLite store: UTXO legs written as statements, judgements with reasons and runs,
 * canonical ids that merge and split, a user's "different" that blocks a link, idempotent re-runs and undo.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeContext, systemContext } from '../../model/context.ts';
import type { Statement } from '../../model/statement.ts';
import { loadCanonical } from '../../resolve/canonical.ts';
import { makeStatement as st } from '../../store/conformance/fixture.ts';
import { openStore } from '../../store/open.ts';
import type { Judgement, Store } from '../../store/port.ts';
import { loadUtxo } from './load.ts';
import { clusterStore } from './run.ts';
import { transferStatements, walletStatements } from './testing.ts';
import { undoWallets } from './undo.ts';

const w = (k: string): string => `chain.${k}`;
const cvd = (smallest: string): string => `cvd-${createHash('sha1').update(smallest).digest('hex').slice(0, 20)}`;
const wallet = (k: string): Statement[] => walletStatements('chain', k);
const transfer = (key: string, date: string, inputs: [string, string][], outputs: [string, string][]): Statement[] =>
  transferStatements('chain', key, date, inputs, outputs);

const WALLETS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 's', 'x', 'w1', 'w2', 'w3', 'w4', 'w5', 'o1', 'o2', 'o3', 'o4', 'o5'];
const cj = ['w1', 'w2', 'w3', 'w4', 'w5'];

async function active(store: Store): Promise<Judgement[]> {
  return store.listJudgements(systemContext(), { active: true });
}

describe('wallet clustering in the store', () => {
  let dir: string;
  let store: Store;
  const ctx = systemContext();
  let negativeId: number;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corvid-wallets-'));
    store = await openStore({ data: dir });
    await store.upsertDataset(ctx, { name: 'chain', title: 'Chain' });
    await store.writeBatch(ctx, {
      dataset: 'chain',
      statements: [
        ...WALLETS.flatMap(wallet),
        // X pays the shop S, which is then an address seen before.
        ...transfer('t0', '2024-01-01', [['x', '1']], [['s', '0.9999']]),
        // A payer spends three inputs: 0.5 BTC to S, a fresh 0.1499 BTC back as change to F.
        ...transfer('t1', '2024-02-01', [['a', '0.3'], ['b', '0.2'], ['c', '0.15']], [['s', '0.5'], ['f', '0.1499']]),
        // A Whirlpool-like CoinJoin: five payers, five outputs of 0.01 BTC.
        ...transfer('cj', '2024-03-01', cj.map((k) => [k, '0.0105']), cj.map((k) => [k.replace('w', 'o'), '0.01'])),
        // D and E spend together, but an analyst has said they are different owners.
        ...transfer('t3', '2024-04-01', [['d', '0.1'], ['e', '0.1']], [['s', '0.1999']]),
        ...transfer('t4', '2024-05-01', [['g', '0.1'], ['h', '0.1']], [['s', '0.1999']]),
      ],
    });
    const neg = await store.addJudgement(ctx, {
      left: w('d'), right: w('e'), verdict: 'negative', by: 'user', rule: '', score: null, reason: 'Seized devices show separate owners.', explanation: null, run: null,
    });
    negativeId = neg.id;
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let run1 = '';

  test('a run records a spanning set of judgements with reasons, and the canonical ids follow', async () => {
    const r = await clusterStore(ctx, store);
    run1 = r.run;
    assert.match(r.run, /^wallets-\d{8}T\d{6}-[0-9a-f]{6}$/);
    assert.equal(r.transactions, 5);
    assert.equal(r.judgements, 4);
    const mine = (await active(store)).filter((j) => j.run === r.run);
    assert.deepEqual(
      mine.map((j) => [j.left, j.right, j.rule, j.score, j.by, j.verdict]),
      [
        [w('a'), w('b'), 'cio', 0.95, 'rule', 'positive'],
        [w('a'), w('c'), 'cio', 0.95, 'rule', 'positive'],
        [w('g'), w('h'), 'cio', 0.95, 'rule', 'positive'],
        [w('a'), w('f'), 'change', 0.6, 'rule', 'positive'],
      ],
    );
    assert.match(mine[0].reason, /^Common-input-ownership: .*transaction hash-t1/);
    assert.match(mine[3].reason, /^Change address \(weaker heuristic; rules: fresh, round, optimal\): chain\.f .* hash-t1/);
    // The CoinJoin is flagged and joins nobody; the user's "different" refuses D–E and names the judgement.
    assert.deepEqual(r.coinjoins.map((c) => [c.txHash, c.rule, c.equalOutputs, c.value]), [['hash-cj', 'equal-outputs', 5, '0.01']]);
    assert.deepEqual(r.refused.map((x) => [x.a, x.b, x.why, x.judgement]), [[w('d'), w('e'), 'negative', negativeId]]);
    const view = await loadCanonical(ctx, store);
    assert.deepEqual(view.groups.get(cvd(w('a'))), [w('a'), w('b'), w('c'), w('f')]);
    assert.deepEqual(view.groups.get(cvd(w('g'))), [w('g'), w('h')]);
    assert.equal(view.canonicalOf.get(w('d')), undefined);
    assert.equal(view.canonicalOf.get(w('w1')), undefined);
    // Clusters, largest first, with addresses and reasons.
    assert.deepEqual(r.clusters.map((c) => [c.canonical, c.members.map((m) => m.address), c.judgements.length]), [
      [cvd(w('a')), ['addr-a', 'addr-b', 'addr-c', 'addr-f'], 3],
      [cvd(w('g')), ['addr-g', 'addr-h'], 1],
    ]);
    const audit = await store.listAudit(ctx, { action: 'wallets.cluster', target: r.run });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].detail.judgements, 4);
    assert.equal(audit[0].detail.refusedNegative, 1);
  });

  test('running again adds no judgement', async () => {
    const again = await clusterStore(ctx, store);
    assert.equal(again.judgements, 0);
    assert.equal((await active(store)).length, 5);
    assert.equal(again.clusters.length, 2);
  });

  test('undoing one cluster splits it alone, and the next run does not link it again', async () => {
    const u = await undoWallets(ctx, store, { run: run1, cluster: w('h') }, 'same exchange hot wallet');
    assert.deepEqual(u.retracted.map((j) => [j.left, j.right]), [[w('g'), w('h')]]);
    assert.match(u.retracted[0].retractReason ?? '', /same exchange hot wallet$/);
    const view = await loadCanonical(ctx, store);
    assert.equal(view.canonicalOf.get(w('g')), undefined);
    assert.equal(view.canonicalOf.get(w('f')), cvd(w('a')));
    const r = await clusterStore(ctx, store);
    assert.equal(r.judgements, 0);
    assert.deepEqual(r.refused.map((x) => [x.a, x.b, x.why]).sort(), [[w('d'), w('e'), 'negative'], [w('g'), w('h'), 'blocked']]);
  });

  test('undoing the run splits exactly what it merged; a later run may cluster it again', async () => {
    const u = await undoWallets(ctx, store, { run: run1 }, 'threshold review');
    assert.equal(u.retracted.length, 3);
    assert.equal((await loadCanonical(ctx, store)).groups.size, 0);
    const undoAudit = await store.listAudit(ctx, { action: 'resolve.undo', target: run1 });
    assert.equal(undoAudit.length, 2);
    const r = await clusterStore(ctx, store, { change: false });
    assert.equal(r.judgements, 2);
    assert.deepEqual((await loadCanonical(ctx, store)).groups.get(cvd(w('a'))), [w('a'), w('b'), w('c')]);
    // The user's negative judgement is untouched throughout.
    assert.equal((await active(store)).filter((j) => j.verdict === 'negative').map((j) => j.id).join(), String(negativeId));
  });

  test('undo refuses runs that are not wallet runs, and unknown ones', async () => {
    await assert.rejects(undoWallets(ctx, store, { run: 'run-20240101T000000-abcdef' }, ''), { code: 'CORVID_ERR_VALIDATION' });
    await assert.rejects(undoWallets(ctx, store, { run: 'wallets-20240101T000000-abcdef' }, ''), { code: 'CORVID_ERR_NOT_FOUND' });
  });
});

describe('wallet clustering sees what the caller sees', () => {
  test('a wallet the caller cannot see is neither linked nor a bridge in judgements', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corvid-wallets-vis-'));
    const store = await openStore({ data: dir });
    const sys = systemContext();
    try {
      await store.upsertDataset(sys, { name: 'chain', title: 'Chain' });
      await store.writeBatch(sys, {
        dataset: 'chain',
        statements: [
          ...['p', 'q', 's'].flatMap(wallet),
          ...walletStatements('chain', 'k', { compartment: 'op-x' }),
          ...transfer('t1', '2024-02-01', [['p', '0.1'], ['k', '0.1'], ['q', '0.1']], [['s', '0.2999']]),
        ],
      });
      const olga = makeContext({ actor: 'olga', compartments: [], tlpCeiling: 'AMBER', roles: ['analyst'] });
      const seen = await clusterStore(olga, store);
      assert.equal(seen.wallets, 3);
      assert.deepEqual((await store.listJudgements(sys, { run: seen.run })).map((j) => [j.left, j.right]), [[w('p'), w('q')]]);
      const all = await clusterStore(sys, store);
      assert.deepEqual((await store.listJudgements(sys, { run: all.run })).map((j) => [j.left, j.right]), [[w('k'), w('p')]]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('legs as a Bitcoin node reports them', () => {
  test('inputs that name only the outpoint they spend take its wallet and amount; coinbase and multisig legs mark the transaction partial', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corvid-wallets-spends-'));
    const store = await openStore({ data: dir });
    const sys = systemContext();
    const leg = (id: string, props: [string, string][]): Statement[] =>
      props.map(([k, v]) => st(w(id), 'CryptoTransferLeg', k, v, { isRef: k === 'transfer' || k === 'wallet' }));
    try {
      await store.upsertDataset(sys, { name: 'chain', title: 'Chain' });
      await store.writeBatch(sys, {
        dataset: 'chain',
        statements: [
          ...['a', 'b', 'm', 'n', 's'].flatMap(wallet),
          // t0 pays A (vout 0) and B (vout 1); t1 spends both outpoints, naming no wallet; t2 is a coinbase with a bare multisig output.
          ...transfer('t0', '2024-01-01', [['s', '1']], [['a', '0.4'], ['b', '0.5']]),
          st(w('t1'), 'CryptoTransfer', 'transactionHash', 'hash-t1'),
          ...leg('t1-in0', [['transfer', w('t1')], ['direction', 'input'], ['position', '0'], ['spends', 'HASH-T0:0']]),
          ...leg('t1-in1', [['transfer', w('t1')], ['direction', 'input'], ['position', '1'], ['spends', 'hash-t0:1']]),
          ...leg('t1-out0', [['transfer', w('t1')], ['direction', 'output'], ['position', '0'], ['wallet', w('s')], ['amount', '0.8999']]),
          ...leg('t2-in0', [['transfer', w('t2')], ['direction', 'input'], ['position', '0']]),
          ...leg('t2-out0', [['transfer', w('t2')], ['direction', 'output'], ['position', '0'], ['wallet', w('m')], ['wallet', w('n')], ['amount', '3.125']]),
          ...leg('stray', [['wallet', w('a')], ['direction', 'sideways']]),
        ],
      });
      const data = await loadUtxo(sys, store);
      const t1 = data.txs.find((t) => t.id === w('t1'));
      assert.deepEqual(t1?.inputs, [{ wallet: w('a'), amount: 40_000_000n }, { wallet: w('b'), amount: 50_000_000n }]);
      assert.equal(t1?.partial, undefined);
      assert.equal(Number.isNaN(t1?.time), true);
      const t2 = data.txs.find((t) => t.id === w('t2'));
      assert.deepEqual([t2?.inputs.length, t2?.outputs.length, t2?.partial], [0, 0, true]);
      assert.equal(data.skippedLegs, 1);
      const r = await clusterStore(sys, store);
      assert.deepEqual((await store.listJudgements(sys, { run: r.run })).map((j) => [j.left, j.right, j.rule]), [[w('a'), w('b'), 'cio']]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
