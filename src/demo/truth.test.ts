// Checks the ground truth against the generated files: every record it cites exists, the planted money
// flows are continuous and respect time, mules pass money on only after it arrived, and the two networks
// are joined through the brokers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseCsv } from 'csv-parse/sync';
import { cleanPhone } from '../model/types.ts';
import { makeDemoFixture, type DemoFixture } from './demo-fixture.ts';
import { loadDemo, type LoadedDemo } from './load-demo.ts';
import type { SourceRef, Truth, TruthEntity } from './truth.ts';

/** `1.234,56` → 123456 cents. */
const cents = (dutch: string): number => Math.round(Number(dutch.replace(/\./g, '').replace(',', '.')) * 100);

describe('ground truth', () => {
  let fx: DemoFixture;
  let demo: LoadedDemo;
  let truth: Truth;
  let byKey: Map<string, TruthEntity>;
  let records: Set<string>;
  const refKey = (r: SourceRef): string => ('id' in r ? `${r.file}|id|${r.id}` : `${r.file}|${r.entity}|${r.keys.join('|')}`);

  before(async () => {
    fx = await makeDemoFixture();
    demo = await loadDemo(fx.dir);
    truth = JSON.parse(readFileSync(fx.manifest.truth, 'utf8')) as Truth;
    byKey = new Map(truth.entities.map((e) => [e.key, e]));
    records = new Set(demo.entities.map((e) => (e.entity ? `${e.file}|${e.entity}|${e.keys!.join('|')}` : `${e.file}|id|${e.id}`)));
  });
  after(() => fx.cleanup());

  test('every record the truth cites exists in the files', () => {
    let n = 0;
    for (const e of truth.entities) {
      for (const r of e.records) {
        n++;
        assert.ok(records.has(refKey(r)), `${e.key}: ${JSON.stringify(r)}`);
        assert.ok(
          demo.manifest.files.some((f) => f.path === r.file && f.dataset === r.dataset),
          JSON.stringify(r),
        );
      }
    }
    for (const f of truth.flows) for (const r of [...f.hops.map((h) => h.record), ...f.reportedIn]) assert.ok(records.has(refKey(r)), JSON.stringify(r));
    assert.ok(n > 2000, `${n} records`);
  });

  test('resolution has real work: people recorded by several sources under different spellings', () => {
    const multi = truth.entities.filter((e) => e.kind === 'person' && new Set(e.records.map((r) => r.dataset)).size >= 2);
    assert.ok(multi.length >= 50, `${multi.length} people in two or more datasets`);
    assert.ok(truth.entities.some((e) => e.kind === 'person' && new Set(e.records.map((r) => r.dataset)).size >= 4));
    const names = new Map<string, Set<string>>();
    const owner = new Map<string, string>();
    for (const e of truth.entities) if (e.kind === 'person') for (const r of e.records) owner.set(refKey(r), e.key);
    for (const x of demo.entities) {
      const k = owner.get(x.entity ? `${x.file}|${x.entity}|${x.keys!.join('|')}` : `${x.file}|id|${x.id}`);
      if (k) for (const n of [...(x.properties.name ?? []), ...(x.properties.alias ?? [])]) (names.get(k) ?? names.set(k, new Set()).get(k)!).add(n);
    }
    const spelledApart = [...names.values()].filter((s) => s.size >= 2).length;
    assert.ok(spelledApart >= 100, `${spelledApart} people written in more than one way`);
    const scripts = [...names.values()].filter((s) => [...s].some((n) => /\p{Script=Cyrillic}/u.test(n)) && [...s].some((n) => /^[A-Za-z]/.test(n)));
    assert.ok(scripts.length >= 2, 'some people appear in Cyrillic and in Latin letters');
  });

  test('namesakes are different people with the same name', () => {
    assert.ok(truth.namesakes.length >= 3);
    for (const [a, b] of truth.namesakes) {
      assert.notEqual(a, b);
      assert.equal(byKey.get(a)!.name, byKey.get(b)!.name);
    }
  });

  test('networks list their members and leaders; each broker belongs to both', () => {
    assert.deepEqual(truth.networks.map((n) => n.key).sort(), ['balkan', 'trident']);
    for (const n of truth.networks) {
      assert.ok(n.members.length >= 8);
      for (const l of n.leaders) assert.ok(n.members.some((m) => m.key === l));
      for (const m of n.members) assert.equal(byKey.get(m.key)?.kind, 'person');
    }
    assert.ok(truth.brokers.length >= 1);
    for (const b of truth.brokers)
      for (const n of truth.networks)
        assert.ok(
          n.members.some((m) => m.key === b.key),
          `${b.key} not in ${n.key}`,
        );
  });

  test('planted flows are continuous, end at a cash-out wallet and respect time', () => {
    assert.ok(truth.flows.length >= 300);
    const holder = (k: string): string | undefined => byKey.get(k)?.holder;
    for (const f of truth.flows) {
      const first = f.hops[0]!;
      assert.equal(first.kind, 'bank');
      assert.equal(holder(first.from), f.victim);
      assert.equal(f.hops[f.hops.length - 1]!.to, f.cashOut);
      assert.ok(['exchange-deposit', 'collector'].includes(byKey.get(f.cashOut)!.role!));
      for (let i = 1; i < f.hops.length; i++) {
        const [prev, hop] = [f.hops[i - 1]!, f.hops[i]!];
        assert.ok(hop.time > prev.time, `${f.key}: hop ${i} at ${hop.time} is not after ${prev.time}`);
        if (prev.kind === hop.kind) assert.equal(hop.from, prev.to, `${f.key}: hop ${i} does not continue`);
        else assert.equal(holder(hop.from), holder(prev.to), `${f.key}: bank-to-crypto hop ${i} changes hands`);
      }
      assert.ok(f.hops.some((h) => h.kind === 'crypto'));
    }
  });

  test('bank hops match the FIU rows and crypto hops the chain records', () => {
    const rows = parseCsv(readFileSync(join(fx.dir, 'fiu-nl/transactions.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const tx = new Map(rows.map((r) => [r.txid!, r]));
    const transfers = new Map(demo.entities.filter((e) => e.schema === 'CryptoTransfer').map((e) => [e.id, e]));
    for (const f of truth.flows) {
      for (const h of f.hops) {
        if (h.kind === 'bank') {
          const r = tx.get((h.record as { keys: string[] }).keys[0]!)!;
          assert.equal(r.payer_iban, byKey.get(h.from)!.iban);
          assert.equal(r.beneficiary_iban, byKey.get(h.to)!.iban);
          assert.equal(r.booking_time, h.time);
          assert.equal(cents(r.amount!), Math.round(Number(h.amount) * 100));
        } else {
          const t = transfers.get((h.record as { id: string }).id)!;
          assert.equal(t.properties.sender![0], `wallet-${byKey.get(h.from)!.address}`);
          assert.equal(t.properties.receiver![0], `wallet-${byKey.get(h.to)!.address}`);
          assert.equal(t.properties.amount![0], h.amount);
        }
      }
    }
  });

  test('money leaves a mule account only after at least as much arrived there shortly before', () => {
    const rows = (parseCsv(readFileSync(join(fx.dir, 'fiu-nl/transactions.csv'), 'utf8'), { columns: true }) as Record<string, string>[]).sort((a, b) =>
      a.booking_time! < b.booking_time! ? -1 : 1,
    );
    const mules = new Set(truth.entities.filter((e) => e.kind === 'account' && e.role === 'mule').map((e) => e.iban!));
    assert.ok(mules.size >= 15);
    let checked = 0;
    for (const [i, r] of rows.entries()) {
      if (!mules.has(r.payer_iban!) || cents(r.amount!) <= 50_000) continue; // forwards, not pocket money to friends
      const t = Date.parse(`${r.booking_time}Z`);
      const before = rows.slice(0, i).filter((x) => x.beneficiary_iban === r.payer_iban && t - Date.parse(`${x.booking_time}Z`) <= 24 * 3600_000);
      assert.ok(
        before.some((x) => cents(x.amount!) >= cents(r.amount!)),
        `${r.txid} leaves ${r.payer_iban} without a prior arrival`,
      );
      checked++;
    }
    assert.ok(checked >= 300, `${checked} forwards checked`);
  });

  test('in the call records, the two networks are connected only through the brokers', () => {
    const member = new Map<string, string>();
    for (const n of truth.networks) for (const m of n.members) for (const ph of byKey.get(m.key)!.phones ?? []) member.set(ph, m.key);
    const network = new Map<string, Set<string>>();
    for (const n of truth.networks) for (const m of n.members) (network.get(m.key) ?? network.set(m.key, new Set()).get(m.key)!).add(n.key);
    const brokers = new Set(truth.brokers.map((b) => b.key));
    const edges = new Map<string, Set<string>>();
    for (const f of demo.manifest.files.filter((x) => x.path.startsWith('telco-cdr/operator-'))) {
      for (const r of parseCsv(readFileSync(join(fx.dir, f.path), 'utf8'), { columns: true }) as Record<string, string>[]) {
        const norm = (v: string): string => {
          const c = cleanPhone(v, { defaultCountry: f.defaultCountry! });
          return c.ok ? c.value : v;
        };
        const a = member.get(norm(r.a_number!));
        const b = member.get(norm(r.b_number!));
        if (!a || !b || a === b) continue;
        (edges.get(a) ?? edges.set(a, new Set()).get(a)!).add(b);
        (edges.get(b) ?? edges.set(b, new Set()).get(b)!).add(a);
      }
    }
    const reach = (start: string[], avoid: Set<string>): Set<string> => {
      const seen = new Set(start);
      const queue = [...start];
      while (queue.length > 0)
        for (const n of edges.get(queue.pop()!) ?? [])
          if (!seen.has(n) && !avoid.has(n)) {
            seen.add(n);
            queue.push(n);
          }
      return seen;
    };
    const trident = truth.networks
      .find((n) => n.key === 'trident')!
      .members.map((m) => m.key)
      .filter((k) => !brokers.has(k));
    const balkan = new Set(
      truth.networks
        .find((n) => n.key === 'balkan')!
        .members.map((m) => m.key)
        .filter((k) => !brokers.has(k)),
    );
    const without = reach(trident, brokers);
    assert.ok(![...balkan].some((k) => without.has(k)), 'the networks touch without a broker');
    const withBrokers = reach(trident, new Set());
    assert.ok(
      [...balkan].some((k) => withBrokers.has(k)),
      'the brokers do not connect the networks',
    );
    for (const b of brokers) {
      const sides = new Set([...(edges.get(b) ?? [])].flatMap((n) => [...(network.get(n) ?? [])]));
      assert.deepEqual([...sides].sort(), ['balkan', 'trident'], `${b} should talk to both networks`);
    }
  });
});
