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
 * - Resolution: judgements and candidates are read only where the caller sees both entities (an entity
 *   without visible statements, or without statements at all, is unseen), and written, retracted or
 *   changed only by such callers (an unseen entity in a write is CORVID_ERR_NOT_FOUND). Pairs are stored
 *   ordered by the byte order of the UTF-8 ids. Retraction with nothing left to retract returns [] and
 *   writes no audit record. A stale candidate proposed again by a run is reopened; a decided one is not.
 * - Charts: visible to members of their case (a compartment; '*' is every case), or to the owner alone when the
 *   case is ''; an invisible chart is CORVID_ERR_NOT_FOUND to change, another owner's CORVID_ERR_AUTH_FORBIDDEN
 *   (administrators excepted). Listing orders by last save, newest first. Saves and deletes are audited.
 */
import { describe } from 'node:test';
import type { Store } from './port.ts';
import { chartSpecs } from './conformance/chart-specs.ts';
import { seed, type StoreHarness } from './conformance/fixture.ts';
import { dataSpecs } from './conformance/data-specs.ts';
import { opsSpecs } from './conformance/ops-specs.ts';
import { resolutionSpecs } from './conformance/resolution-specs.ts';
import { searchSpecs } from './conformance/search-specs.ts';

export { makeStatement, type AuditTamper, type StoreHarness } from './conformance/fixture.ts';

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
    dataSpecs({ withStore, seeded });
    searchSpecs({ withStore, seeded });
    opsSpecs({ withStore, seeded });
    resolutionSpecs({ withStore, seeded });
    chartSpecs({ withStore, seeded });
  });
}
