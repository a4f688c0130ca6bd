// The money formats through the whole import pipeline: the shared AMLSim and OFAC TagPack files with
// counts from their own metadata (amlsim/metadata.txt: 20,000 nodes, 118,250 transactions;
// `grep -c 'address:' ofac.yaml` = 572), and the hand-written fixtures with counts worked out by hand.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemContext } from '../../model/context.ts';
import { openStore } from '../../store/open.ts';
import type { Store } from '../../store/port.ts';
import type { ImportOptions } from '../options.ts';
import { importFile } from '../pipeline.ts';
import { FIXTURES, SHARED_DATA } from './testing.ts';

const ctx = systemContext();
const MONEY = join(FIXTURES, 'money');

describe('money formats through the pipeline', () => {
  let dir: string;
  let store: Store;
  const run = (file: string, dataset: string, extra: Partial<ImportOptions> = {}) => importFile(ctx, store, { file, dataset, rejectsDir: join(dir, 'rejects'), ...extra });
  const count = (dataset: string, schema: string) => store.countEntities(ctx, { datasets: [dataset], schemata: [schema] });
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corvid-money-'));
    store = await openStore({ data: dir });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('AMLSim sample: 118,250 payments (repeat rows kept apart) between 20,000 accounts', async () => {
    const tx = await run(join(SHARED_DATA, 'amlsim', 'transactions.csv'), 'amlsim', { format: 'amlsim' });
    assert.deepEqual([tx.read, tx.imported, tx.rejected, tx.rejectedValues], [118_250, 118_250, 0, 0]);
    const nodes = await run(join(SHARED_DATA, 'amlsim', 'nodes.csv'), 'amlsim', { format: 'amlsim' });
    assert.deepEqual([nodes.read, nodes.imported, nodes.rejected, nodes.rejectedValues], [20_000, 20_000, 0, 0]);
    assert.equal(await count('amlsim', 'Payment'), 118_250);
    assert.equal(await count('amlsim', 'BankAccount'), 20_000);
  });

  test('OFAC TagPack: detected by its tags list, 572 tags imported', async () => {
    const s = await run(join(SHARED_DATA, 'tagpacks', 'ofac.yaml'), 'ofac');
    assert.equal(s.format, 'tagpack');
    assert.deepEqual([s.read, s.imported, s.rejected, s.rejectedValues], [572, 572, 0, 0]);
  });

  test('camt.053: detected by namespace; 6 payments from 6 good entries, 2 rejected; IBANs kept', async () => {
    const s = await run(join(MONEY, 'camt053-v02.xml'), 'bank');
    assert.equal(s.format, 'camt053');
    assert.deepEqual([s.read, s.imported, s.rejected, s.rejectedValues], [8, 6, 2, 0]);
    assert.equal(await count('bank', 'Payment'), 6);
    // Own account, Acme's, Erika's and Worker One's (Othr/Id) accounts.
    assert.equal(await count('bank', 'BankAccount'), 4);
  });

  test('Bitcoin: a block and an Esplora list in one dataset share wallets; ethereum needs --format', async () => {
    const block = await run(join(MONEY, 'bitcoin-core-block.json'), 'chain');
    const list = await run(join(MONEY, 'bitcoin-esplora-txs.json'), 'chain');
    assert.deepEqual([block.format, list.format, block.imported, list.imported, block.rejectedValues + list.rejectedValues], ['bitcoin', 'bitcoin', 2, 2, 0]);
    assert.equal(await count('chain', 'CryptoTransfer'), 4);
    // 3 + 3 legs in the block, 2 + 3 in the list; wallets bc1q…, 1A1z…, 12cb… are shared.
    assert.equal(await count('chain', 'CryptoTransferLeg'), 11);
    assert.equal(await count('chain', 'CryptoWallet'), 3);
    const eth = await run(join(MONEY, 'etherscan-normal.csv'), 'chain', { format: 'ethereum' });
    assert.deepEqual([eth.read, eth.imported, eth.skipped, eth.rejected, eth.rejectedValues], [7, 3, 3, 1, 0]);
  });
});
