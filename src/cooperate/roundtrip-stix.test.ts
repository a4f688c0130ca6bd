/**
 * STIX 2.1 round trip: a bundle exported from a store (identities, a threat actor, a location, an
 * indicator, observables, relationships, a sighting, TLP marking definitions) re-imported through our
 * STIX reader (schema-validated) into a fresh store. Expectations worked out by hand from the statements.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stixScoId } from '../ingest/readers/stix-observables.ts';
import { systemContext } from '../model/context.ts';
import { makeStatement as st } from '../store/conformance/fixture.ts';
import type { Store } from '../store/port.ts';
import { exportStix } from './export-stix.ts';
import { plantedStore, reimport, tlpsOf, type Back, type Reimported } from './roundtrip.testing.ts';

const sys = systemContext();
const P1 = 'police-a.p1';
const C1 = 'police-a.c1';
const G1 = 'police-a.g1';
const A1 = 'police-a.a1';
const I1 = 'police-a.i1';
const N1 = 'police-a.n1';
const N2 = 'police-a.n2';
const EV1 = 'police-a.ev1';
const ref = { isRef: true };
const RED_EMAIL = 'anna.private@example.org';
const H2_ALIAS = 'Die Falkin';
const PATTERN = "[domain-name:value = 'pay.evil.example']";

const statements = [
  st(P1, 'Person', 'name', 'Anna Schmidt'),
  st(P1, 'Person', 'email', 'anna@example.org'),
  st(P1, 'Person', 'phone', '+31612345678', { tlp: 'AMBER' }),
  st(P1, 'Person', 'email', RED_EMAIL, { tlp: 'RED' }),
  st(P1, 'Person', 'alias', H2_ALIAS, { handling: 'H2' }),
  st(C1, 'Company', 'name', 'Acme Logistics GmbH'),
  st(G1, 'CriminalNetwork', 'name', 'Falco clan'),
  st(G1, 'CriminalNetwork', 'alias', 'Falchi'),
  st(A1, 'Address', 'full', 'Damrak 1, Amsterdam'),
  st(A1, 'Address', 'city', 'Amsterdam'),
  st(A1, 'Address', 'country', 'nl'),
  st(I1, 'Note', 'name', 'payment portal'),
  st(I1, 'Note', 'keywords', 'indicator'),
  st(I1, 'Note', 'notes', `stix pattern: ${PATTERN}`),
  st(N1, 'Note', 'name', 'pay.evil.example'),
  st(N1, 'Note', 'keywords', 'domain-name'),
  st(N2, 'Note', 'name', '203.0.113.7'),
  st(N2, 'Note', 'ipMentioned', '203.0.113.7'),
  st('police-a.own1', 'Ownership', 'owner', P1, ref),
  st('police-a.own1', 'Ownership', 'asset', C1, ref),
  st('police-a.pay1', 'Payment', 'payer', P1, ref),
  st('police-a.pay1', 'Payment', 'beneficiary', C1, ref),
  st('police-a.pay1', 'Payment', 'amount', '9500'),
  st('police-a.pay1', 'Payment', 'currency', 'EUR'),
  st('police-a.mem1', 'Membership', 'member', P1, ref),
  st('police-a.mem1', 'Membership', 'organization', G1, ref),
  st(EV1, 'Event', 'name', 'portal seen at Acme'),
  st(EV1, 'Event', 'keywords', 'sighting'),
  st(EV1, 'Event', 'startDate', '2024-01-20T10:00:00Z'),
  st(EV1, 'Event', 'endDate', '2024-01-22T10:00:00Z'),
  st(EV1, 'Event', 'summary', 'seen 3 times'),
  st(EV1, 'Event', 'involved', C1, ref),
  st('police-a.l1', 'UnknownLink', 'subject', EV1, ref),
  st('police-a.l1', 'UnknownLink', 'object', I1, ref),
  st('police-a.l1', 'UnknownLink', 'role', 'sighting-of'),
];

interface Bundle {
  objects: { type: string; id: string; relationship_type?: string; object_marking_refs?: string[] }[];
}

describe('STIX 2.1 round trip', () => {
  let dir: string;
  let store: Store;
  let text: string;
  let back: Reimported;
  const one = (prop: string, value: string): Back => {
    const found = back.holding(prop, value);
    assert.equal(found.length, 1, `one entity with ${prop} ${value}`);
    return found[0]!;
  };
  const linksOf = (role: string): Back[] => back.entities.filter((b) => b.entity.schema === 'UnknownLink' && b.entity.properties.role?.[0] === role);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corvid-stix-rt-'));
    store = await plantedStore(join(dir, 'a'), statements);
    const chunks: string[] = [];
    await exportStix(sys, store, { tlpMax: 'AMBER' }, (c) => void chunks.push(c));
    text = chunks.join('');
    back = await reimport(text, 'stix', 'bundle.json');
  });
  after(async () => {
    await back?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the bundle: each kind of object, observables with the ids STIX gives them, two TLP markings', () => {
    const types = (JSON.parse(text) as Bundle).objects.map((o) => o.type);
    const count = (t: string): number => types.filter((x) => x === t).length;
    // 2 identities, 1 threat actor, 1 location, 1 indicator; 3 observables; 3 relationships of interstitials
    // and 1 from the person to her e-mail address; 1 sighting; GREEN and AMBER.
    assert.deepEqual(
      ['identity', 'threat-actor', 'location', 'indicator', 'email-addr', 'domain-name', 'ipv4-addr', 'relationship', 'sighting', 'marking-definition'].map(count),
      [2, 1, 1, 1, 1, 1, 1, 4, 1, 2],
    );
    assert.equal(types.length, 15);
    const ids = (JSON.parse(text) as Bundle).objects.map((o) => o.id);
    assert.ok(ids.includes(stixScoId('domain-name', { value: 'pay.evil.example' })));
    assert.ok(ids.includes(stixScoId('email-addr', { value: 'anna@example.org' })));
  });

  test('hostile: the RED e-mail and the H2 alias are not in the bundle', () => {
    assert.ok(!text.includes(RED_EMAIL));
    assert.ok(!text.includes(H2_ALIAS));
    assert.ok(!text.includes('TLP:RED'));
  });

  test('every object imports (schema-valid); marking definitions are applied, not imported', () => {
    assert.deepEqual([back.summary.read, back.summary.imported, back.summary.skipped, back.summary.rejected], [15, 13, 2, 0]);
  });

  test('identities, the threat actor and the location come back with their TLP', () => {
    const anna = one('name', 'Anna Schmidt');
    assert.equal(anna.entity.schema, 'Person');
    assert.deepEqual(anna.entity.properties.notes, ['phone: +31612345678']);
    assert.deepEqual(tlpsOf(anna), ['AMBER'], 'an object carries the TLP of its strictest statement');
    assert.equal(one('name', 'Acme Logistics GmbH').entity.schema, 'Organization');
    const falco = one('name', 'Falco clan');
    assert.deepEqual([falco.entity.schema, falco.entity.properties.alias, falco.entity.properties.topics], ['Organization', ['Falchi'], ['crime.cyber']]);
    assert.deepEqual(tlpsOf(falco), ['GREEN']);
    const addr = one('full', 'Damrak 1, Amsterdam');
    assert.deepEqual([addr.entity.schema, addr.entity.properties.city, addr.entity.properties.country], ['Address', ['Amsterdam'], ['nl']]);
  });

  test('observables: the e-mail as an account linked to its person, the domain one entity with the indicator’s observable', () => {
    const email = one('email', 'anna@example.org');
    assert.equal(email.entity.schema, 'UserAccount');
    assert.deepEqual(tlpsOf(email), ['GREEN']);
    const related = linksOf('related-to');
    assert.deepEqual(related.map((l) => [l.entity.properties.subject?.[0], l.entity.properties.object?.[0]]), [[one('name', 'Anna Schmidt').entity.id, email.entity.id]]);
    const domain = one('name', 'pay.evil.example');
    const indicator = one('name', 'payment portal');
    // valid_from is the indicator's first seen (the fixture's T0), which the reader keeps as a note.
    assert.deepEqual(indicator.entity.properties.notes, [`stix pattern: ${PATTERN}`, 'valid from: 2024-01-10T08:00:00.000Z']);
    assert.deepEqual(indicator.entity.properties.entity, [domain.entity.id], 'the pattern names the exported domain');
    assert.equal(one('ipMentioned', '203.0.113.7').entity.schema, 'Note');
  });

  test('relationships come back as links with the verb of the interstitial', () => {
    const anna = one('name', 'Anna Schmidt').entity.id;
    const acme = one('name', 'Acme Logistics GmbH').entity.id;
    const falco = one('name', 'Falco clan').entity.id;
    const ends = (role: string): string[][] => linksOf(role).map((l) => [l.entity.properties.subject![0]!, l.entity.properties.object![0]!]);
    assert.deepEqual(ends('owns'), [[anna, acme]]);
    assert.deepEqual(ends('paid'), [[anna, acme]]);
    assert.deepEqual(linksOf('paid')[0]!.entity.properties.description, ['Payment, 9500 EUR']);
    assert.deepEqual(ends('belongs-to'), [[anna, falco]]);
  });

  test('the sighting comes back as an event of the indicator, where it was seen, how often', () => {
    const sightings = back.entities.filter((b) => b.entity.schema === 'Event');
    assert.equal(sightings.length, 1);
    const ev = sightings[0]!.entity;
    assert.deepEqual(ev.properties.summary, ['seen 3 times']);
    assert.deepEqual(ev.properties.startDate, ['2024-01-20T10:00:00']);
    assert.deepEqual(ev.properties.involved, [one('name', 'Acme Logistics GmbH').entity.id]);
    const of = linksOf('sighting-of');
    assert.deepEqual(of.map((l) => [l.entity.properties.subject?.[0], l.entity.properties.object?.[0]]), [[ev.id, one('name', 'payment portal').entity.id]]);
  });
});
