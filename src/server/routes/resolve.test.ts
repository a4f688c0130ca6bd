/** Tests of the /resolve routes: a run that merges on a shared passport, the review queue, decisions, undo, and compartments that hide pairs. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { systemContext } from '../../model/context.ts';
import { makeStatement } from '../../store/conformance/fixture.ts';
import type { Statement } from '../../model/statement.ts';
import { errorCode, startHarness, userToken, type Harness } from '../testing.ts';

const OP = 'op-falco';
const P1 = 'police-a.p1';
const P2 = 'police-a.p2';
const P3 = 'police-a.p3';
const S1 = 'police-a.s1';

/** The canonical id as documented: `cvd-` and the first 20 hex digits of the SHA-1 of the smallest member id. */
const cvd = (smallest: string): string => `cvd-${createHash('sha1').update(smallest).digest('hex').slice(0, 20)}`;

interface J {
  id: number;
  left: string;
  right: string;
  verdict: string;
  by: string;
  actor: string;
  rule: string;
  reason: string;
  run: string | null;
  retractedAt: string | null;
}
interface Group {
  entity: string;
  canonical: string | null;
  members: { id: string; caption: string }[];
  judgements: J[];
}
interface Item {
  candidate: { id: number; left: string; right: string; probability: number; explanation: { contributions?: unknown[] } };
  left: { id: string; caption: string };
  right: { id: string; caption: string };
}

const person = (id: string, name: string, birthDate: string, extra: Partial<Statement> = {}, passport?: string): Statement[] => [
  makeStatement(id, 'Person', 'name', name, extra),
  makeStatement(id, 'Person', 'birthDate', birthDate, extra),
  ...(passport ? [makeStatement(id, 'Person', 'passportNumber', passport, extra)] : []),
];

describe('entity resolution over HTTP', () => {
  let h: Harness;
  let root: string;
  let outsider: string;
  let insider: string;
  let runId: string;

  before(async () => {
    h = await startHarness();
    const sys = systemContext();
    await h.store.upsertDataset(sys, { name: 'police-a', title: 'Police A' });
    await h.store.writeBatch(sys, {
      dataset: 'police-a',
      statements: [
        ...person(P1, 'Anna Schmidt', '1980-01-02', {}, 'C01X00T47'),
        ...person(P2, 'Anna Schmitt', '1980-01-02', {}, 'C01X00T47'),
        ...person(P3, 'Anna Schmidt', '1992-07-15'),
        ...person(S1, 'Salvatore Riina', '1930-11-16', { compartment: OP }),
      ],
    });
    root = await userToken(h.store, 'root', { compartments: '*', tlpCeiling: 'RED', roles: ['admin'] });
    outsider = await userToken(h.store, 'olga', { compartments: [] });
    insider = await userToken(h.store, 'ivan', { compartments: [OP] });
  });
  after(async () => h.close());

  const group = async (token: string, id: string): Promise<Group> => {
    const res = await h.call(token, { method: 'GET', url: `/api/v1/resolve/entities/${id}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Group;
  };
  const items = async (token: string): Promise<Item[]> => {
    const res = await h.call(token, { method: 'GET', url: '/api/v1/resolve/review?limit=100' });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: Item[] }).items;
  };

  test('a run merges the two records with the same passport number and answers its summary', async () => {
    const res = await h.call(root, { method: 'POST', url: '/api/v1/resolve/runs', payload: {} });
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json() as { run: string; records: number; incremental: boolean; judgements: number; groups: number; canonical?: unknown };
    runId = s.run;
    assert.equal(s.records, 4);
    assert.equal(s.incremental, false, 'the first run compares everything');
    assert.ok(s.judgements >= 1);
    assert.ok(s.groups >= 1);
    assert.equal(s.canonical, undefined, 'no canonical map in the answer');
    const g = await group(outsider, P2);
    assert.equal(g.canonical, cvd(P1), 'P1 is the smallest member id');
    assert.deepEqual(g.members.map((m) => m.id).slice(0, 2), [P1, P2]);
    const holding = g.judgements.find((j) => j.left === P1 && j.right === P2);
    assert.ok(holding);
    assert.deepEqual([holding.verdict, holding.by, holding.rule, holding.run, holding.actor], ['positive', 'rule', 'identifier:passport', runId, 'root']);
  });

  test('the namesake born twelve years later is not merged', async () => {
    const g = await group(outsider, P3);
    assert.equal(g.canonical, null, `merged by: ${g.judgements.map((j) => `${j.rule} ${j.reason}`).join('; ')}`);
  });

  test('runs refuse bad options', async () => {
    const bad = await h.call(root, { method: 'POST', url: '/api/v1/resolve/runs', payload: { threshold: 1.5 } });
    assert.equal(bad.statusCode, 400);
    assert.equal(errorCode(bad), 'CORVID_ERR_VALIDATION');
    const crossed = await h.call(root, { method: 'POST', url: '/api/v1/resolve/runs', payload: { threshold: 0.5, reviewFrom: 0.8 } });
    assert.equal(errorCode(crossed), 'CORVID_ERR_VALIDATION');
    assert.equal(errorCode(await h.call(root, { method: 'POST', url: '/api/v1/resolve/runs', payload: { fast: true } })), 'CORVID_ERR_VALIDATION');
  });

  test('the review queue shows a pair only to those who may see both records', async () => {
    await h.store.putReviewCandidates(systemContext(), 'run-test', [
      {
        left: P1,
        right: P3,
        probability: 0.55,
        priority: 0.9,
        explanation: { why: 'uncertain', contributions: [{ comparison: 'name', level: 'exact', weight: 6.1 }] },
      },
      { left: P3, right: S1, probability: 0.6, priority: 0.8, explanation: { why: 'uncertain', contributions: [] } },
    ]);
    const seen = (list: Item[]): string[] => list.map((i) => `${i.left.id}~${i.right.id}`).filter((p) => p === `${P1}~${P3}` || p === `${P3}~${S1}`);
    assert.deepEqual(seen(await items(outsider)), [`${P1}~${P3}`]);
    assert.deepEqual(seen(await items(insider)), [`${P1}~${P3}`, `${P3}~${S1}`], 'best first');
    const item = (await items(outsider)).find((i) => i.left.id === P1 && i.right.id === P3);
    assert.ok(item);
    assert.equal(item.left.caption, 'Anna Schmidt');
    assert.equal(item.candidate.probability, 0.55);
    assert.deepEqual(item.candidate.explanation.contributions, [{ comparison: 'name', level: 'exact', weight: 6.1 }]);
  });

  test('deciding a candidate: 404 when unknown or hidden, 400 for a bad verdict, 201 with the judgement', async () => {
    const all = await h.store.listReviewCandidates(systemContext(), { status: 'open' });
    const open = all.find((c) => c.left === P1 && c.right === P3);
    const hidden = all.find((c) => c.left === P3 && c.right === S1);
    assert.ok(open && hidden);
    const unknown = await h.call(outsider, { method: 'POST', url: '/api/v1/resolve/review/999999/decision', payload: { verdict: 'same' } });
    assert.equal(unknown.statusCode, 404);
    assert.equal(errorCode(unknown), 'CORVID_ERR_NOT_FOUND');
    const invisible = await h.call(outsider, { method: 'POST', url: `/api/v1/resolve/review/${hidden.id}/decision`, payload: { verdict: 'same' } });
    assert.equal(invisible.statusCode, 404);
    const bad = await h.call(outsider, { method: 'POST', url: `/api/v1/resolve/review/${open.id}/decision`, payload: { verdict: 'maybe' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(errorCode(bad), 'CORVID_ERR_VALIDATION');

    const res = await h.call(outsider, {
      method: 'POST',
      url: `/api/v1/resolve/review/${open.id}/decision`,
      payload: { verdict: 'different', reason: 'Born twelve years apart.' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const { judgement } = res.json() as { judgement: J };
    assert.deepEqual(
      [judgement.left, judgement.right, judgement.verdict, judgement.by, judgement.actor, judgement.reason],
      [P1, P3, 'negative', 'user', 'olga', 'Born twelve years apart.'],
    );
    assert.ok(!(await items(outsider)).some((i) => i.candidate.id === open.id), 'a decided candidate leaves the queue');
  });

  test('judging any pair; what is judged against a hidden record stays hidden', async () => {
    const bad = await h.call(insider, { method: 'POST', url: '/api/v1/resolve/judgements', payload: { left: P3, right: S1, verdict: 'perhaps' } });
    assert.equal(errorCode(bad), 'CORVID_ERR_VALIDATION');
    const missing = await h.call(insider, {
      method: 'POST',
      url: '/api/v1/resolve/judgements',
      payload: { left: P3, right: 'police-a.nobody', verdict: 'same' },
    });
    assert.equal(errorCode(missing), 'CORVID_ERR_NOT_FOUND');
    const hidden = await h.call(outsider, { method: 'POST', url: '/api/v1/resolve/judgements', payload: { left: P3, right: S1, verdict: 'same' } });
    assert.equal(errorCode(hidden), 'CORVID_ERR_NOT_FOUND');

    const res = await h.call(insider, {
      method: 'POST',
      url: '/api/v1/resolve/judgements',
      payload: { left: S1, right: P3, verdict: 'same', reason: 'The wiretap names her as his alias.' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const { judgement } = res.json() as { judgement: J };
    assert.deepEqual([judgement.left, judgement.right, judgement.verdict, judgement.actor], [P3, S1, 'positive', 'ivan'], 'stored as an ordered pair');
    const inside = await group(insider, P3);
    assert.equal(inside.canonical, cvd(P3));
    assert.deepEqual(
      inside.members.map((m) => m.id),
      [P3, S1],
    );
    assert.deepEqual(
      inside.judgements.map((j) => j.id),
      [judgement.id],
    );
    const outside = await group(outsider, P3);
    assert.equal(outside.canonical, null);
    assert.deepEqual(
      outside.members.map((m) => m.id),
      [P3],
    );
    const s1 = await h.call(outsider, { method: 'GET', url: `/api/v1/resolve/entities/${S1}` });
    assert.equal(s1.statusCode, 404);
    assert.equal(errorCode(s1), 'CORVID_ERR_NOT_FOUND');
  });

  test('lists judgements by entity, run and state, a page at a time', async () => {
    const list = async (token: string, qs: string): Promise<{ judgements: J[]; next: number | null }> => {
      const res = await h.call(token, { method: 'GET', url: `/api/v1/resolve/judgements?${qs}` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { judgements: J[]; next: number | null };
    };
    const pairs = (r: { judgements: J[] }): string[] => r.judgements.map((j) => `${j.left}~${j.right} ${j.verdict}`);
    const aboutP3 = await list(insider, `entity=${P3}&active=true`);
    assert.ok(pairs(aboutP3).includes(`${P1}~${P3} negative`));
    assert.ok(pairs(aboutP3).includes(`${P3}~${S1} positive`));
    const outside = await list(outsider, `entity=${P3}`);
    assert.ok(pairs(outside).includes(`${P1}~${P3} negative`));
    assert.ok(!outside.judgements.some((j) => j.left === S1 || j.right === S1), 'the outsider does not learn of the judgement about S1');
    const paged: number[] = [];
    let next: number | null = null;
    do {
      const page = await list(insider, `entity=${P3}&active=true&limit=1${next === null ? '' : `&after=${next}`}`);
      assert.ok(page.judgements.length <= 1);
      paged.push(...page.judgements.map((j) => j.id));
      next = page.next;
    } while (next !== null);
    assert.deepEqual(
      paged,
      aboutP3.judgements.map((j) => j.id),
    );
    const ofRun = await list(root, `run=${runId}`);
    assert.ok(ofRun.judgements.length >= 1 && ofRun.judgements.every((j) => j.run === runId));
    assert.equal(errorCode(await h.call(root, { method: 'GET', url: '/api/v1/resolve/judgements?limit=0' })), 'CORVID_ERR_VALIDATION');
  });

  test('undo: one judgement splits its group; a whole run takes its merges back', async () => {
    const neither = await h.call(insider, { method: 'POST', url: '/api/v1/resolve/undo', payload: { reason: 'oops' } });
    assert.equal(errorCode(neither), 'CORVID_ERR_VALIDATION');
    const both = await h.call(insider, { method: 'POST', url: '/api/v1/resolve/undo', payload: { judgement: 1, run: runId } });
    assert.equal(errorCode(both), 'CORVID_ERR_VALIDATION');
    assert.equal(errorCode(await h.call(insider, { method: 'POST', url: '/api/v1/resolve/undo', payload: { judgement: 999999 } })), 'CORVID_ERR_NOT_FOUND');

    const held = (await group(insider, P3)).judgements[0];
    assert.ok(held);
    const one = await h.call(insider, { method: 'POST', url: '/api/v1/resolve/undo', payload: { judgement: held.id, reason: 'Wrong Anna.' } });
    assert.equal(one.statusCode, 200, one.body);
    const r1 = one.json() as { retracted: J[]; reopened: number; staled: number };
    assert.deepEqual(
      r1.retracted.map((j) => j.id),
      [held.id],
    );
    assert.ok(r1.retracted[0]?.retractedAt);
    assert.equal((await group(insider, P3)).canonical, null);

    const whole = await h.call(root, { method: 'POST', url: '/api/v1/resolve/undo', payload: { run: runId } });
    assert.equal(whole.statusCode, 200, whole.body);
    const r2 = whole.json() as { retracted: J[] };
    assert.ok(r2.retracted.some((j) => j.left === P1 && j.right === P2));
    assert.ok(r2.retracted.every((j) => j.run === runId));
    assert.equal((await group(outsider, P1)).canonical, null);
  });

  test('the routes are in the OpenAPI document', async () => {
    const doc = (await h.call(null, { method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, method] of [
      ['/api/v1/resolve/runs', 'post'],
      ['/api/v1/resolve/review', 'get'],
      ['/api/v1/resolve/review/{id}/decision', 'post'],
      ['/api/v1/resolve/judgements', 'post'],
      ['/api/v1/resolve/judgements', 'get'],
      ['/api/v1/resolve/undo', 'post'],
      ['/api/v1/resolve/entities/{id}', 'get'],
    ] as const)
      assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
    assert.equal((await h.call(null, { method: 'GET', url: '/api/v1/resolve/review' })).statusCode, 401, 'authentication required');
  });
});
