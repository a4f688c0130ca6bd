/**
 * MISP event export: the event's shape, deterministic uuids, the policy (RED and H2 values never in the
 * text), and a round trip through our MISP reader into a fresh store that gives back the same selectors
 * with their TLP. Expectations are worked out by hand from the planted statements.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemContext } from '../model/context.ts';
import { makeStatement as st } from '../store/conformance/fixture.ts';
import type { Store } from '../store/port.ts';
import { buildMispEvent, exportMisp, type MispEvent } from './export-misp.ts';
import type { ExportPolicy } from './export-policy.ts';
import { uuid5 } from './export-stix.ts';
import { plantedStore, reimport, tlpsOf, type Reimported } from './roundtrip.testing.ts';

const sys = systemContext();
const P1 = 'police-a.p1';
const C1 = 'police-a.c1';
const B1 = 'police-a.b1';
const W1 = 'police-a.w1';
const W2 = 'police-a.w2';
const N1 = 'police-a.n1';
const N2 = 'police-a.n2';
const U1 = 'police-a.u1';
const OWN1 = 'police-a.own1';
const RED_PHONE = '+31687654321';
const H2_EMAIL = 'secret.handler@example.org';
const BTC = '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2';
const ETH = '0x52908400098527886e0f7030069857d2e4169ee7';
const AMBER = { tlp: 'AMBER' } as const;

const statements = [
  st(P1, 'Person', 'name', 'Anna Schmidt'),
  st(P1, 'Person', 'passportNumber', 'C01X00T47'),
  st(P1, 'Person', 'phone', '+31612345678', AMBER),
  st(P1, 'Person', 'phone', RED_PHONE, { tlp: 'RED' }),
  st(P1, 'Person', 'email', 'anna@example.org'),
  st(P1, 'Person', 'email', H2_EMAIL, { handling: 'H2' }),
  st(C1, 'Company', 'name', 'Acme Logistics GmbH'),
  st(C1, 'Company', 'phone', '+49301234567'),
  st(B1, 'BankAccount', 'iban', 'NL91ABNA0417164300', AMBER),
  st(W1, 'CryptoWallet', 'publicKey', BTC),
  st(W1, 'CryptoWallet', 'currency', 'BTC'),
  st(W2, 'CryptoWallet', 'publicKey', ETH),
  st(W2, 'CryptoWallet', 'currency', 'ETH'),
  st(N1, 'Note', 'name', 'payments.evil.example'),
  st(N1, 'Note', 'keywords', 'domain-name'),
  st(N2, 'Note', 'name', '203.0.113.7'),
  st(N2, 'Note', 'ipMentioned', '203.0.113.7'),
  st(U1, 'UserAccount', 'email', 'ops@example.net'),
  st(U1, 'UserAccount', 'service', 'email'),
  st(OWN1, 'Ownership', 'owner', P1, { isRef: true }),
  st(OWN1, 'Ownership', 'asset', C1, { isRef: true }),
];

const POLICY: ExportPolicy = { tlpMax: 'AMBER' };

async function text(store: Store, policy: ExportPolicy = POLICY): Promise<string> {
  const chunks: string[] = [];
  await exportMisp(sys, store, policy, (c) => void chunks.push(c), { info: 'op-falco' });
  return chunks.join('');
}

describe('MISP event export', () => {
  let dir: string;
  let store: Store;
  let back: Reimported;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corvid-misp-export-'));
    store = await plantedStore(join(dir, 'a'), statements);
    back = await reimport(await text(store), 'misp', 'event.json');
  });
  after(async () => {
    await back?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the event: people, companies and accounts as objects, other selectors as attributes, to_ids off, a source comment', async () => {
    const { event, counts } = await buildMispEvent(sys, store, POLICY, { info: 'op-falco' });
    const ev = event.Event;
    assert.equal(ev.info, 'op-falco');
    assert.equal(ev.date, '2024-02-15', 'the latest last-seen of the data, not today');
    assert.deepEqual(ev.Tag, [{ name: 'tlp:amber' }]);
    assert.deepEqual(ev.Object.map((o) => o.name).sort(), ['bank-account', 'coin-address', 'legal-entity', 'person']);
    assert.deepEqual(ev.Attribute.map((a) => `${a.type} ${a.value}`).sort(), [`btc ${BTC}`, 'domain payments.evil.example', 'email ops@example.net', 'ip-dst 203.0.113.7']);
    const person = ev.Object.find((o) => o.name === 'person')!;
    assert.equal(person.uuid, uuid5(`misp-object:${P1}`));
    assert.deepEqual(person.Attribute.map((a) => `${a.object_relation}=${a.value} ${a.Tag[0]!.name}`).sort(), [
      'e-mail=anna@example.org tlp:green',
      'full-name=Anna Schmidt tlp:green',
      'passport-number=C01X00T47 tlp:green',
      'phone-number=+31612345678 tlp:amber',
    ]);
    const all = [...ev.Attribute, ...ev.Object.flatMap((o) => o.Attribute)];
    assert.ok(all.every((a) => a.to_ids === false));
    assert.ok(all.every((a) => a.comment.includes('source: case-17.csv (police-a)')));
    assert.deepEqual(person.ObjectReference.map((r) => [r.referenced_uuid, r.relationship_type]), [[uuid5(`misp-object:${C1}`), 'owns']]);
    // 21 statements: one RED (above the ceiling, never read) and one H2 (withheld).
    assert.deepEqual([counts.entities, counts.statements, counts.withheldH2], [9, 19, 1]);
  });

  test('hostile: the RED phone and the H2 e-mail are nowhere in the exported text', async () => {
    const t = await text(store);
    assert.ok(!t.includes(RED_PHONE), 'no RED value');
    assert.ok(!t.includes(H2_EMAIL), 'no H2 value');
    assert.ok(!t.includes('tlp:red'), 'no RED tag');
    const withH2 = await text(store, { ...POLICY, allowH2: true });
    assert.ok(withH2.includes(H2_EMAIL), 'with the recorded permission the H2 value goes');
    assert.ok(!withH2.includes(RED_PHONE));
  });

  test('a re-export is identical, uuids included', async () => {
    const [one, two] = [await text(store), await text(store)];
    assert.equal(one, two);
    const ev = (JSON.parse(one) as MispEvent).Event;
    assert.match(ev.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('round trip: every record imports, nothing rejected', () => {
    // The event, 4 standalone attributes, 4 objects and 1 reference.
    assert.deepEqual([back.summary.read, back.summary.imported, back.summary.rejected], [10, 10, 0]);
  });

  test('round trip: the same selectors come back on the same kinds of entity, with their TLP', () => {
    const [anna] = back.holding('passportNumber', 'C01X00T47');
    assert.ok(anna);
    assert.equal(anna.entity.schema, 'Person');
    assert.deepEqual(anna.entity.properties.name, ['Anna Schmidt']);
    assert.deepEqual(anna.entity.properties.phone, ['+31612345678']);
    assert.deepEqual(anna.entity.properties.email, ['anna@example.org']);
    assert.deepEqual(tlpsOf(anna), ['AMBER'], 'an object carries its strictest attribute TLP');
    const [acme] = back.holding('name', 'Acme Logistics GmbH');
    assert.equal(acme?.entity.schema, 'Company');
    assert.deepEqual(acme.entity.properties.phone, ['+49301234567']);
    assert.deepEqual(tlpsOf(acme), ['GREEN']);
    const [iban] = back.holding('iban', 'NL91ABNA0417164300');
    assert.equal(iban?.entity.schema, 'BankAccount');
    assert.deepEqual(tlpsOf(iban), ['AMBER']);
    const [btc] = back.holding('publicKey', BTC);
    assert.deepEqual([btc?.entity.schema, btc?.entity.properties.currency], ['CryptoWallet', ['BTC']]);
    const [eth] = back.holding('publicKey', ETH);
    assert.deepEqual([eth?.entity.schema, eth?.entity.properties.currency], ['CryptoWallet', ['ETH']]);
    assert.equal(back.holding('name', 'payments.evil.example')[0]?.entity.schema, 'Note');
    assert.equal(back.holding('ipMentioned', '203.0.113.7')[0]?.entity.schema, 'Note');
    assert.equal(back.holding('email', 'ops@example.net')[0]?.entity.schema, 'UserAccount');
    assert.ok(anna.statements.every((s) => s.grading === 'B2'), 'the grading travels as Admiralty tags');
  });

  test('round trip: the ownership comes back as a link from the person to the company', () => {
    const [anna] = back.holding('passportNumber', 'C01X00T47');
    const [acme] = back.holding('name', 'Acme Logistics GmbH');
    const links = back.entities.filter((b) => b.entity.schema === 'UnknownLink' && b.entity.properties.role?.[0] === 'owns');
    assert.equal(links.length, 1);
    assert.deepEqual([links[0]!.entity.properties.subject, links[0]!.entity.properties.object], [[anna!.entity.id], [acme!.entity.id]]);
  });

  test('round trip: neither the RED nor the H2 value is in the received store', () => {
    assert.deepEqual(back.holding('phone', RED_PHONE), []);
    assert.deepEqual(back.holding('email', H2_EMAIL), []);
  });
});
