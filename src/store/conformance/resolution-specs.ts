/** Conformance specs for entity resolution: judgements, retraction, pair visibility, the review queue, fingerprints and resolver state. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { JudgementInit, Store } from '../port.ts';
import { A, C1, P1, P2, S1, S2, X1, admin, analyst, code, collect, insider, redNoComp, st } from './fixture.ts';
import type { SpecRunners } from './runners.ts';

/** A judgement by a rule, with the fields a test does not care about filled in. */
const rule = (left: string, right: string, extra: Partial<JudgementInit> = {}): JudgementInit => ({
  left,
  right,
  verdict: 'positive',
  by: 'rule',
  rule: 'identifier:iban',
  score: 0.9,
  reason: 'Same IBAN.',
  explanation: { iban: 1 },
  run: 'r1',
  ...extra,
});
/** A user's decision. */
const user = (left: string, right: string, extra: Partial<JudgementInit> = {}): JudgementInit =>
  rule(left, right, { by: 'user', rule: '', score: null, reason: 'Same passport number.', explanation: null, run: null, ...extra });

const isIsoTime = (s: string | null): boolean => s !== null && new Date(s).toISOString() === s;
const ids = (rows: readonly { id: number }[]): number[] => rows.map((r) => r.id);
const pairs = (rows: readonly { left: string; right: string }[]): string[] => rows.map((r) => `${r.left}~${r.right}`);

export function resolutionSpecs({ withStore, seeded }: SpecRunners): void {
  describe('resolution: judgements', () => {
    test(
      'stores each pair ordered, with id, actor and time from the store',
      withStore(async ({ store }) => {
        const j = await store.addJudgement(admin, user(X1, P1, { explanation: { passport: 1, name: 0.8 } }));
        // 'police-a.p1' < 'police-b.x1', so the pair is turned round.
        assert.equal(j.left, P1);
        assert.equal(j.right, X1);
        assert.equal(j.actor, 'system');
        assert.equal(j.verdict, 'positive');
        assert.equal(j.by, 'user');
        assert.deepEqual(j.explanation, { passport: 1, name: 0.8 });
        assert.ok(isIsoTime(j.createdAt));
        assert.deepEqual([j.retractedAt, j.retractedBy, j.retractReason], [null, null, null]);
        assert.deepEqual(await store.listJudgements(admin), [j]);
        // Byte order of UTF-8: U+FF21 is EF BC A1, U+1F98A is F0 9F A6 8A, so the fullwidth A comes first
        // (UTF-16 order would put the emoji's surrogate 0xD83E first).
        const k = await store.addJudgement(admin, user('police-a.\u{1F98A}', 'police-a.\uFF21'));
        assert.deepEqual([k.left, k.right], ['police-a.\uFF21', 'police-a.\u{1F98A}']);
        assert.ok(k.id > j.id);
      }),
    );

    test(
      'refuses bad pairs and bad fields, writing nothing of the batch',
      withStore(async ({ store }) => {
        await assert.rejects(store.addJudgement(admin, user(P1, P1)), code('CORVID_ERR_RESOLVE_BAD_PAIR'));
        await assert.rejects(store.addJudgement(admin, user('', P1)), code('CORVID_ERR_RESOLVE_BAD_PAIR'));
        const bad = { ...rule(P1, C1), verdict: 'maybe' } as unknown as JudgementInit;
        await assert.rejects(store.addJudgements(admin, [rule(P1, X1), bad]), code('CORVID_ERR_VALIDATION'));
        await assert.rejects(store.addJudgements(admin, [rule(P1, X1), rule(C1, X1, { score: 1.5 })]), code('CORVID_ERR_VALIDATION'));
        await assert.rejects(store.addJudgements(admin, [rule(P1, X1), rule(C1, C1)], { action: 'resolve.run' }), code('CORVID_ERR_RESOLVE_BAD_PAIR'));
        assert.deepEqual(await store.listJudgements(admin), []);
        assert.deepEqual(await store.listAudit(admin, { action: 'resolve.run' }), []);
      }),
    );

    test(
      'lists and iterates with every filter',
      withStore(async ({ store }) => {
        const init = [
          rule(P1, C1), // a (stored c1~p1: c < p)
          rule(P1, X1, { verdict: 'negative' }), // b
          rule(C1, X1, { verdict: 'unsure', run: 'r2' }), // c
          user(P2, X1), // d
          user(P2, C1, { verdict: 'negative' }), // e
        ];
        assert.equal(await store.addJudgements(admin, init), 5);
        const all = await store.listJudgements(admin);
        assert.deepEqual(pairs(all), [`${C1}~${P1}`, `${P1}~${X1}`, `${C1}~${X1}`, `${P2}~${X1}`, `${C1}~${P2}`]);
        assert.ok(all.every((j, i) => i === 0 || j.id > (all[i - 1]?.id ?? Infinity)));
        const [a, b, c, d, e] = ids(all);
        const q = async (f: Parameters<Store['listJudgements']>[1]) => ids(await store.listJudgements(admin, f));
        assert.deepEqual(await q({ entityIds: [X1] }), [b, c, d]);
        assert.deepEqual(await q({ entityIds: [P2, P1] }), [a, b, d, e]);
        assert.deepEqual(await q({ entityIds: [] }), []);
        assert.deepEqual(await q({ run: 'r1' }), [a, b]);
        assert.deepEqual(await q({ verdict: 'positive' }), [a, d]);
        assert.deepEqual(await q({ by: 'user' }), [d, e]);
        assert.deepEqual(await q({ run: 'r1', verdict: 'negative' }), [b]);
        await store.retractJudgements(admin, { ids: [c as number] }, 'Unsure pairs are re-run.');
        assert.deepEqual(await q({ active: true }), [a, b, d, e]);
        assert.deepEqual(await q({ active: false }), [c]);
        assert.deepEqual(await q({ afterId: b, limit: 2 }), [c, d]);
        assert.deepEqual(await q({ limit: 0 }), []);
        const batches = await collect(store.iterateJudgements(admin, { by: 'rule' }, 2));
        assert.deepEqual(batches.map(ids), [[a, b], [c]]);
        assert.deepEqual((await collect(store.iterateJudgements(admin, { active: true, entityIds: [P2] }))).map(ids), [[d, e]]);
      }),
    );

    test(
      'retracts by id and by run, idempotently, auditing each undo',
      withStore(async ({ store }) => {
        await store.addJudgements(admin, [rule(P1, C1), rule(P1, X1), rule(C1, X1), rule(P2, X1, { run: 'r2' })]);
        const [a, b, c, d] = ids(await store.listJudgements(admin));
        const first = await store.retractJudgements(admin, { ids: [a as number] }, 'Wrong IBAN parse.');
        assert.equal(first.length, 1);
        assert.equal(first[0]?.id, a);
        assert.equal(first[0]?.retractedBy, 'system');
        assert.equal(first[0]?.retractReason, 'Wrong IBAN parse.');
        assert.ok(isIsoTime(first[0]?.retractedAt ?? null));
        assert.deepEqual(await store.retractJudgements(admin, { ids: [a as number] }, 'again'), []);
        assert.deepEqual(ids(await store.retractJudgements(admin, { run: 'r1' }, 'Run r1 used a bad model.')), [b, c]);
        assert.deepEqual(await store.retractJudgements(admin, { run: 'r1' }, 'again'), []);
        // Both given: only those ids within the run.
        assert.deepEqual(await store.retractJudgements(admin, { ids: [d as number], run: 'r1' }, 'not in r1'), []);
        assert.deepEqual(ids(await store.listJudgements(admin, { active: true })), [d]);
        assert.equal((await store.listJudgements(admin)).length, 4); // never deleted
        assert.equal((await store.listJudgements(admin, { active: false })).find((j) => j.id === a)?.retractReason, 'Wrong IBAN parse.');
        await assert.rejects(store.retractJudgements(admin, {}, 'no target'), code('CORVID_ERR_VALIDATION'));
        await assert.rejects(store.retractJudgements(admin, { ids: [d as number] }, ''), code('CORVID_ERR_VALIDATION'));
        const undo = await store.listAudit(admin, { action: 'resolve.undo' });
        assert.deepEqual(
          undo.map((r) => [r.target, r.detail]),
          [
            ['', { ids: [a], reason: 'Wrong IBAN parse.' }],
            ['r1', { ids: [b, c], reason: 'Run r1 used a bad model.', run: 'r1' }],
          ],
        );
        assert.deepEqual(await store.verifyAudit(admin), { ok: true, checked: 2 });
      }),
    );

    test(
      'writes the given audit event with the judgements',
      withStore(async ({ store }) => {
        const j = await store.addJudgement(analystLike(), user(P1, X1), { action: 'resolve.decide', target: P1, detail: { other: X1 } });
        assert.equal(j.actor, 'dave');
        await store.addJudgements(admin, [rule(P1, C1), rule(C1, X1)], { action: 'resolve.run', target: 'r1', detail: { judgements: 2 } });
        const decide = await store.listAudit(admin, { action: 'resolve.decide' });
        assert.deepEqual(
          decide.map((r) => [r.actor, r.target, r.detail]),
          [['dave', P1, { other: X1 }]],
        );
        const run = await store.listAudit(admin, { action: 'resolve.run' });
        assert.deepEqual(
          run.map((r) => [r.actor, r.target, r.detail]),
          [['system', 'r1', { judgements: 2 }]],
        );
      }),
    );

    test(
      'a bulk write of 50,000 judgements returns 50,000 and iterates back in id order',
      withStore(async ({ store }) => {
        const n = 50_000;
        const key = (i: number) => String(i).padStart(5, '0');
        const items = Array.from({ length: n }, (_, i) => rule(`police-b.m${key(i)}`, `police-a.m${key(i)}`, { score: (i % 100) / 100 }));
        assert.equal(await store.addJudgements(admin, items), n);
        const got = (await collect(store.iterateJudgements(admin, { active: true }))).flat();
        assert.equal(got.length, n);
        assert.ok(got.every((j, i) => i === 0 || j.id > (got[i - 1]?.id ?? Infinity)));
        assert.ok(got.every((j, i) => j.left === `police-a.m${key(i)}` && j.right === `police-b.m${key(i)}` && j.score === (i % 100) / 100));
        assert.equal((await store.listJudgements(admin, { entityIds: ['police-a.m41234'] }))[0]?.right, 'police-b.m41234');
      }),
    );
  });

  describe('resolution: visibility', () => {
    const R1 = 'police-a.r1'; // only a RED statement
    const GHOST = 'police-a.ghost'; // no statements at all

    test(
      'judgements and candidates are read and written only where the caller sees both entities',
      seeded(async (store) => {
        await store.writeBatch(admin, { dataset: A, statements: [st(R1, 'Person', 'name', 'Red Only', { tlp: 'RED' })] });
        await store.addJudgements(admin, [rule(P1, X1), rule(P1, S1), rule(S1, S2), rule(C1, R1), rule(P1, GHOST)]);
        const [j1, j2, j3, j4, j5] = ids(await store.listJudgements(admin));
        assert.deepEqual(ids(await store.listJudgements(analyst)), [j1]);
        assert.deepEqual(ids(await store.listJudgements(insider)), [j1, j2]);
        assert.deepEqual(ids(await store.listJudgements(redNoComp)), [j1, j4]);
        assert.deepEqual(ids(await store.listJudgements(admin)), [j1, j2, j3, j4, j5]);
        assert.deepEqual(await store.listJudgements(analyst, { entityIds: [S1] }), []);
        assert.deepEqual((await collect(store.iterateJudgements(analyst, {}))).map(ids), [[j1]]);
        // Nothing the analyst cannot see can be undone by them, nor named in a new judgement.
        assert.deepEqual(await store.retractJudgements(analyst, { ids: [j2 as number, j3 as number] }, 'probe'), []);
        assert.equal((await store.listJudgements(admin, { active: true })).length, 5);
        await assert.rejects(store.addJudgement(analyst, user(P1, S1)), code('CORVID_ERR_NOT_FOUND'));
        await assert.rejects(store.addJudgements(analyst, [rule(P1, X1), rule(C1, R1)]), code('CORVID_ERR_NOT_FOUND'));
        await assert.rejects(store.addJudgement(analyst, user(P1, GHOST)), code('CORVID_ERR_NOT_FOUND'));
        assert.equal((await store.addJudgement(analyst, user(C1, X1))).actor, 'alice');

        assert.equal(await store.putReviewCandidates(admin, 'r1', [cand(P1, X1, 0.5), cand(P1, S1, 0.9)]), 2);
        const [open, hidden] = await store.listReviewCandidates(admin, { status: 'open' }).then((cs) => [cs[1], cs[0]]);
        assert.deepEqual(pairs(await store.listReviewCandidates(analyst)), [`${P1}~${X1}`]);
        assert.deepEqual(pairs(await store.listReviewCandidates(insider)), [`${P1}~${S1}`, `${P1}~${X1}`]);
        assert.equal(await store.getReviewCandidate(analyst, hidden?.id as number), null);
        assert.equal((await store.getReviewCandidate(analyst, open?.id as number))?.left, P1);
        await assert.rejects(store.setReviewCandidateStatus(analyst, hidden?.id as number, 'stale', null), code('CORVID_ERR_NOT_FOUND'));
        await assert.rejects(store.putReviewCandidates(analyst, 'r2', [cand(P1, S1, 0.1)]), code('CORVID_ERR_NOT_FOUND'));
        assert.equal((await store.getReviewCandidate(admin, hidden?.id as number))?.priority, 0.9);
      }),
    );
  });

  describe('resolution: review queue', () => {
    const [a, b, c, d, e, f, g, h] = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((k) => `police-a.${k}`) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];

    test(
      'upserts open candidates, leaves decided ones alone and ranks by priority',
      withStore(async ({ store }) => {
        assert.equal(await store.putReviewCandidates(admin, 'r1', [cand(a, b, 0.2, 0.6), cand(d, c, 0.9, 0.5), cand(e, f, 0.5, 0.55)]), 3);
        const first = await store.listReviewCandidates(admin, { status: 'open' });
        assert.deepEqual(pairs(first), [`${c}~${d}`, `${e}~${f}`, `${a}~${b}`]);
        const [cd, , ab] = first;
        assert.deepEqual(
          [cd?.probability, cd?.priority, cd?.run, cd?.status, cd?.decidedBy, cd?.decidedAt, cd?.judgement],
          [0.5, 0.9, 'r1', 'open', null, null, null],
        );
        assert.deepEqual(cd?.explanation, { name: 0.5 });
        assert.ok(isIsoTime(cd?.createdAt ?? null));
        const j = await store.addJudgement(admin, user(c, d));
        await store.setReviewCandidateStatus(admin, cd?.id as number, 'decided', j.id);
        const decided = await store.getReviewCandidate(admin, cd?.id as number);
        assert.deepEqual([decided?.status, decided?.decidedBy, decided?.judgement], ['decided', 'system', j.id]);
        assert.ok(isIsoTime(decided?.decidedAt ?? null));

        assert.equal(await store.putReviewCandidates(admin, 'r2', [cand(a, b, 0.3, 0.7), cand(c, d, 0.99, 0.1), cand(g, h, 0.4, 0.5)]), 2);
        const ab2 = await store.getReviewCandidate(admin, ab?.id as number);
        assert.deepEqual([ab2?.probability, ab2?.priority, ab2?.run, ab2?.createdAt], [0.7, 0.3, 'r2', ab?.createdAt]);
        assert.deepEqual(ab2?.explanation, { name: 0.7 });
        const cd2 = await store.getReviewCandidate(admin, cd?.id as number);
        assert.deepEqual([cd2?.probability, cd2?.priority, cd2?.run, cd2?.status], [0.5, 0.9, 'r1', 'decided']);
        assert.deepEqual(pairs(await store.listReviewCandidates(admin, { status: 'open' })), [`${e}~${f}`, `${g}~${h}`, `${a}~${b}`]);
        assert.deepEqual(pairs(await store.listReviewCandidates(admin, { status: 'decided' })), [`${c}~${d}`]);
        assert.deepEqual(pairs(await store.listReviewCandidates(admin)), [`${c}~${d}`, `${e}~${f}`, `${g}~${h}`, `${a}~${b}`]);
        assert.deepEqual(pairs(await store.listReviewCandidates(admin, { limit: 2, offset: 1 })), [`${e}~${f}`, `${g}~${h}`]);
        assert.deepEqual(pairs(await store.listReviewCandidates(admin, { entityId: b })), [`${a}~${b}`]);
        assert.equal(await store.putReviewCandidates(admin, 'r3', []), 0);
        await assert.rejects(store.putReviewCandidates(admin, 'r3', [cand(a, a, 0.1)]), code('CORVID_ERR_RESOLVE_BAD_PAIR'));
        await assert.rejects(store.putReviewCandidates(admin, 'r3', [cand(a, b, 0.1, 2)]), code('CORVID_ERR_VALIDATION'));
      }),
    );

    test(
      'decided needs its own active judgement; reopening clears it; a stale pair is reopened by the next run',
      withStore(async ({ store }) => {
        await store.putReviewCandidates(admin, 'r1', [cand(a, b, 0.5)]);
        const [ab] = await store.listReviewCandidates(admin);
        const id = ab?.id as number;
        const j = await store.addJudgement(admin, user(b, a));
        const other = await store.addJudgement(admin, user(a, c));
        await assert.rejects(store.setReviewCandidateStatus(admin, id, 'decided', null), code('CORVID_ERR_VALIDATION'));
        await assert.rejects(store.setReviewCandidateStatus(admin, id, 'decided', other.id), code('CORVID_ERR_VALIDATION'));
        await assert.rejects(store.setReviewCandidateStatus(admin, id, 'decided', other.id + 1000), code('CORVID_ERR_NOT_FOUND'));
        await assert.rejects(store.setReviewCandidateStatus(admin, id, 'open', j.id), code('CORVID_ERR_VALIDATION'));
        await assert.rejects(store.setReviewCandidateStatus(admin, id + 1000, 'stale', null), code('CORVID_ERR_NOT_FOUND'));
        await store.setReviewCandidateStatus(admin, id, 'decided', j.id);
        await store.retractJudgements(admin, { ids: [j.id] }, 'Different birth dates after all.');
        await store.setReviewCandidateStatus(admin, id, 'open', null);
        const reopened = await store.getReviewCandidate(admin, id);
        assert.deepEqual([reopened?.status, reopened?.judgement, reopened?.decidedBy, reopened?.decidedAt], ['open', null, null, null]);
        await assert.rejects(store.setReviewCandidateStatus(admin, id, 'decided', j.id), code('CORVID_ERR_VALIDATION')); // retracted
        await store.setReviewCandidateStatus(admin, id, 'stale', null);
        assert.equal((await store.getReviewCandidate(admin, id))?.status, 'stale');
        assert.deepEqual(await store.listReviewCandidates(admin, { status: 'open' }), []);
        assert.equal(await store.putReviewCandidates(admin, 'r2', [cand(a, b, 0.6)]), 1);
        const again = await store.getReviewCandidate(admin, id);
        assert.deepEqual([again?.status, again?.run, again?.priority], ['open', 'r2', 0.6]);
      }),
    );
  });

  describe('resolution: fingerprints and state', () => {
    test(
      'puts, iterates and deletes fingerprints per scope',
      withStore(async ({ store }) => {
        await store.putFingerprints(admin, 's1', [
          [C1, 'fc'],
          [P1, 'fp'],
          [P2, 'fq'],
        ]);
        await store.putFingerprints(admin, 's2', [[P1, 'other']]);
        assert.deepEqual(await collect(store.iterateFingerprints(admin, 's1', 2)), [
          [
            [C1, 'fc'],
            [P1, 'fp'],
          ],
          [[P2, 'fq']],
        ]);
        await store.putFingerprints(admin, 's1', [
          [P1, 'fp2'],
          [X1, 'fx'],
        ]);
        await store.deleteFingerprints(admin, 's1', [C1, 'police-a.unknown']);
        assert.deepEqual((await collect(store.iterateFingerprints(admin, 's1'))).flat(), [
          [P1, 'fp2'],
          [P2, 'fq'],
          [X1, 'fx'],
        ]);
        assert.deepEqual(await collect(store.iterateFingerprints(admin, 's2')), [[[P1, 'other']]]);
        assert.deepEqual(await collect(store.iterateFingerprints(admin, 'no-such-scope')), []);
        await assert.rejects(store.putFingerprints(admin, '', [[P1, 'x']]), code('CORVID_ERR_VALIDATION'));
      }),
    );

    test(
      'gets and overwrites resolver state per scope and key',
      withStore(async ({ store }) => {
        assert.equal(await store.getResolveState(admin, 's1', 'model'), null);
        const model = { m: { name: 0.92, dob: 0.81 }, u: { name: 0.001, dob: 0.0027 }, lambda: 1e-5, fields: ['name', 'dob'] };
        await store.putResolveState(admin, 's1', 'model', model);
        assert.deepEqual(await store.getResolveState(admin, 's1', 'model'), model);
        await store.putResolveState(admin, 's1', 'model', { version: 2 });
        assert.deepEqual(await store.getResolveState(admin, 's1', 'model'), { version: 2 });
        assert.equal(await store.getResolveState(admin, 's2', 'model'), null);
        assert.equal(await store.getResolveState(admin, 's1', 'thresholds'), null);
        await assert.rejects(store.putResolveState(admin, 's1', '', 1), code('CORVID_ERR_VALIDATION'));
      }),
    );
  });
}

/** A candidate with an explanation that names its probability. */
function cand(left: string, right: string, priority: number, probability = 0.5) {
  return { left, right, probability, priority, explanation: { name: probability } };
}

/** A user who sees everything but is not `system`, to show the actor comes from the context. */
function analystLike() {
  return { ...admin, actor: 'dave', roles: ['analyst'] };
}
