/** Conformance specs for the data paths: migrations, writing, visibility, entities. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext } from '../../model/context.ts';
import type { Statement } from '../../model/statement.ts';
import {
  A,
  B,
  C1,
  OP2,
  OWN1,
  P1,
  P2,
  PAY1,
  PAY2,
  S1,
  S2,
  T0,
  T1,
  X1,
  admin,
  analyst,
  byId,
  code,
  collect,
  fixtureA,
  inOp,
  insider,
  redNoComp,
  st,
} from './fixture.ts';
import type { SpecRunners } from './runners.ts';

export function dataSpecs({ withStore, seeded }: SpecRunners): void {
  describe('migrations', () => {
    test(
      'migrate is idempotent and keeps data',
      seeded(async (store) => {
        await store.migrate();
        await store.migrate();
        assert.equal(await store.countStatements(admin), 21);
        assert.equal(await store.countEntities(admin), 9);
      }),
    );
  });

  describe('writing', () => {
    test(
      'writes a batch and reads back every provenance field',
      withStore(async ({ store }) => {
        const stmts = fixtureA();
        assert.deepEqual(await store.writeBatch(admin, { dataset: A, statements: stmts }), { inserted: 19, unchanged: 0 });
        const e = await store.getEntity(admin, P1);
        assert.ok(e);
        assert.equal(e.id, P1);
        assert.equal(e.schema, 'Person');
        assert.equal(e.caption, 'John Smith');
        assert.deepEqual(e.properties, { name: ['John Smith'], email: ['john.smith@example.org'], birthDate: ['1980-05-01'] });
        assert.deepEqual(e.datasets, [A]);
        assert.equal(e.firstSeen, T0);
        assert.equal(e.lastSeen, T1);
        const expected = stmts.filter((s) => s.entityId === P1).sort(byId);
        assert.deepEqual([...e.statements].sort(byId), expected);
        const pay = await store.listStatements(admin, { entityIds: [PAY1], props: ['payer'] });
        assert.deepEqual(pay, [stmts[6]]);
      }),
    );

    test(
      're-writing is idempotent and only widens first/last seen',
      withStore(async ({ store }) => {
        await store.writeBatch(admin, { dataset: A, statements: fixtureA() });
        const again = fixtureA().map((s) =>
          s.prop === 'name' && s.entityId === P1
            ? { ...s, firstSeen: '2023-06-01T00:00:00.000Z', lastSeen: '2024-01-20T00:00:00.000Z' }
            : s.prop === 'email'
              ? { ...s, firstSeen: '2024-01-20T00:00:00.000Z', lastSeen: '2024-12-31T00:00:00.000Z' }
              : s,
        );
        assert.deepEqual(await store.writeBatch(admin, { dataset: A, statements: again }), { inserted: 0, unchanged: 19 });
        assert.equal(await store.countStatements(admin), 19);
        assert.equal(await store.countEntities(admin), 8);
        const e = await store.getEntity(admin, P1);
        assert.ok(e);
        assert.equal(e.firstSeen, '2023-06-01T00:00:00.000Z');
        assert.equal(e.lastSeen, '2024-12-31T00:00:00.000Z');
        const [name] = await store.listStatements(admin, { entityIds: [P1], props: ['name'] });
        assert.equal(name?.firstSeen, '2023-06-01T00:00:00.000Z');
        assert.equal(name?.lastSeen, T1); // the narrower last seen did not shrink it
        const [email] = await store.listStatements(admin, { entityIds: [P1], props: ['email'] });
        assert.equal(email?.firstSeen, T0);
        assert.equal(email?.lastSeen, '2024-12-31T00:00:00.000Z');
      }),
    );

    test(
      'rejects ids outside the dataset namespace and writes nothing of that batch',
      withStore(async ({ store }) => {
        const ok = st('police-a.new', 'Person', 'name', 'Valid Person');
        const forged = st('police-b.victim', 'Person', 'name', 'Forged', { dataset: A });
        await assert.rejects(store.writeBatch(admin, { dataset: A, statements: [ok, forged] }), code('CORVID_ERR_STORE_FORGED_REFERENCE'));
        const wrongDataset = st('police-a.q', 'Person', 'name', 'Q', { dataset: B });
        await assert.rejects(store.writeBatch(admin, { dataset: A, statements: [ok, wrongDataset] }), code('CORVID_ERR_STORE_FORGED_REFERENCE'));
        assert.equal(await store.countStatements(admin), 0);
      }),
    );

    test(
      'rejects compartments and TLPs the writer may not see',
      withStore(async ({ store }) => {
        const secret = st('police-a.z', 'Person', 'name', 'Z', inOp);
        await assert.rejects(store.writeBatch(analyst, { dataset: A, statements: [secret] }), code('CORVID_ERR_AUTH_FORBIDDEN'));
        const red = st('police-a.z', 'Person', 'name', 'Z', { tlp: 'RED' });
        await assert.rejects(store.writeBatch(analyst, { dataset: A, statements: [red] }), code('CORVID_ERR_AUTH_FORBIDDEN'));
        assert.deepEqual(await store.writeBatch(insider, { dataset: A, statements: [secret] }), { inserted: 1, unchanged: 0 });
        assert.equal(await store.countStatements(admin), 1);
      }),
    );
  });

  describe('visibility', () => {
    test(
      'counts only what the caller may see',
      seeded(async (store) => {
        assert.equal(await store.countStatements(admin), 21);
        assert.equal(await store.countStatements(analyst), 13);
        assert.equal(await store.countStatements(insider), 19);
        assert.equal(await store.countStatements(redNoComp), 14);
        assert.equal(await store.countEntities(admin), 9);
        assert.equal(await store.countEntities(analyst), 6);
        assert.equal(await store.countEntities(insider), 8);
        assert.equal(await store.countEntities(redNoComp), 6);
        assert.equal(await store.countStatements(analyst, { datasets: [A] }), 11);
        assert.equal(await store.countStatements(insider, { entityIds: [S2] }), 0);
        assert.equal(await store.countEntities(insider, { schemata: ['Ownership'] }), 1);
        assert.equal(await store.countStatements(analyst, { entityIds: [S1] }), 0);
        assert.equal(await store.countStatements(insider, { entityIds: [S1] }), 2);
        assert.equal(await store.countStatements(analyst, { props: ['name'] }), 4);
        assert.equal(await store.countStatements(insider, { props: ['name'] }), 5);
        assert.equal(await store.countEntities(analyst, { schemata: ['Payment'] }), 1);
        assert.equal(await store.countEntities(insider, { schemata: ['Payment'] }), 2);
        assert.equal(await store.countEntities(analyst, { datasets: [B] }), 1);
      }),
    );

    test(
      'a compartment-only entity does not exist for outsiders',
      seeded(async (store) => {
        assert.equal(await store.getEntity(analyst, S1), null);
        assert.equal(await store.getEntity(redNoComp, S1), null);
        const seen = await store.getEntity(insider, S1);
        assert.equal(seen?.caption, 'ROSSI, Mario');
        assert.deepEqual(
          (await store.getEntities(analyst, [P1, S1, 'police-a.nope'])).map((e) => e.id),
          [P1],
        );
        assert.deepEqual((await store.getEntities(insider, [P1, S1])).map((e) => e.id).sort(), [P1, S1]);
        assert.deepEqual(await store.listStatements(analyst, { entityIds: [S1, PAY2] }), []);
        const all = (await collect(store.iterateStatements(analyst, {}))).flat();
        assert.equal(all.length, 13);
        assert.ok(all.every((s) => s.compartment === '' && s.tlp !== 'RED'));
        const ents = await collect(store.iterateEntities(analyst, {}));
        assert.deepEqual(
          ents.map((e) => e.id),
          [C1, OWN1, P1, P2, PAY1, X1],
        );
        assert.equal(await store.getEntity(insider, S2), null); // a member of one compartment is not in the others
        assert.ok(!(await collect(store.iterateEntities(insider, {}))).some((e) => e.id === S2));
        assert.equal((await store.getEntity(makeContext({ actor: 'dora', compartments: [OP2] }), S2))?.caption, 'Secret Other');
      }),
    );

    test(
      'a mixed entity shows only its visible properties',
      seeded(async (store) => {
        const a = await store.getEntity(analyst, P2);
        assert.deepEqual(a?.properties, { name: ['Anna Bianchi'] });
        assert.equal(a?.statements.length, 1);
        const i = await store.getEntity(insider, P2);
        assert.deepEqual(i?.properties, { name: ['Anna Bianchi'], phone: ['+393331234567'] });
        const r = await store.getEntity(redNoComp, P2);
        assert.deepEqual(r?.properties, { name: ['Anna Bianchi'], notes: ['informant'] });
        const viaIter = (await collect(store.iterateEntities(analyst, { datasets: [A] }))).find((e) => e.id === P2);
        assert.deepEqual(viaIter?.properties, { name: ['Anna Bianchi'] });
        const [viaMany] = await store.getEntities(insider, [P2]);
        assert.deepEqual(viaMany?.properties, { name: ['Anna Bianchi'], phone: ['+393331234567'] });
      }),
    );

    test(
      'links respect visibility',
      seeded(async (store) => {
        const simple = (links: { entity: { id: string }; prop: string }[]) => links.map((l) => `${l.entity.id}:${l.prop}`).sort();
        assert.deepEqual(simple(await store.getLinks(analyst, P1)), [`${PAY1}:payer`]);
        assert.deepEqual(simple(await store.getLinks(insider, P1)), [`${PAY1}:payer`, `${PAY2}:payer`]);
        assert.deepEqual(simple(await store.getLinks(analyst, S1)), []);
        assert.deepEqual(simple(await store.getLinks(insider, S1)), [`${PAY2}:beneficiary`]);
        assert.deepEqual(simple(await store.getLinks(analyst, C1)), [`${PAY1}:beneficiary`]); // OWN1 is visible, its asset statement is not
        assert.deepEqual(simple(await store.getLinks(insider, C1)), [`${OWN1}:asset`, `${PAY1}:beneficiary`]);
        assert.deepEqual(simple(await store.getLinks(analyst, P2)), [`${OWN1}:owner`]);
        assert.deepEqual((await store.getLinks(analyst, P2))[0]?.entity.properties, { owner: [P2] });
        const [link] = await store.getLinks(analyst, C1);
        assert.deepEqual(link?.entity.properties, { payer: [P1], beneficiary: [C1], amount: ['5000'] });
        assert.equal(link?.entity.schema, 'Payment');
      }),
    );

    test(
      'search respects visibility',
      seeded(async (store) => {
        assert.ok(!(await store.search(analyst, { text: 'Mario Rossi' })).some((h) => h.entity.id === S1));
        const hits = await store.search(insider, { text: 'Mario Rossi' });
        assert.equal(hits[0]?.entity.id, S1);
        assert.equal(hits[0]?.matched, 'ROSSI, Mario');
        assert.ok(!(await store.search(analyst, { text: '+393331234567' })).some((h) => h.entity.id === P2));
        const phone = await store.search(insider, { text: '+393331234567' });
        assert.equal(phone[0]?.entity.id, P2);
        assert.ok(!(await store.search(insider, { text: 'Secret Other' })).some((h) => h.entity.id === S2));
        assert.equal((await store.search(admin, { text: 'Secret Other' }))[0]?.entity.id, S2);
        const anna = await store.search(analyst, { text: 'Anna Bianchi' });
        assert.equal(anna[0]?.entity.id, P2);
        assert.deepEqual(anna[0]?.entity.properties, { name: ['Anna Bianchi'] });
      }),
    );
  });

  describe('entities', () => {
    test(
      'assembles the most specific schema',
      seeded(async (store) => {
        assert.equal((await store.getEntity(admin, P1))?.schema, 'Person'); // LegalEntity + Person
        assert.equal((await store.getEntity(admin, C1))?.schema, 'Company');
        await store.writeBatch(admin, { dataset: A, statements: [st('police-a.le', 'LegalEntity', 'name', 'Somebody')] });
        assert.equal((await store.getEntity(admin, 'police-a.le'))?.schema, 'LegalEntity');
        assert.equal(await store.getEntity(admin, 'police-a.missing'), null);
      }),
    );

    test(
      'values keep first-seen order',
      withStore(async ({ store }) => {
        const e = 'police-a.names';
        await store.writeBatch(admin, {
          dataset: A,
          statements: [
            st(e, 'Person', 'name', 'Johnny Smith', { firstSeen: '2024-03-01T00:00:00.000Z', lastSeen: '2024-03-01T00:00:00.000Z' }),
            st(e, 'Person', 'name', 'Smith, John', { firstSeen: '2024-01-01T00:00:00.000Z', lastSeen: '2024-01-01T00:00:00.000Z' }),
          ],
        });
        const got = await store.getEntity(admin, e);
        assert.deepEqual(got?.properties.name, ['Smith, John', 'Johnny Smith']);
        assert.equal(got?.caption, 'Smith, John');
      }),
    );

    test(
      'lists statements ordered by entity, property, value, with paging and filters',
      seeded(async (store) => {
        const props = (await store.listStatements(analyst, { entityIds: [P1] })).map((s) => s.prop);
        assert.deepEqual(props, ['birthDate', 'email', 'id', 'name']);
        const page = await store.listStatements(analyst, { entityIds: [P1] }, { limit: 2, offset: 1 });
        assert.deepEqual(
          page.map((s) => s.prop),
          ['email', 'id'],
        );
        const payers = await store.listStatements(insider, { schemata: ['Payment'], props: ['payer'] });
        assert.deepEqual(
          payers.map((s) => [s.entityId, s.value]),
          [
            [PAY1, P1],
            [PAY2, P1],
          ],
        );
        const fromB = await store.listStatements(admin, { datasets: [B] });
        assert.deepEqual(
          fromB.map((s) => s.prop),
          ['country', 'name'],
        );
      }),
    );

    test(
      'iterates statements in batches ordered by entity id',
      seeded(async (store) => {
        const batches = await collect(store.iterateStatements(admin, {}, 5));
        assert.ok(batches.length >= 5);
        assert.ok(batches.every((b) => b.length >= 1 && b.length <= 5));
        const flat = batches.flat();
        assert.equal(flat.length, 21);
        assert.equal(new Set(flat.map((s) => s.id)).size, 21);
        const ids = flat.map((s) => s.entityId);
        assert.deepEqual(ids, [...ids].sort());
        const onlyB = (await collect(store.iterateStatements(admin, { datasets: [B] }))).flat();
        assert.equal(onlyB.length, 2);
      }),
    );

    test(
      'iterates whole entities ordered by id, with filters',
      seeded(async (store) => {
        const all = await collect(store.iterateEntities(admin, {}));
        assert.deepEqual(
          all.map((e) => e.id),
          [C1, OWN1, P1, P2, PAY1, PAY2, S1, S2, X1],
        );
        assert.deepEqual(
          (await collect(store.iterateEntities(admin, { datasets: [B] }))).map((e) => e.id),
          [X1],
        );
        assert.deepEqual(
          (await collect(store.iterateEntities(insider, { schemata: ['Payment'] }))).map((e) => e.id),
          [PAY1, PAY2],
        );
        assert.deepEqual(
          (await collect(store.iterateEntities(analyst, { schemata: ['Payment'] }))).map((e) => e.id),
          [PAY1],
        );
      }),
    );

    test(
      'never splits an entity across internal batches',
      withStore(async ({ store }) => {
        // 1,501 entities of 7 statements: more than 10,000 rows, and 7 divides no usual batch size.
        const stmts: Statement[] = [];
        for (let i = 0; i < 1501; i++) {
          const id = `police-a.bulk-${String(i).padStart(4, '0')}`;
          for (let k = 0; k < 7; k++) stmts.push(st(id, 'Person', 'name', `Person ${i} alias ${k}`));
        }
        await store.writeBatch(admin, { dataset: A, statements: stmts });
        const ents = await collect(store.iterateEntities(admin, {}));
        assert.equal(ents.length, 1501);
        assert.ok(ents.every((e) => e.properties.name?.length === 7));
        assert.equal(ents[0]?.id, 'police-a.bulk-0000');
        assert.equal(ents[1500]?.id, 'police-a.bulk-1500');
      }),
    );
  });
}
