/**
 * The Store conformance suite: one set of behaviour tests, pure over the port, that every backend
 * (SQLite, PostgreSQL) must pass, so the backends can never drift apart.
 *
 * Usage, from an adapter's test file:
 * ```ts
 * import { storeSpecs } from '../conformance.ts';
 * storeSpecs('sqlite', async () => {
 *   const store = new SqliteStore({ path: tmpFile, model: loadModel() });
 *   await store.migrate();
 *   return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true }); }, tamper };
 * });
 * ```
 *
 * Contract for `makeStore`: every call returns a fresh, empty, migrated store (no datasets, statements,
 * audit records, jobs or users), and `cleanup` closes it and removes whatever it created. `tamper` is
 * the backend-specific escape hatch for the audit tests: raw SQL that bypasses the store, used only to
 * prove that tampering is detected and that the append-only guard holds.
 *
 * Semantics the suite pins down where the port's JSDoc is terse:
 * - Entity filters on `schemata` match entities that have a visible statement of one of those schemata.
 * - An entity's statements are assembled in first-seen order (ties: insertion order), so the caption is
 *   the earliest-seen name.
 * - Sensitive reads (a visible statement with a compartment, TLP >= AMBER+STRICT, or handling H2/H3)
 *   by `getEntity` append an `entity.read` audit record with the entity id as target.
 * - Audit actions written by the store itself: `dataset.upsert`, `dataset.delete`, `user.create`,
 *   `token.create`, `token.revoke` (target: dataset name or user name).
 * - A statement whose `dataset` differs from the batch's, or whose entity id is outside the batch
 *   dataset's namespace, is CORVID_ERR_STORE_FORGED_REFERENCE; nothing of that batch is written. A batch
 *   checkpoint for an unknown job is CORVID_ERR_NOT_FOUND, and again nothing is written.
 * - Search: one hit per entity, best first, ties by entity id; exact (normalised) value scores highest;
 *   `fuzzy: false` needs every query token inside the value; `schemata`/`datasets` filter the matched
 *   statement. Scores in (0, 1]. The shared scorer is `searchScore` in `visibility.ts`.
 * - Jobs: `claimJob` takes the oldest queued job (creation order); `startJob` takes queued or running
 *   jobs, anything else is CORVID_ERR_JOB_STATE; `finishJob` on a finished job is CORVID_ERR_JOB_STATE;
 *   `requestCancel` cancels a queued job at once and only flags a running one.
 * - Users: `listUsers` returns `passwordHash: ''`; duplicates are CORVID_ERR_STORE_CONFLICT. Revoking an
 *   unknown token is CORVID_ERR_NOT_FOUND. `upsertDataset` keeps fields the caller does not give.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { makeContext, systemContext, withSignal, type Context } from '../model/context.ts';
import { datasetOf } from '../model/ids.ts';
import { statementId, type Statement } from '../model/statement.ts';
import type { Store } from './port.ts';

/** Raw, backend-specific access to the audit table, for tamper-detection tests only. */
export interface AuditTamper {
  /** Overwrites the stored `detail` JSON of record `seq` (dropping the append-only guard first). */
  editAuditDetail(seq: number, detail: string): Promise<void>;
  /** Deletes record `seq` (dropping the append-only guard first). */
  deleteAudit(seq: number): Promise<void>;
  /** Tries a raw UPDATE of record `seq` with the guard in place; must reject. */
  attemptUpdate(seq: number): Promise<void>;
  /** Tries a raw DELETE of record `seq` with the guard in place; must reject. */
  attemptDelete(seq: number): Promise<void>;
}

export interface StoreHarness {
  store: Store;
  cleanup: () => Promise<void>;
  tamper: AuditTamper;
}

// Fixture -------------------------------------------------------------------------------------
const A = 'police-a';
const B = 'police-b';
const T0 = '2024-01-10T08:00:00.000Z';
const T1 = '2024-02-15T08:00:00.000Z';
const OP = 'op-montagna';
const OP2 = 'op-aurora';
const P1 = 'police-a.p1'; // Person, public
const C1 = 'police-a.c1'; // Company, public
const PAY1 = 'police-a.pay1'; // Payment P1 -> C1, public
const S1 = 'police-a.s1'; // Person, entirely in compartment op-montagna
const PAY2 = 'police-a.pay2'; // Payment P1 -> S1, entirely in op-montagna
const P2 = 'police-a.p2'; // Person: public name, compartment phone, RED notes
const S2 = 'police-a.s2'; // Person in another compartment, op-aurora
const OWN1 = 'police-a.own1'; // Ownership: public owner P2, asset C1 only in op-montagna
const X1 = 'police-b.x1'; // Person in the second dataset, same name as P1

/** Builds a statement with sensible provenance and its deterministic id. */
export function makeStatement(entityId: string, schema: string, prop: string, value: string, extra: Partial<Omit<Statement, 'id'>> = {}): Statement {
  const base: Omit<Statement, 'id'> = {
    entityId, schema, prop, value, original: '', dataset: datasetOf(entityId), source: 'case-17.csv', record: 'line 2',
    firstSeen: T0, lastSeen: T1, grading: 'B2', compartment: '', tlp: 'GREEN', handling: 'H0', handlingNote: '',
    importer: 'system', isRef: false, ...extra,
  };
  return { ...base, id: statementId(base) };
}
const st = makeStatement;
const inOp = { compartment: OP };

function fixtureA(): Statement[] {
  return [
    st(P1, 'Person', 'id', P1),
    st(P1, 'Person', 'name', 'John Smith', { record: 'line 7' }),
    st(P1, 'LegalEntity', 'email', 'john.smith@example.org', { original: 'John.Smith@Example.org', source: 'emails.csv' }),
    st(P1, 'Person', 'birthDate', '1980-05-01', { handling: 'H1', grading: 'A1' }),
    st(C1, 'Company', 'name', 'Acme Trading Ltd'),
    st(C1, 'Company', 'registrationNumber', 'HRB 12345'),
    st(PAY1, 'Payment', 'payer', P1, { isRef: true }),
    st(PAY1, 'Payment', 'beneficiary', C1, { isRef: true }),
    st(PAY1, 'Payment', 'amount', '5000'),
    st(S1, 'Person', 'name', 'ROSSI, Mario', inOp),
    st(S1, 'Person', 'nationality', 'it', inOp),
    st(PAY2, 'Payment', 'payer', P1, { isRef: true, ...inOp }),
    st(PAY2, 'Payment', 'beneficiary', S1, { isRef: true, ...inOp }),
    st(P2, 'Person', 'name', 'Anna Bianchi'),
    st(P2, 'Person', 'phone', '+393331234567', inOp),
    st(P2, 'Person', 'notes', 'informant', { tlp: 'RED' }),
    st(S2, 'Person', 'name', 'Secret Other', { compartment: OP2 }),
    st(OWN1, 'Ownership', 'owner', P2, { isRef: true }),
    st(OWN1, 'Ownership', 'asset', C1, { isRef: true, ...inOp }),
  ];
}
function fixtureB(): Statement[] {
  return [st(X1, 'Person', 'name', 'John Smith'), st(X1, 'Person', 'country', 'de')];
}

const admin = systemContext();
// The fixture: 19 statements of 8 entities in police-a, 2 statements of 1 entity in police-b.
/** No compartments, ceiling AMBER: sees 13 of the 21 statements (6 entities). */
const analyst = makeContext({ actor: 'alice', compartments: [], tlpCeiling: 'AMBER', roles: ['analyst'] });
/** In op-montagna, ceiling AMBER: sees 19 statements (8 entities): not the RED note, nothing of op-aurora. */
const insider = makeContext({ actor: 'bob', compartments: [OP], tlpCeiling: 'AMBER', roles: ['analyst'] });
/** No compartments but cleared for RED: sees 14 statements (6 entities). */
const redNoComp = makeContext({ actor: 'carol', compartments: [], tlpCeiling: 'RED', roles: ['analyst'] });

async function seed(store: Store): Promise<void> {
  await store.upsertDataset(admin, { name: A, title: 'Police A' });
  await store.upsertDataset(admin, { name: B, title: 'Police B' });
  await store.writeBatch(admin, { dataset: A, statements: fixtureA() });
  await store.writeBatch(admin, { dataset: B, statements: fixtureB() });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const code = (c: string) => ({ code: c });

/**
 * Registers the conformance suite for one backend with node:test.
 * @param name shown in the test report, e.g. `sqlite`
 * @param makeStore returns a fresh, empty, migrated store with its cleanup and tamper hooks
 */
export function storeSpecs(name: string, makeStore: () => Promise<StoreHarness>): void {
  const withStore = (fn: (h: StoreHarness) => Promise<void>) => async () => {
    const h = await makeStore();
    try {
      await fn(h);
    } finally {
      await h.cleanup();
    }
  };
  const seeded = (fn: (store: Store, h: StoreHarness) => Promise<void>) =>
    withStore(async (h) => {
      await seed(h.store);
      await fn(h.store, h);
    });

  describe(`Store conformance: ${name}`, () => {
    describe('migrations', () => {
      test('migrate is idempotent and keeps data', seeded(async (store) => {
        await store.migrate();
        await store.migrate();
        assert.equal(await store.countStatements(admin), 21);
        assert.equal(await store.countEntities(admin), 9);
      }));
    });

    describe('writing', () => {
      test('writes a batch and reads back every provenance field', withStore(async ({ store }) => {
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
      }));

      test('re-writing is idempotent and only widens first/last seen', withStore(async ({ store }) => {
        await store.writeBatch(admin, { dataset: A, statements: fixtureA() });
        const again = fixtureA().map((s) =>
          s.prop === 'name' && s.entityId === P1 ? { ...s, firstSeen: '2023-06-01T00:00:00.000Z', lastSeen: '2024-01-20T00:00:00.000Z' }
          : s.prop === 'email' ? { ...s, firstSeen: '2024-01-20T00:00:00.000Z', lastSeen: '2024-12-31T00:00:00.000Z' }
          : s);
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
      }));

      test('rejects ids outside the dataset namespace and writes nothing of that batch', withStore(async ({ store }) => {
        const ok = st('police-a.new', 'Person', 'name', 'Valid Person');
        const forged = st('police-b.victim', 'Person', 'name', 'Forged', { dataset: A });
        await assert.rejects(store.writeBatch(admin, { dataset: A, statements: [ok, forged] }), code('CORVID_ERR_STORE_FORGED_REFERENCE'));
        const wrongDataset = st('police-a.q', 'Person', 'name', 'Q', { dataset: B });
        await assert.rejects(store.writeBatch(admin, { dataset: A, statements: [ok, wrongDataset] }), code('CORVID_ERR_STORE_FORGED_REFERENCE'));
        assert.equal(await store.countStatements(admin), 0);
      }));

      test('rejects compartments and TLPs the writer may not see', withStore(async ({ store }) => {
        const secret = st('police-a.z', 'Person', 'name', 'Z', inOp);
        await assert.rejects(store.writeBatch(analyst, { dataset: A, statements: [secret] }), code('CORVID_ERR_AUTH_FORBIDDEN'));
        const red = st('police-a.z', 'Person', 'name', 'Z', { tlp: 'RED' });
        await assert.rejects(store.writeBatch(analyst, { dataset: A, statements: [red] }), code('CORVID_ERR_AUTH_FORBIDDEN'));
        assert.deepEqual(await store.writeBatch(insider, { dataset: A, statements: [secret] }), { inserted: 1, unchanged: 0 });
        assert.equal(await store.countStatements(admin), 1);
      }));
    });

    describe('visibility', () => {
      test('counts only what the caller may see', seeded(async (store) => {
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
      }));

      test('a compartment-only entity does not exist for outsiders', seeded(async (store) => {
        assert.equal(await store.getEntity(analyst, S1), null);
        assert.equal(await store.getEntity(redNoComp, S1), null);
        const seen = await store.getEntity(insider, S1);
        assert.equal(seen?.caption, 'ROSSI, Mario');
        assert.deepEqual((await store.getEntities(analyst, [P1, S1, 'police-a.nope'])).map((e) => e.id), [P1]);
        assert.deepEqual((await store.getEntities(insider, [P1, S1])).map((e) => e.id).sort(), [P1, S1]);
        assert.deepEqual(await store.listStatements(analyst, { entityIds: [S1, PAY2] }), []);
        const all = (await collect(store.iterateStatements(analyst, {}))).flat();
        assert.equal(all.length, 13);
        assert.ok(all.every((s) => s.compartment === '' && s.tlp !== 'RED'));
        const ents = await collect(store.iterateEntities(analyst, {}));
        assert.deepEqual(ents.map((e) => e.id), [C1, OWN1, P1, P2, PAY1, X1]);
        assert.equal(await store.getEntity(insider, S2), null); // a member of one compartment is not in the others
        assert.ok(!(await collect(store.iterateEntities(insider, {}))).some((e) => e.id === S2));
        assert.equal((await store.getEntity(makeContext({ actor: 'dora', compartments: [OP2] }), S2))?.caption, 'Secret Other');
      }));

      test('a mixed entity shows only its visible properties', seeded(async (store) => {
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
      }));

      test('links respect visibility', seeded(async (store) => {
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
      }));

      test('search respects visibility', seeded(async (store) => {
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
      }));
    });

    describe('entities', () => {
      test('assembles the most specific schema', seeded(async (store) => {
        assert.equal((await store.getEntity(admin, P1))?.schema, 'Person'); // LegalEntity + Person
        assert.equal((await store.getEntity(admin, C1))?.schema, 'Company');
        await store.writeBatch(admin, { dataset: A, statements: [st('police-a.le', 'LegalEntity', 'name', 'Somebody')] });
        assert.equal((await store.getEntity(admin, 'police-a.le'))?.schema, 'LegalEntity');
        assert.equal(await store.getEntity(admin, 'police-a.missing'), null);
      }));

      test('values keep first-seen order', withStore(async ({ store }) => {
        const e = 'police-a.names';
        await store.writeBatch(admin, { dataset: A, statements: [
          st(e, 'Person', 'name', 'Johnny Smith', { firstSeen: '2024-03-01T00:00:00.000Z', lastSeen: '2024-03-01T00:00:00.000Z' }),
          st(e, 'Person', 'name', 'Smith, John', { firstSeen: '2024-01-01T00:00:00.000Z', lastSeen: '2024-01-01T00:00:00.000Z' }),
        ] });
        const got = await store.getEntity(admin, e);
        assert.deepEqual(got?.properties.name, ['Smith, John', 'Johnny Smith']);
        assert.equal(got?.caption, 'Smith, John');
      }));

      test('lists statements ordered by entity, property, value, with paging and filters', seeded(async (store) => {
        const props = (await store.listStatements(analyst, { entityIds: [P1] })).map((s) => s.prop);
        assert.deepEqual(props, ['birthDate', 'email', 'id', 'name']);
        const page = await store.listStatements(analyst, { entityIds: [P1] }, { limit: 2, offset: 1 });
        assert.deepEqual(page.map((s) => s.prop), ['email', 'id']);
        const payers = await store.listStatements(insider, { schemata: ['Payment'], props: ['payer'] });
        assert.deepEqual(payers.map((s) => [s.entityId, s.value]), [[PAY1, P1], [PAY2, P1]]);
        const fromB = await store.listStatements(admin, { datasets: [B] });
        assert.deepEqual(fromB.map((s) => s.prop), ['country', 'name']);
      }));

      test('iterates statements in batches ordered by entity id', seeded(async (store) => {
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
      }));

      test('iterates whole entities ordered by id, with filters', seeded(async (store) => {
        const all = await collect(store.iterateEntities(admin, {}));
        assert.deepEqual(all.map((e) => e.id), [C1, OWN1, P1, P2, PAY1, PAY2, S1, S2, X1]);
        assert.deepEqual((await collect(store.iterateEntities(admin, { datasets: [B] }))).map((e) => e.id), [X1]);
        assert.deepEqual((await collect(store.iterateEntities(insider, { schemata: ['Payment'] }))).map((e) => e.id), [PAY1, PAY2]);
        assert.deepEqual((await collect(store.iterateEntities(analyst, { schemata: ['Payment'] }))).map((e) => e.id), [PAY1]);
      }));

      test('never splits an entity across internal batches', withStore(async ({ store }) => {
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
      }));
    });

    describe('search', () => {
      test('tolerates typos and ranks each entity once, best first', seeded(async (store) => {
        const hits = await store.search(analyst, { text: 'Jon Smiht' });
        assert.deepEqual(hits.slice(0, 2).map((h) => h.entity.id).sort(), [P1, X1]);
        assert.equal(hits[0]?.matched, 'John Smith');
        const ids = hits.map((h) => h.entity.id);
        assert.equal(new Set(ids).size, ids.length);
        for (let i = 1; i < hits.length; i++) assert.ok((hits[i - 1]?.score ?? 0) >= (hits[i]?.score ?? 0));
        assert.ok(hits.every((h) => h.score > 0 && h.score <= 1));
        const exact = await store.search(analyst, { text: 'John Smith' });
        assert.ok((exact[0]?.score ?? 0) > (hits[0]?.score ?? 0));
        const unrelated = await store.search(analyst, { text: 'Smithsonian Institute' });
        assert.ok(!unrelated.some((h) => h.entity.id === P1 || h.entity.id === X1)); // shares trigrams, but is not a match
      }));

      test('finds names regardless of token order and punctuation', seeded(async (store) => {
        const hits = await store.search(admin, { text: 'mario rossi' });
        assert.equal(hits[0]?.entity.id, S1);
        assert.equal(hits[0]?.matched, 'ROSSI, Mario');
      }));

      test('finds identifiers and substrings', seeded(async (store) => {
        const reg = await store.search(analyst, { text: 'HRB 12345' });
        assert.equal(reg[0]?.entity.id, C1);
        assert.equal(reg[0]?.matched, 'HRB 12345');
        const mail = await store.search(analyst, { text: 'smith@example' });
        assert.equal(mail[0]?.entity.id, P1);
        assert.equal(mail[0]?.matched, 'john.smith@example.org');
        const acme = await store.search(analyst, { text: 'acme', fuzzy: false });
        assert.deepEqual(acme.map((h) => h.entity.id), [C1]);
      }));

      test('filters by dataset and schema, pages, and can be exact', seeded(async (store) => {
        const a = await store.search(analyst, { text: 'Jon Smiht', datasets: [A] });
        assert.equal(a[0]?.entity.id, P1);
        assert.ok(!a.some((h) => h.entity.id === X1));
        assert.deepEqual((await store.search(analyst, { text: 'Acme Trading', schemata: ['Company'] })).map((h) => h.entity.id), [C1]);
        assert.ok(!(await store.search(analyst, { text: 'Acme Trading', schemata: ['Person'] })).some((h) => h.entity.id === C1));
        assert.ok(!(await store.search(analyst, { text: 'Jon Smiht', fuzzy: false })).some((h) => h.entity.id === P1 || h.entity.id === X1));
        const first = await store.search(analyst, { text: 'John Smith', limit: 1 });
        const second = await store.search(analyst, { text: 'John Smith', limit: 1, offset: 1 });
        assert.equal(first.length, 1);
        assert.equal(second.length, 1);
        assert.deepEqual([first[0]?.entity.id, second[0]?.entity.id].sort(), [P1, X1]);
      }));
    });

    describe('sensitive reads', () => {
      test('getEntity audits reads of sensitive entities only', seeded(async (store) => {
        await store.writeBatch(admin, { dataset: A, statements: [
          st('police-a.h2', 'Person', 'name', 'Carla Verdi', { handling: 'H2' }),
          st('police-a.h3', 'Person', 'name', 'Dario Neri', { handling: 'H3', handlingNote: 'ask the provider' }),
        ] });
        await store.getEntity(analyst, P1); // public: not audited
        await store.getEntity(analyst, P2); // only the public name is visible: not audited
        await store.getEntity(analyst, S1); // invisible: nothing read, not audited
        await store.getEntity(insider, P2); // compartment phone visible
        await store.getEntity(insider, S1); // compartment entity
        await store.getEntity(redNoComp, P2); // RED note visible
        await store.getEntity(analyst, 'police-a.h2');
        await store.getEntity(analyst, 'police-a.h3');
        const reads = await store.listAudit(admin, { action: 'entity.read' });
        assert.deepEqual(reads.map((r) => [r.actor, r.target]), [
          ['bob', P2], ['bob', S1], ['carol', P2], ['alice', 'police-a.h2'], ['alice', 'police-a.h3'],
        ]);
      }));
    });

    describe('audit log', () => {
      const three = async (store: Store) => {
        const r1 = await store.appendAudit(admin, { action: 'import.start', target: A, detail: { file: 'a.csv' } });
        const r2 = await store.appendAudit(analyst, { action: 'import.finish', target: A, detail: { rows: 10, ok: true } });
        const r3 = await store.appendAudit(analyst, { action: 'login' });
        return [r1, r2, r3] as const;
      };

      test('appends a hash chain and verifies it', withStore(async ({ store }) => {
        const [r1, r2, r3] = await three(store);
        assert.equal(r1.seq, 1);
        assert.equal(r1.prevHash, '');
        assert.equal(r1.actor, 'system');
        assert.match(r1.hash, /^[0-9a-f]{64}$/);
        assert.equal(r2.seq, 2);
        assert.equal(r2.prevHash, r1.hash);
        assert.deepEqual(r2.detail, { rows: 10, ok: true });
        assert.equal(r3.prevHash, r2.hash);
        assert.equal(r3.target, '');
        assert.deepEqual(r3.detail, {});
        assert.deepEqual(await store.verifyAudit(admin), { ok: true, checked: 3 });
        assert.deepEqual(await store.listAudit(admin), [r1, r2, r3]);
        assert.deepEqual((await store.listAudit(admin, { actor: 'alice' })).map((r) => r.seq), [2, 3]);
        assert.deepEqual((await store.listAudit(admin, { target: A, afterSeq: 1 })).map((r) => r.seq), [2]);
        assert.deepEqual((await store.listAudit(admin, { limit: 2 })).map((r) => r.seq), [1, 2]);
      }));

      test('refuses raw updates and deletes', withStore(async ({ store, tamper }) => {
        await three(store);
        await assert.rejects(tamper.attemptUpdate(2));
        await assert.rejects(tamper.attemptDelete(2));
        assert.deepEqual(await store.verifyAudit(admin), { ok: true, checked: 3 });
      }));

      test('detects an edited record', withStore(async ({ store, tamper }) => {
        await three(store);
        await tamper.editAuditDetail(2, '{"rows":1,"ok":true}');
        const v = await store.verifyAudit(admin);
        assert.equal(v.ok, false);
        assert.equal(v.broken?.seq, 2);
      }));

      test('detects a deleted record', withStore(async ({ store, tamper }) => {
        await three(store);
        await tamper.deleteAudit(2);
        const v = await store.verifyAudit(admin);
        assert.equal(v.ok, false);
        assert.equal(v.broken?.seq, 3);
      }));

      test('detects truncation of the last record', withStore(async ({ store, tamper }) => {
        await three(store);
        await tamper.deleteAudit(3);
        const v = await store.verifyAudit(admin);
        assert.equal(v.ok, false);
        assert.equal(v.broken?.seq, 3);
      }));
    });

    describe('jobs', () => {
      test('creates jobs with defaults and refuses duplicate ids', withStore(async ({ store }) => {
        const j = await store.createJob(analyst, { kind: 'import', params: { file: 'a.csv' } });
        assert.equal(j.state, 'queued');
        assert.deepEqual(j.params, { file: 'a.csv' });
        assert.deepEqual(j.progress, { done: 0 });
        assert.equal(j.checkpoint, null);
        assert.equal(j.result, null);
        assert.equal(j.error, null);
        assert.equal(j.cancelRequested, false);
        assert.equal(j.createdBy, 'alice');
        assert.equal(j.worker, null);
        assert.deepEqual(await store.getJob(analyst, j.id), j);
        assert.equal(await store.getJob(analyst, 'no-such-job'), null);
        await store.createJob(analyst, { kind: 'import', params: {}, id: 'import-abc' });
        await assert.rejects(store.createJob(analyst, { kind: 'import', params: {}, id: 'import-abc' }), code('CORVID_ERR_STORE_CONFLICT'));
      }));

      test('claims the oldest queued job of the given kinds', withStore(async ({ store }) => {
        const j1 = await store.createJob(admin, { kind: 'import', params: { n: 1 } });
        const j2 = await store.createJob(admin, { kind: 'import', params: { n: 2 } });
        const j3 = await store.createJob(admin, { kind: 'resolve', params: { n: 3 } });
        const c1 = await store.claimJob(admin, ['import'], 'w1');
        assert.equal(c1?.id, j1.id);
        assert.equal(c1?.state, 'running');
        assert.equal(c1?.worker, 'w1');
        assert.equal((await store.claimJob(admin, ['import'], 'w2'))?.id, j2.id);
        assert.equal(await store.claimJob(admin, ['import'], 'w1'), null);
        assert.equal((await store.claimJob(admin, ['resolve', 'import'], 'w1'))?.id, j3.id);
        assert.equal(await store.claimJob(admin, ['resolve', 'import'], 'w1'), null);
        const running = await store.listJobs(admin, { states: ['running'] });
        assert.deepEqual(running.map((j) => j.id).sort(), [j1.id, j2.id, j3.id].sort());
        assert.deepEqual((await store.listJobs(admin, { kind: 'resolve' })).map((j) => j.id), [j3.id]);
      }));

      test('starts, resumes, updates and finishes a job', withStore(async ({ store }) => {
        const j = await store.createJob(admin, { kind: 'import', params: {} });
        assert.equal((await store.startJob(admin, j.id, 'w1')).worker, 'w1');
        const resumed = await store.startJob(admin, j.id, 'w2'); // w1 died: w2 resumes the running job
        assert.equal(resumed.state, 'running');
        assert.equal(resumed.worker, 'w2');
        await store.updateJob(admin, j.id, { progress: { done: 50, total: 100, message: 'half' }, checkpoint: { line: 50 } });
        const mid = await store.getJob(admin, j.id);
        assert.deepEqual(mid?.progress, { done: 50, total: 100, message: 'half' });
        assert.deepEqual(mid?.checkpoint, { line: 50 });
        const done = await store.finishJob(admin, j.id, { state: 'done', result: { inserted: 100 } });
        assert.equal(done.state, 'done');
        assert.deepEqual(done.result, { inserted: 100 });
        await assert.rejects(store.startJob(admin, j.id, 'w3'), code('CORVID_ERR_JOB_STATE'));
        await assert.rejects(store.finishJob(admin, j.id, { state: 'failed', error: 'late' }), code('CORVID_ERR_JOB_STATE'));
        await assert.rejects(store.startJob(admin, 'no-such-job', 'w1'), code('CORVID_ERR_NOT_FOUND'));
        await assert.rejects(store.updateJob(admin, 'no-such-job', { checkpoint: 1 }), code('CORVID_ERR_NOT_FOUND'));
        const f = await store.createJob(admin, { kind: 'import', params: {} });
        await store.startJob(admin, f.id, 'w1');
        const failed = await store.finishJob(admin, f.id, { state: 'failed', error: 'disk full' });
        assert.equal(failed.error, 'disk full');
      }));

      test('cancels queued jobs at once and flags running ones', withStore(async ({ store }) => {
        const q = await store.createJob(admin, { kind: 'import', params: {} });
        const cq = await store.requestCancel(admin, q.id);
        assert.equal(cq.state, 'cancelled');
        assert.equal(cq.cancelRequested, true);
        assert.equal(await store.claimJob(admin, ['import'], 'w1'), null);
        const r = await store.createJob(admin, { kind: 'import', params: {} });
        await store.claimJob(admin, ['import'], 'w1');
        const cr = await store.requestCancel(admin, r.id);
        assert.equal(cr.state, 'running');
        assert.equal(cr.cancelRequested, true);
        assert.equal((await store.finishJob(admin, r.id, { state: 'cancelled' })).state, 'cancelled');
      }));

      test('writes the checkpoint atomically with the batch', withStore(async ({ store }) => {
        const j = await store.createJob(admin, { kind: 'import', params: {} });
        await store.startJob(admin, j.id, 'w1');
        const good = [st('police-a.k1', 'Person', 'name', 'Kim One')];
        await store.writeBatch(admin, { dataset: A, statements: good, checkpoint: { jobId: j.id, checkpoint: { line: 100 }, progress: { done: 100, total: 1000 } } });
        let got = await store.getJob(admin, j.id);
        assert.deepEqual(got?.checkpoint, { line: 100 });
        assert.deepEqual(got?.progress, { done: 100, total: 1000 });
        const next = [st('police-a.k2', 'Person', 'name', 'Kim Two'), st('police-b.k3', 'Person', 'name', 'Forged', { dataset: A })];
        await assert.rejects(store.writeBatch(admin, { dataset: A, statements: next, checkpoint: { jobId: j.id, checkpoint: { line: 200 }, progress: { done: 200 } } }), code('CORVID_ERR_STORE_FORGED_REFERENCE'));
        got = await store.getJob(admin, j.id);
        assert.deepEqual(got?.checkpoint, { line: 100 });
        assert.deepEqual(got?.progress, { done: 100, total: 1000 });
        await assert.rejects(store.writeBatch(admin, { dataset: A, statements: next.slice(0, 1), checkpoint: { jobId: 'no-such-job', checkpoint: 1, progress: { done: 1 } } }), code('CORVID_ERR_NOT_FOUND'));
        assert.equal(await store.countStatements(admin), 1);
      }));
    });

    describe('users and tokens', () => {
      test('creates, reads and lists users', withStore(async ({ store }) => {
        const u = await store.createUser(admin, { name: 'alice', roles: ['analyst'], compartments: [OP], tlpCeiling: 'AMBER', passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA' });
        assert.equal(u.disabled, false);
        assert.ok(!Number.isNaN(Date.parse(u.createdAt)));
        assert.deepEqual(await store.getUser(admin, 'alice'), u);
        await store.createUser(admin, { name: 'root', roles: ['admin'], compartments: '*', tlpCeiling: 'RED', passwordHash: 'scrypt$x' });
        assert.equal((await store.getUser(admin, 'root'))?.compartments, '*');
        assert.equal(await store.getUser(admin, 'nobody'), null);
        await assert.rejects(store.createUser(admin, { name: 'alice', roles: [], compartments: [], tlpCeiling: 'CLEAR', passwordHash: '' }), code('CORVID_ERR_STORE_CONFLICT'));
        const list = await store.listUsers(admin);
        assert.deepEqual(list.map((x) => x.name), ['alice', 'root']);
        assert.ok(list.every((x) => x.passwordHash === ''));
        assert.deepEqual((await store.listAudit(admin, { action: 'user.create' })).map((r) => r.target), ['alice', 'root']);
      }));

      test('finds live tokens only', withStore(async ({ store }) => {
        await store.createUser(admin, { name: 'alice', roles: ['analyst'], compartments: [], tlpCeiling: 'AMBER', passwordHash: 'h' });
        const hash = (t: string) => createHash('sha256').update(t).digest('hex');
        const t = await store.createToken(admin, { tokenHash: hash('tok-1'), user: 'alice', label: 'laptop', expiresAt: null });
        assert.equal(t.revoked, false);
        assert.deepEqual(await store.findToken(hash('tok-1')), t);
        await store.createToken(admin, { tokenHash: hash('tok-old'), user: 'alice', label: 'old', expiresAt: '2001-01-01T00:00:00.000Z' });
        assert.equal(await store.findToken(hash('tok-old')), null);
        await store.createToken(admin, { tokenHash: hash('tok-2'), user: 'alice', label: 'ci', expiresAt: '2999-01-01T00:00:00.000Z' });
        assert.equal((await store.findToken(hash('tok-2')))?.label, 'ci');
        await store.revokeToken(admin, hash('tok-1'));
        assert.equal(await store.findToken(hash('tok-1')), null);
        assert.equal(await store.findToken(hash('never-issued')), null);
        await assert.rejects(store.revokeToken(admin, hash('never-issued')), code('CORVID_ERR_NOT_FOUND'));
        assert.deepEqual((await store.listAudit(admin, { action: 'token.create' })).map((r) => r.target), ['alice', 'alice', 'alice']);
        assert.deepEqual((await store.listAudit(admin, { action: 'token.revoke' })).map((r) => r.target), ['alice']);
      }));
    });

    describe('datasets', () => {
      test('applies defaults and updates partially', withStore(async ({ store }) => {
        const d = await store.upsertDataset(analyst, { name: A });
        assert.equal(d.name, A);
        assert.equal(d.title, A);
        assert.equal(d.defaultGrading, 'X4');
        assert.equal(d.defaultCompartment, '');
        assert.equal(d.defaultTlp, 'AMBER');
        assert.equal(d.defaultHandling, 'H0');
        assert.equal(d.defaultHandlingNote, '');
        assert.equal(d.createdBy, 'alice');
        const u = await store.upsertDataset(admin, { name: A, title: 'Police A', defaultTlp: 'RED', defaultGrading: 'B2' });
        assert.equal(u.title, 'Police A');
        assert.equal(u.defaultTlp, 'RED');
        const v = await store.upsertDataset(admin, { name: A, defaultHandling: 'H3', defaultHandlingNote: 'ask' });
        assert.deepEqual(v, { ...u, defaultHandling: 'H3', defaultHandlingNote: 'ask' });
        assert.equal(v.createdBy, 'alice');
        assert.deepEqual(await store.getDataset(admin, A), v);
        assert.equal(await store.getDataset(admin, 'nope'), null);
        await store.upsertDataset(admin, { name: 'aaa' });
        assert.deepEqual((await store.listDatasets(admin)).map((x) => x.name), ['aaa', A]);
        await assert.rejects(store.upsertDataset(admin, { name: 'Bad Name' }), code('CORVID_ERR_MODEL_INVALID_DATASET'));
        assert.equal((await store.listAudit(admin, { action: 'dataset.upsert' })).length, 4);
      }));

      test('deleteDataset is for admins and removes every statement', seeded(async (store) => {
        await assert.rejects(store.deleteDataset(analyst, A), code('CORVID_ERR_AUTH_FORBIDDEN'));
        assert.equal(await store.countStatements(admin), 21);
        assert.equal(await store.deleteDataset(admin, A), 19);
        assert.equal(await store.countStatements(admin), 2);
        assert.equal(await store.countEntities(admin), 1);
        assert.equal(await store.getEntity(admin, P1), null);
        assert.equal(await store.getDataset(admin, A), null);
        assert.deepEqual(await store.getLinks(admin, P1), []);
        assert.deepEqual((await store.search(admin, { text: 'John Smith' })).map((h) => h.entity.id), [X1]);
        assert.deepEqual((await store.listAudit(admin, { action: 'dataset.delete' })).map((r) => r.target), [A]);
      }));
    });

    describe('cancellation', () => {
      test('an aborted signal stops iterators', seeded(async (store) => {
        const ac = new AbortController();
        const ctx: Context = withSignal(admin, ac.signal);
        const it = store.iterateStatements(ctx, {}, 2)[Symbol.asyncIterator]();
        const first = await it.next();
        assert.equal(first.done, false);
        ac.abort();
        await assert.rejects(it.next(), code('CORVID_ERR_ABORTED'));
        const gone = new AbortController();
        gone.abort();
        const it2 = store.iterateEntities(withSignal(admin, gone.signal), {})[Symbol.asyncIterator]();
        await assert.rejects(it2.next(), code('CORVID_ERR_ABORTED'));
      }));
    });
  });
}
