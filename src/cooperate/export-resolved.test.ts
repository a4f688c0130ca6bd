/** Tests of the resolved FtM export: merged lines with referents, references rewritten, the policy applied, and a clean re-import. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../ingest/pipeline.ts';
import { systemContext } from '../model/context.ts';
import { makeStatement as st } from '../store/conformance/fixture.ts';
import { openStore } from '../store/open.ts';
import type { JudgementInit, Store } from '../store/port.ts';
import { exportResolvedFtm, type ResolvedExportCounts } from './export-resolved.ts';
import type { ExportPolicy } from './export-policy.ts';

interface Line {
  id: string;
  schema: string;
  caption: string;
  properties: Record<string, string[]>;
  referents: string[];
  datasets: string[];
  first_seen: string;
  last_seen: string;
}

const sys = systemContext();
const P1 = 'police-a.p1';
const L9 = 'police-b.p9';
const C1 = 'police-a.c1';
const PAY1 = 'police-a.pay1';
const PAY2 = 'police-a.pay2';
const OWN1 = 'police-a.own1';
const X1 = 'police-a.x1';
const C2 = 'police-b.c2';

/** The canonical id as documented: `cvd-` and the first 20 hex digits of the SHA-1 of the smallest member id. */
const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');
const cvd = (smallest: string): string => `cvd-${sha1(smallest).slice(0, 20)}`;
/** Where an id with a dot lands when imported into `received` (ids.ts: `a.b` into `c` becomes `c.` + its SHA-1). */
const received = (id: string): string => `received.${sha1(id)}`;

const link = (left: string, right: string): JudgementInit => ({
  left,
  right,
  verdict: 'positive',
  by: 'user',
  rule: '',
  score: null,
  reason: 'Same passport number.',
  explanation: null,
  run: null,
});

async function run(store: Store, policy: ExportPolicy = {}): Promise<{ lines: Line[]; counts: ResolvedExportCounts }> {
  const chunks: string[] = [];
  const counts = await exportResolvedFtm(sys, store, policy, (s) => void chunks.push(s));
  return {
    lines: chunks
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line),
    counts,
  };
}

describe('resolved FtM export', () => {
  let dir: string;
  let store: Store;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corvid-resolved-'));
    store = await openStore({ data: join(dir, 'a') });
    await store.upsertDataset(sys, { name: 'police-a', title: 'Police A' });
    await store.upsertDataset(sys, { name: 'police-b', title: 'Police B' });
    const early = { firstSeen: '2023-11-01T00:00:00.000Z', lastSeen: '2024-06-30T00:00:00.000Z' };
    await store.writeBatch(sys, {
      dataset: 'police-a',
      statements: [
        st(P1, 'Person', 'name', 'Anna Schmidt'),
        st(P1, 'Person', 'passportNumber', 'C01X00T47'),
        st(P1, 'Person', 'birthDate', '1980-01-02'),
        st(C1, 'Company', 'name', 'Acme Logistics GmbH'),
        st(PAY1, 'Payment', 'payer', P1, { isRef: true }),
        st(PAY1, 'Payment', 'beneficiary', C1, { isRef: true }),
        st(PAY1, 'Payment', 'amount', '9500'),
        st(PAY2, 'Payment', 'payer', L9, { isRef: true }),
        st(PAY2, 'Payment', 'beneficiary', C1, { isRef: true }),
        st(PAY2, 'Payment', 'amount', '4000', { handling: 'H2' }),
        st(OWN1, 'Ownership', 'owner', P1, { isRef: true }),
        st(OWN1, 'Ownership', 'asset', C1, { isRef: true }),
        st(X1, 'Person', 'name', 'Acme'),
      ],
    });
    await store.writeBatch(sys, {
      dataset: 'police-b',
      statements: [
        st(L9, 'LegalEntity', 'name', 'Anna Schmid', early),
        st(L9, 'LegalEntity', 'country', 'de', early),
        st(C2, 'Company', 'name', 'Acme Limited'),
        st(C2, 'Company', 'capital', '25000 EUR'),
      ],
    });
    // One group of a Person and a LegalEntity, and a mistaken one of a Person and a Company.
    assert.equal(await store.addJudgements(sys, [link(P1, L9), link(X1, C2)]), 2);
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('merges a group into one line under its canonical id, with the members as referents', async () => {
    const { lines, counts } = await run(store);
    const anna = lines.find((l) => l.id === cvd(P1));
    assert.ok(anna, 'the group is one line');
    assert.ok(!lines.some((l) => l.id === P1 || l.id === L9), 'members are not written on their own');
    assert.equal(anna.schema, 'Person', 'Person is more specific than LegalEntity');
    assert.equal(anna.caption, 'Anna Schmidt');
    assert.deepEqual(anna.referents, [P1, L9]);
    assert.deepEqual(anna.properties.name, ['Anna Schmidt', 'Anna Schmid']);
    assert.deepEqual(anna.properties.passportNumber, ['C01X00T47']);
    assert.deepEqual(anna.properties.country, ['de']);
    assert.deepEqual(anna.datasets, ['police-a', 'police-b']);
    assert.equal(anna.first_seen, '2023-11-01T00:00:00.000Z');
    assert.equal(anna.last_seen, '2024-06-30T00:00:00.000Z');
    // 8 records in the store, 2 groups of 2: 6 lines.
    assert.equal(lines.length, 6);
    assert.deepEqual([counts.entities, counts.lines, counts.merged, counts.withheldH2], [8, 6, 2, 1]);
  });

  test('rewrites references to members so the graph points at the canonical entity', async () => {
    const { lines } = await run(store);
    const byId = new Map(lines.map((l) => [l.id, l]));
    assert.deepEqual(byId.get(PAY1)?.properties.payer, [cvd(P1)]);
    assert.deepEqual(byId.get(PAY2)?.properties.payer, [cvd(P1)]);
    assert.deepEqual(byId.get(OWN1)?.properties.owner, [cvd(P1)]);
    assert.deepEqual(byId.get(PAY1)?.properties.beneficiary, [C1], 'references to ungrouped entities stay');
    assert.deepEqual(byId.get(C1)?.referents, [], 'a singleton has no referents');
    assert.equal(byId.get(PAY2)?.properties.amount, undefined, 'the H2 amount is withheld');
  });

  test('unrelated schemata: the first member’s schema, values it cannot hold dropped and reported', async () => {
    const { lines, counts } = await run(store);
    const acme = lines.find((l) => l.id === cvd(X1));
    assert.ok(acme);
    assert.equal(acme.schema, 'Person');
    assert.deepEqual(acme.properties.name, ['Acme', 'Acme Limited']);
    assert.equal(acme.properties.capital, undefined, 'a Person has no capital');
    assert.deepEqual(counts.schemaConflicts, [cvd(X1)]);
    assert.equal(counts.droppedValues, 1);
  });

  test('a group partly outside the policy keeps its canonical id, with only the exported members', async () => {
    const { lines } = await run(store, { datasets: ['police-a'] });
    const anna = lines.find((l) => l.id === cvd(P1));
    assert.ok(anna);
    assert.deepEqual(anna.referents, [P1]);
    assert.deepEqual(anna.datasets, ['police-a']);
    assert.deepEqual(lines.find((l) => l.id === PAY1)?.properties.payer, [cvd(P1)]);
  });

  test('the resolved export imports into a fresh store as a consistent graph', async () => {
    const { lines } = await run(store);
    const file = join(dir, 'resolved.ftm.json');
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const other = await openStore({ data: join(dir, 'b') });
    try {
      const s = await importFile(sys, other, { file, dataset: 'received', rejectsDir: join(dir, 'rejects') });
      assert.deepEqual([s.read, s.imported, s.rejected], [6, 6, 0]);
      const anna = await other.getEntity(sys, `received.${cvd(P1)}`);
      assert.ok(anna);
      assert.equal(anna.schema, 'Person');
      assert.deepEqual(anna.properties.name, ['Anna Schmidt', 'Anna Schmid']);
      const links = await other.getLinks(sys, `received.${cvd(P1)}`);
      assert.deepEqual(
        links.map((l) => `${l.entity.id} ${l.prop}`).sort(),
        [`${received(OWN1)} owner`, `${received(PAY1)} payer`, `${received(PAY2)} payer`].sort(),
      );
    } finally {
      await other.close();
    }
  });
});
