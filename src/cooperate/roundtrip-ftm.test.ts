/**
 * FollowTheMoney round trip: every concrete schema of the model exported as FtM lines and re-imported
 * through our FtM reader into a fresh store, with the same schema and values and its references pointing
 * at the re-imported entities; a Payment and a CryptoTransfer with every money field; and the policy
 * (RED and H2 values never in the lines).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, type Schema } from '../model/schema.ts';
import { systemContext } from '../model/context.ts';
import type { Statement } from '../model/statement.ts';
import { makeStatement as st } from '../store/conformance/fixture.ts';
import type { Store } from '../store/port.ts';
import { exportFtm } from './export-ftm.ts';
import { plantedStore, reimport, type Reimported } from './roundtrip.testing.ts';

const sys = systemContext();
const model = loadModel();
const ref = { isRef: true };
/** Where an id with a dot lands when imported into `received` (ids.ts: `a.b` into `c` becomes `c.` + its SHA-1). */
const received = (id: string): string => `received.${createHash('sha1').update(id).digest('hex')}`;
const idOf = (schema: string): string => `police-a.${schema.toLowerCase()}`;

const concrete: Schema[] = [...model.schemata.values()].filter((s) => !s.abstract);
/** The planted entity a reference to `range` points at: the range's own one, else the first concrete schema under it. */
const target = (range: string): string => idOf(concrete.find((s) => s.name === range)?.name ?? concrete.find((s) => model.isA(s.name, range))!.name);

/** One entity per concrete schema: a label in its first text property, and for interstitials both ends. */
function schemaEntity(s: Schema): Statement[] {
  const id = idOf(s.name);
  const label = [...s.properties.values()].find((p) => ['name', 'string', 'text'].includes(p.type));
  const out = [st(id, s.name, label!.name, `${s.name} one`)];
  if (s.edge) {
    for (const end of [s.edge.source, s.edge.target]) out.push(st(id, s.name, end, target(s.properties.get(end)!.range!), ref));
  }
  return out;
}

const PAY = 'police-a.pay-rich';
const CTX = 'police-a.ctx-rich';
const money = [
  st(PAY, 'Payment', 'payer', idOf('Person'), ref),
  st(PAY, 'Payment', 'beneficiary', idOf('Company'), ref),
  st(PAY, 'Payment', 'amount', '9500'),
  st(PAY, 'Payment', 'currency', 'EUR'),
  st(PAY, 'Payment', 'date', '2024-03-01'),
  st(PAY, 'Payment', 'purpose', 'consulting invoice 17'),
  st(PAY, 'Payment', 'payerAccount', idOf('BankAccount'), ref),
  st(CTX, 'CryptoTransfer', 'sender', idOf('CryptoWallet'), ref),
  st(CTX, 'CryptoTransfer', 'receiver', 'police-a.wallet-2', ref),
  st(CTX, 'CryptoTransfer', 'amount', '0.5'),
  st(CTX, 'CryptoTransfer', 'currency', 'BTC'),
  st(CTX, 'CryptoTransfer', 'chain', 'bitcoin'),
  st(CTX, 'CryptoTransfer', 'transactionHash', 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'),
  st(CTX, 'CryptoTransfer', 'date', '2024-03-02'),
  st('police-a.wallet-2', 'CryptoWallet', 'publicKey', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'),
  st(PAY, 'Payment', 'amount', '4000', { handling: 'H2' }),
  st(PAY, 'Payment', 'summary', 'the informant’s tip', { tlp: 'RED' }),
];

describe('FtM round trip', () => {
  let dir: string;
  let store: Store;
  let lines: string;
  let back: Reimported;
  const planted = [...concrete.flatMap(schemaEntity), ...money];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corvid-ftm-rt-'));
    store = await plantedStore(join(dir, 'a'), planted);
    const chunks: string[] = [];
    await exportFtm(sys, store, { tlpMax: 'AMBER' }, (c) => void chunks.push(c));
    lines = chunks.join('');
    back = await reimport(lines, 'ftm', 'entities.ftm.json');
  });
  after(async () => {
    await back?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('every line imports: one entity per schema, plus the payment, the transfer and the second wallet', () => {
    const n = concrete.length + 3;
    assert.deepEqual([back.summary.read, back.summary.imported, back.summary.rejected, back.summary.rejectedValues], [n, n, 0, 0]);
  });

  test('each schema comes back as itself, with its values and its references rewritten to the re-imported ids', () => {
    const byId = new Map(back.entities.map((b) => [b.entity.id, b.entity]));
    for (const s of concrete) {
      const e = byId.get(received(idOf(s.name)));
      assert.ok(e, `${s.name} came back`);
      assert.equal(e.schema, s.name);
      const expected: Record<string, string[]> = {};
      for (const x of schemaEntity(s)) expected[x.prop] = [x.isRef ? received(x.value) : x.value];
      assert.deepEqual(e.properties, expected, s.name);
    }
  });

  test('the payment and the crypto transfer keep every money field; the H2 amount and the RED summary stay behind', () => {
    const pay = back.entities.find((b) => b.entity.id === received(PAY))!.entity;
    assert.deepEqual(pay.properties, {
      payer: [received(idOf('Person'))],
      beneficiary: [received(idOf('Company'))],
      amount: ['9500'],
      currency: ['EUR'],
      date: ['2024-03-01'],
      purpose: ['consulting invoice 17'],
      payerAccount: [received(idOf('BankAccount'))],
    });
    const ctx = back.entities.find((b) => b.entity.id === received(CTX))!.entity;
    assert.deepEqual(ctx.properties, {
      sender: [received(idOf('CryptoWallet'))],
      receiver: [received('police-a.wallet-2')],
      amount: ['0.5'],
      currency: ['BTC'],
      chain: ['bitcoin'],
      transactionHash: ['f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'],
      date: ['2024-03-02'],
    });
    assert.ok(!lines.includes('"4000"'), 'no H2 value');
    assert.ok(!lines.includes('informant'), 'no RED value');
  });
});
