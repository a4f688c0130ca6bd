/**
 * Follow the money and detection on the demo investigation, checked against the generator's ground truth: each
 * victim's coins, traced forward from their first crypto transfer, pass through the cash-out wallet the truth names
 * (under haircut, which gives every later outflow of a mixed balance its share: the generator's truth follows each
 * victim by whole transactions, while FIFO may hand a batch's older coins to an earlier outflow);
 * a Kryptex deposit address shows as a cash-out point with money to recover; and the mule alerts name the
 * fraud network's mules, not bystanders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemo } from '../../cli/load-demo.ts';
import { detectInStore } from '../../detect/alerts/detect-store.ts';
import type { Truth } from '../../demo/truth.ts';
import { systemContext } from '../../model/context.ts';
import { openStore } from '../../store/open.ts';
import { loadLedger } from '../load.ts';
import { trace } from '../trace.ts';

interface TruthRecord {
  dataset: string;
  file: string;
  id?: string;
}

test('demo: traces reach the true cash-outs, and mule alerts name mules', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corvid-money-demo-'));
  const store = await openStore({ data: dir });
  const ctx = systemContext();
  try {
    const loaded = await loadDemo(ctx, store, dir);
    interface Known {
      key: string;
      role?: string;
      holder?: string;
      address?: string;
      iban?: string;
      records: TruthRecord[];
    }
    const truth = JSON.parse(readFileSync(loaded.truth, 'utf8')) as Pick<Truth, 'networks'> & {
      entities: Known[];
      flows: { key: string; cashOut: string; hops: { kind: string; record: TruthRecord }[] }[];
    };
    const entities = new Map(truth.entities.map((e) => [e.key, e]));
    const chainId = (key: string): string => `chain-analytics.${entities.get(key)!.records.find((r) => r.file === 'chain-analytics/transfers.ftm.json')!.id}`;

    const { ledger } = await loadLedger(ctx, store);
    let flows = 0;
    let exchangeFlows = 0;
    for (const f of truth.flows) {
      const first = f.hops.find((h) => h.kind === 'crypto');
      if (!first) continue;
      flows++;
      const r = trace(ledger, { from: { transfer: `chain-analytics.${first.record.id}` }, model: 'haircut' });
      const want = chainId(f.cashOut);
      assert.ok(
        r.flows.some((x) => x.to === want),
        `${f.key}: the victim's coins pass through ${want}`,
      );
      if (entities.get(f.cashOut)!.role === 'exchange-deposit') {
        exchangeFlows++;
        const c = r.cashOut.find((x) => x.node === want);
        assert.ok(c && c.tag === 'exchange' && BigInt(c.recoverable.units) > 0n, `${f.key}: ${want} is a cash-out point with money to recover`);
      }
    }
    assert.ok(flows > 100 && exchangeFlows > 10, `${flows} flows with crypto hops, ${exchangeFlows} to the exchange`);

    // Mules: the accounts held by the fraud network's money mules. Every account the truth knows has a role: the
    // network's (mule, shell, network, collector, …) or a bystander's or victim's.
    const members = new Map<string, string>();
    for (const net of truth.networks) for (const m of net.members) members.set(m.key, m.role);
    const byIdentifier = new Map<string, { role?: string; holder?: string }>();
    for (const e of entities.values()) if (e.iban || e.address) byIdentifier.set((e.iban ?? e.address)!, e);
    const mules = new Set([...members].filter(([, role]) => role === 'money mule').map(([k]) => k));
    const run = await detectInStore(ctx, store, {});
    const flagged = new Set<string>();
    for (const a of run.alerts.filter((x) => x.typology === 'mule' || x.typology === 'rapid-new-account')) {
      const central = a.accounts[0]!;
      const e = byIdentifier.get(central.identifier ?? '');
      assert.ok(
        e && e.role !== 'background' && e.role !== 'victim',
        `${a.typology} alert on ${central.identifier} (${central.id}, ${e?.role}) is no bystander`,
      );
      if (e.holder && mules.has(e.holder)) flagged.add(e.holder);
    }
    assert.ok(flagged.size * 2 >= mules.size, `${flagged.size} of ${mules.size} mules flagged`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
