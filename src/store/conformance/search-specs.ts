/** Conformance specs for search and for the auditing of sensitive reads. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { A, C1, P1, P2, S1, X1, admin, analyst, insider, redNoComp, st } from './fixture.ts';
import type { SpecRunners } from './runners.ts';

export function searchSpecs({ seeded }: SpecRunners): void {
  describe('search', () => {
    test(
      'tolerates typos and ranks each entity once, best first',
      seeded(async (store) => {
        const hits = await store.search(analyst, { text: 'Jon Smiht' });
        assert.deepEqual(
          hits
            .slice(0, 2)
            .map((h) => h.entity.id)
            .sort(),
          [P1, X1],
        );
        assert.equal(hits[0]?.matched, 'John Smith');
        const ids = hits.map((h) => h.entity.id);
        assert.equal(new Set(ids).size, ids.length);
        for (let i = 1; i < hits.length; i++) assert.ok((hits[i - 1]?.score ?? 0) >= (hits[i]?.score ?? 0));
        assert.ok(hits.every((h) => h.score > 0 && h.score <= 1));
        const exact = await store.search(analyst, { text: 'John Smith' });
        assert.ok((exact[0]?.score ?? 0) > (hits[0]?.score ?? 0));
        const unrelated = await store.search(analyst, { text: 'Smithsonian Institute' });
        assert.ok(!unrelated.some((h) => h.entity.id === P1 || h.entity.id === X1)); // shares trigrams, but is not a match
      }),
    );

    test(
      'finds names regardless of token order and punctuation',
      seeded(async (store) => {
        const hits = await store.search(admin, { text: 'mario rossi' });
        assert.equal(hits[0]?.entity.id, S1);
        assert.equal(hits[0]?.matched, 'ROSSI, Mario');
      }),
    );

    test(
      'finds identifiers and substrings',
      seeded(async (store) => {
        const reg = await store.search(analyst, { text: 'HRB 12345' });
        assert.equal(reg[0]?.entity.id, C1);
        assert.equal(reg[0]?.matched, 'HRB 12345');
        const mail = await store.search(analyst, { text: 'smith@example' });
        assert.equal(mail[0]?.entity.id, P1);
        assert.equal(mail[0]?.matched, 'john.smith@example.org');
        const acme = await store.search(analyst, { text: 'acme', fuzzy: false });
        assert.deepEqual(
          acme.map((h) => h.entity.id),
          [C1],
        );
      }),
    );

    test(
      'filters by dataset and schema, pages, and can be exact',
      seeded(async (store) => {
        const a = await store.search(analyst, { text: 'Jon Smiht', datasets: [A] });
        assert.equal(a[0]?.entity.id, P1);
        assert.ok(!a.some((h) => h.entity.id === X1));
        assert.deepEqual(
          (await store.search(analyst, { text: 'Acme Trading', schemata: ['Company'] })).map((h) => h.entity.id),
          [C1],
        );
        assert.ok(!(await store.search(analyst, { text: 'Acme Trading', schemata: ['Person'] })).some((h) => h.entity.id === C1));
        assert.ok(!(await store.search(analyst, { text: 'Jon Smiht', fuzzy: false })).some((h) => h.entity.id === P1 || h.entity.id === X1));
        const first = await store.search(analyst, { text: 'John Smith', limit: 1 });
        const second = await store.search(analyst, { text: 'John Smith', limit: 1, offset: 1 });
        assert.equal(first.length, 1);
        assert.equal(second.length, 1);
        assert.deepEqual([first[0]?.entity.id, second[0]?.entity.id].sort(), [P1, X1]);
      }),
    );
  });

  describe('sensitive reads', () => {
    test(
      'getEntity audits reads of sensitive entities only',
      seeded(async (store) => {
        await store.writeBatch(admin, {
          dataset: A,
          statements: [
            st('police-a.h2', 'Person', 'name', 'Carla Verdi', { handling: 'H2' }),
            st('police-a.h3', 'Person', 'name', 'Dario Neri', { handling: 'H3', handlingNote: 'ask the provider' }),
          ],
        });
        await store.getEntity(analyst, P1); // public: not audited
        await store.getEntity(analyst, P2); // only the public name is visible: not audited
        await store.getEntity(analyst, S1); // invisible: nothing read, not audited
        await store.getEntity(insider, P2); // compartment phone visible
        await store.getEntity(insider, S1); // compartment entity
        await store.getEntity(redNoComp, P2); // RED note visible
        await store.getEntity(analyst, 'police-a.h2');
        await store.getEntity(analyst, 'police-a.h3');
        const reads = await store.listAudit(admin, { action: 'entity.read' });
        assert.deepEqual(
          reads.map((r) => [r.actor, r.target]),
          [
            ['bob', P2],
            ['bob', S1],
            ['carol', P2],
            ['alice', 'police-a.h2'],
            ['alice', 'police-a.h3'],
          ],
        );
      }),
    );
  });
}
