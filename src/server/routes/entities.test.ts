/** Tests of search and entity reads over HTTP: provenance in the answer, and compartments that hide entities completely. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemContext } from '../../model/context.ts';
import { statementId, type Statement } from '../../model/statement.ts';
import { errorCode, startHarness, userToken, type Harness } from '../testing.ts';

const DS = 'police-a';
const OP = 'op-falco';
const PUBLIC_P = `${DS}.p1`;
const SECRET_P = `${DS}.s1`;
const PAYMENT = `${DS}.pay1`;

function st(entityId: string, schema: string, prop: string, value: string, extra: Partial<Statement> = {}): Statement {
  const base: Omit<Statement, 'id'> = {
    entityId, schema, prop, value, original: '', dataset: DS, source: 'case-9.csv', record: 'line 4',
    firstSeen: '2024-03-01T10:00:00.000Z', lastSeen: '2024-03-05T10:00:00.000Z', grading: 'B2', compartment: '', tlp: 'GREEN',
    handling: 'H1', handlingNote: '', importer: 'system', isRef: false, ...extra,
  };
  return { ...base, id: statementId(base) };
}

interface SearchBody {
  results: { entity: { id: string; caption: string }; score: number; matched: string }[];
}

describe('entities and search over HTTP', () => {
  let h: Harness;
  let outsider: string;
  let insider: string;

  before(async () => {
    h = await startHarness();
    const sys = systemContext();
    await h.store.upsertDataset(sys, { name: DS, title: 'Police A' });
    await h.store.writeBatch(sys, {
      dataset: DS,
      statements: [
        st(PUBLIC_P, 'Person', 'name', 'Giovanni Falcone'),
        st(PUBLIC_P, 'Person', 'nationality', 'it'),
        st(SECRET_P, 'Person', 'name', 'Salvatore Riina', { compartment: OP }),
        st(PAYMENT, 'Payment', 'payer', PUBLIC_P, { isRef: true, compartment: OP }),
        st(PAYMENT, 'Payment', 'beneficiary', SECRET_P, { isRef: true, compartment: OP }),
        st(PAYMENT, 'Payment', 'amount', '25000', { compartment: OP }),
      ],
    });
    outsider = await userToken(h.store, 'olga', { compartments: [] });
    insider = await userToken(h.store, 'ivan', { compartments: [OP] });
  });
  after(async () => h.close());

  test('an entity comes with every statement’s provenance and handling', async () => {
    const res = await h.call(outsider, { method: 'GET', url: `/api/v1/entities/${PUBLIC_P}` });
    assert.equal(res.statusCode, 200);
    const e = res.json() as { id: string; schema: string; caption: string; properties: Record<string, string[]>; statements: Record<string, unknown>[]; links: unknown[] };
    assert.equal(e.id, PUBLIC_P);
    assert.equal(e.schema, 'Person');
    assert.equal(e.caption, 'Giovanni Falcone');
    assert.deepEqual(e.properties.name, ['Giovanni Falcone']);
    const name = e.statements.find((s) => s.prop === 'name');
    assert.ok(name);
    assert.equal(name.dataset, DS);
    assert.equal(name.source, 'case-9.csv');
    assert.equal(name.record, 'line 4');
    assert.equal(name.firstSeen, '2024-03-01T10:00:00.000Z');
    assert.equal(name.lastSeen, '2024-03-05T10:00:00.000Z');
    assert.equal(name.grading, 'B2');
    assert.equal(name.compartment, '');
    assert.equal(name.tlp, 'GREEN');
    assert.equal(name.handling, 'H1');
    assert.equal(name.handlingNote, '');
    assert.equal(name.importer, 'system');
    // The only link to p1 is a payment in the compartment: the outsider does not see it.
    assert.deepEqual(e.links, []);
  });

  test('someone in the compartment sees the link through the payment', async () => {
    const res = await h.call(insider, { method: 'GET', url: `/api/v1/entities/${PUBLIC_P}` });
    const links = (res.json() as { links: { entity: { id: string }; prop: string }[] }).links;
    assert.deepEqual(links.map((l) => [l.entity.id, l.prop]), [[PAYMENT, 'payer']]);
  });

  test('an entity in a compartment is a 404 for outsiders, the same answer as a missing id', async () => {
    const hidden = await h.call(outsider, { method: 'GET', url: `/api/v1/entities/${SECRET_P}` });
    const missing = await h.call(outsider, { method: 'GET', url: `/api/v1/entities/${DS}.does-not-exist` });
    assert.equal(hidden.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    assert.equal(errorCode(hidden), 'CORVID_ERR_NOT_FOUND');
    assert.equal(errorCode(missing), 'CORVID_ERR_NOT_FOUND');
    const seen = await h.call(insider, { method: 'GET', url: `/api/v1/entities/${SECRET_P}` });
    assert.equal(seen.statusCode, 200);
    assert.equal((seen.json() as { caption: string }).caption, 'Salvatore Riina');
  });

  test('search does not find what the caller may not see', async () => {
    const out = await h.call(outsider, { method: 'GET', url: '/api/v1/search?q=Salvatore%20Riina' });
    assert.equal(out.statusCode, 200);
    assert.ok(!(out.json() as SearchBody).results.some((r) => r.entity.id === SECRET_P));
    const inn = await h.call(insider, { method: 'GET', url: '/api/v1/search?q=Salvatore%20Riina' });
    assert.equal((inn.json() as SearchBody).results[0]?.entity.id, SECRET_P);
  });

  test('search is typo-tolerant and filters by schema, with descendants', async () => {
    const typo = await h.call(outsider, { method: 'GET', url: '/api/v1/search?q=Giovani%20Falcnoe' });
    const hit = (typo.json() as SearchBody).results.find((r) => r.entity.id === PUBLIC_P);
    assert.ok(hit);
    assert.equal(hit.matched, 'Giovanni Falcone');
    assert.ok(hit.score > 0 && hit.score <= 1);
    const asLegal = await h.call(outsider, { method: 'GET', url: '/api/v1/search?q=Giovanni%20Falcone&schema=LegalEntity' });
    assert.ok((asLegal.json() as SearchBody).results.some((r) => r.entity.id === PUBLIC_P));
    const asCompany = await h.call(outsider, { method: 'GET', url: '/api/v1/search?q=Giovanni%20Falcone&schema=Company' });
    assert.deepEqual((asCompany.json() as SearchBody).results, []);
  });

  test('lists entities in id order, a page at a time, visible ones only', async () => {
    const ids = async (token: string): Promise<string[]> => {
      const out: string[] = [];
      let after: string | null = null;
      for (;;) {
        const url: string = `/api/v1/entities?dataset=${DS}&limit=1${after ? `&after=${encodeURIComponent(after)}` : ''}`;
        const res = await h.call(token, { method: 'GET', url });
        assert.equal(res.statusCode, 200);
        const page = res.json() as { entities: { id: string }[]; next: string | null };
        out.push(...page.entities.map((e) => e.id));
        if (page.next === null) return out;
        after = page.next;
      }
    };
    assert.deepEqual(await ids(outsider), [PUBLIC_P]);
    assert.deepEqual(await ids(insider), [PUBLIC_P, PAYMENT, SECRET_P]);
    const people = await h.call(insider, { method: 'GET', url: '/api/v1/entities?schema=Person' });
    assert.deepEqual((people.json() as { entities: { id: string }[] }).entities.map((e) => e.id), [PUBLIC_P, SECRET_P]);
  });
});
