/** Conformance specs for saved link charts: round trip, case and owner visibility, who may change what, ordering, audit. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext } from '../../model/context.ts';
import type { ChartInit } from '../port.ts';
import { OP, OP2, admin, analyst, code, insider } from './fixture.ts';
import type { SpecRunners } from './runners.ts';

/** A second member of op-montagna, not an administrator. */
const colleague = makeContext({ actor: 'dave', compartments: [OP], tlpCeiling: 'AMBER', roles: ['analyst'] });

const STATE = {
  nodes: ['police-a.p1', 'police-a.c1'],
  positions: { 'police-a.p1': [0.5, -12] },
  pinned: [],
  groups: [{ name: 'ring', ids: ['police-a.p1'] }],
  layout: 'forceatlas2',
  window: null,
  labels: true,
};

const chart = (id: string, extra: Partial<ChartInit> = {}): ChartInit => ({ id, name: `Chart ${id}`, case: OP, state: STATE, ...extra });
const isIsoTime = (s: string): boolean => new Date(s).toISOString() === s;

export function chartSpecs({ withStore }: SpecRunners): void {
  describe('link charts', () => {
    test(
      'saves a chart, returns its state as written, replaces it, and audits both saves',
      withStore(async ({ store }) => {
        const saved = await store.putChart(insider, chart('c1'));
        assert.deepEqual(
          { ...saved, createdAt: '', updatedAt: '' },
          { id: 'c1', name: 'Chart c1', case: OP, state: STATE, owner: 'bob', by: 'bob', createdAt: '', updatedAt: '' },
        );
        assert.ok(isIsoTime(saved.createdAt) && saved.updatedAt === saved.createdAt);
        assert.deepEqual(await store.getChart(insider, 'c1'), saved);
        const again = await store.putChart(insider, chart('c1', { name: 'Cell A', state: [1, 'two', null, true, { deep: { x: 3.25 } }] }));
        assert.equal(again.name, 'Cell A');
        assert.equal(again.createdAt, saved.createdAt);
        assert.deepEqual((await store.getChart(colleague, 'c1'))?.state, [1, 'two', null, true, { deep: { x: 3.25 } }]);
        const audit = await store.listAudit(admin, { action: 'chart.save' });
        assert.deepEqual(
          audit.map((r) => [r.actor, r.target, r.detail.created, r.detail.case]),
          [
            ['bob', 'c1', true, OP],
            ['bob', 'c1', false, OP],
          ],
        );
      }),
    );

    test(
      'a case chart is seen by the case members only; a personal chart by its owner only',
      withStore(async ({ store }) => {
        await store.putChart(insider, chart('case-chart'));
        await store.putChart(analyst, chart('mine', { case: '' }));
        assert.equal(await store.getChart(analyst, 'case-chart'), null);
        assert.ok(await store.getChart(colleague, 'case-chart'));
        assert.ok(await store.getChart(admin, 'case-chart'), 'an administrator is in every compartment');
        assert.ok(await store.getChart(analyst, 'mine'));
        assert.equal(await store.getChart(insider, 'mine'), null);
        assert.equal(await store.getChart(admin, 'mine'), null, 'personal means personal');
        assert.deepEqual(
          (await store.listCharts(analyst)).map((c) => c.id),
          ['mine'],
        );
        assert.deepEqual(
          (await store.listCharts(insider)).map((c) => c.id),
          ['case-chart'],
        );
        assert.deepEqual(
          (await store.listCharts(admin)).map((c) => c.id),
          ['case-chart'],
        );
        assert.equal(await store.getChart(insider, 'no-such-chart'), null);
      }),
    );

    test(
      'only members save into a case; only the owner or an administrator changes a chart; invisible is not found',
      withStore(async ({ store }) => {
        await assert.rejects(store.putChart(analyst, chart('x', { case: OP })), code('CORVID_ERR_AUTH_FORBIDDEN'));
        await assert.rejects(store.putChart(insider, chart('x', { case: OP2 })), code('CORVID_ERR_AUTH_FORBIDDEN'));
        await store.putChart(insider, chart('c1'));
        await assert.rejects(store.putChart(colleague, chart('c1', { name: 'mine now' })), code('CORVID_ERR_AUTH_FORBIDDEN'));
        await assert.rejects(store.deleteChart(colleague, 'c1'), code('CORVID_ERR_AUTH_FORBIDDEN'));
        // Somebody outside the case learns nothing: the id behaves as if it did not exist.
        await assert.rejects(store.putChart(analyst, chart('c1', { case: '' })), code('CORVID_ERR_NOT_FOUND'));
        await assert.rejects(store.deleteChart(analyst, 'c1'), code('CORVID_ERR_NOT_FOUND'));
        assert.equal((await store.getChart(insider, 'c1'))?.name, 'Chart c1');
        // An administrator may replace and delete it; `by` records who saved last, the owner stays.
        const replaced = await store.putChart(admin, chart('c1', { name: 'tidied' }));
        assert.deepEqual([replaced.owner, replaced.by], ['bob', 'system']);
        await store.deleteChart(admin, 'c1');
        assert.equal(await store.getChart(insider, 'c1'), null);
        await assert.rejects(store.deleteChart(admin, 'c1'), code('CORVID_ERR_NOT_FOUND'));
        const deleted = await store.listAudit(admin, { action: 'chart.delete' });
        assert.deepEqual(
          deleted.map((r) => [r.actor, r.target, r.detail.case]),
          [['system', 'c1', OP]],
        );
      }),
    );

    test(
      'lists summaries, most recently saved first, by case, a page at a time',
      withStore(async ({ store }) => {
        await store.putChart(insider, chart('a'));
        await store.putChart(insider, chart('b'));
        await store.putChart(insider, chart('c', { case: '' }));
        await store.putChart(insider, chart('a', { name: 'a again' }));
        const all = await store.listCharts(insider);
        assert.deepEqual(
          all.map((c) => c.id),
          ['a', 'c', 'b'],
        );
        assert.ok(all.every((c) => !('state' in c)));
        assert.deepEqual(
          (await store.listCharts(insider, { case: OP })).map((c) => c.id),
          ['a', 'b'],
        );
        assert.deepEqual(
          (await store.listCharts(insider, { case: '' })).map((c) => c.id),
          ['c'],
        );
        assert.deepEqual(
          (await store.listCharts(insider, { limit: 1, offset: 1 })).map((c) => c.id),
          ['c'],
        );
        assert.deepEqual(await store.listCharts(colleague, { case: '' }), []);
      }),
    );

    test(
      'refuses malformed ids, names, cases and pages',
      withStore(async ({ store }) => {
        await assert.rejects(store.putChart(insider, chart('has space')), code('CORVID_ERR_VALIDATION'));
        await assert.rejects(store.putChart(insider, chart('ok', { name: '  ' })), code('CORVID_ERR_VALIDATION'));
        await assert.rejects(store.putChart(insider, chart('ok', { case: 'Not a case!' })), code('CORVID_ERR_MODEL_INVALID_HANDLING'));
        await assert.rejects(store.getChart(insider, ''), code('CORVID_ERR_VALIDATION'));
        await assert.rejects(store.listCharts(insider, { limit: 0 }), code('CORVID_ERR_VALIDATION'));
        assert.deepEqual(await store.listCharts(admin), []);
        assert.deepEqual(await store.listAudit(admin, { action: 'chart.save' }), []);
      }),
    );
  });
}
