/**
 * `corvid resolve run` on the demo investigation, checked against the generator's ground truth: what
 * it merges belongs together, namesakes stay apart, identifier-linked records are found, undo restores
 * the previous state exactly, and a later import is compared incrementally.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemo } from '../cli/load-demo.ts';
import { loadDemo as readDemo } from '../demo/load-demo.ts';
import type { Truth } from '../demo/truth.ts';
import { importFile } from '../ingest/pipeline.ts';
import { systemContext } from '../model/context.ts';
import { namespaceId } from '../model/ids.ts';
import { openStore } from '../store/open.ts';
import { loadCanonical } from './canonical.ts';
import { decide, undo } from './review.ts';
import { resolveStore } from './run.ts';

test('resolution of the demo data merges what belongs together and nothing else; undo and increments behave', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corvid-resolve-demo-'));
  const store = await openStore({ data: dir });
  const ctx = systemContext();
  try {
    const loaded = await loadDemo(ctx, store, dir);
    const truth = JSON.parse(readFileSync(loaded.truth, 'utf8')) as Truth;
    // Store ids of every truth entity's records, through the importer's own readers.
    const files = await readDemo(join(dir, 'demo'));
    const byFtm = new Map<string, string>();
    const byKeys = new Map<string, string>();
    for (const e of files.entities) {
      const id = namespaceId(e.dataset, e.id);
      byFtm.set(`${e.dataset}|${e.file}|${e.id}`, id);
      if (e.keys) byKeys.set(`${e.dataset}|${e.keys.join('|')}`, id);
    }
    const owner = new Map<string, string>();
    const idsOf = new Map<string, Set<string>>();
    for (const t of truth.entities) {
      const ids = new Set<string>();
      for (const r of t.records) {
        const file = r.file.replace(/^.*\/demo\//, '');
        const id = 'id' in r ? byFtm.get(`${r.dataset}|${file}|${r.id}`) ?? byFtm.get(`${r.dataset}|${r.file}|${r.id}`) : byKeys.get(`${r.dataset}|${r.keys.join('|')}`);
        if (id) ids.add(id);
      }
      idsOf.set(t.key, ids);
      for (const id of ids) owner.set(id, t.key);
    }

    const run = await resolveStore(ctx, store, {});
    assert.ok(run.judgements > 0, 'the run merges something');

    // Precision: every group holds the records of one real-world entity only (records without truth are left aside).
    for (const [cid, members] of run.groups) {
      const owners = new Set(members.map((m) => owner.get(m)).filter((o) => o !== undefined));
      assert.ok(owners.size <= 1, `group ${cid} mixes ${[...owners].join(', ')}: ${members.join(', ')}`);
    }
    // Namesakes (the same name, different people) are never merged.
    for (const [a, b] of truth.namesakes) {
      const ga = [...(idsOf.get(a) ?? [])].map((id) => run.canonical.get(id) ?? id);
      const gb = [...(idsOf.get(b) ?? [])].map((id) => run.canonical.get(id) ?? id);
      assert.ok(!ga.some((g) => gb.includes(g)), `namesakes ${a} and ${b} merged`);
    }
    // Every bank account and wallet described in several sources becomes one entity (same IBAN / address).
    let multi = 0;
    for (const t of truth.entities.filter((e) => e.kind === 'account' || e.kind === 'wallet')) {
      const ids = [...(idsOf.get(t.key) ?? [])];
      if (ids.length < 2) continue;
      multi++;
      const groups = new Set(ids.map((id) => run.canonical.get(id) ?? id));
      assert.equal(groups.size, 1, `${t.key} (${t.name}) split: ${ids.join(', ')}`);
    }
    assert.ok(multi > 10, `accounts in several sources: ${multi}`);
    // The Rotterdam organiser: his KMU-romanised records and the German transcription are one person.
    const organiser = truth.entities.find((e) => e.role === 'organiser');
    assert.ok(organiser);
    const orgGroups = new Set([...(idsOf.get(organiser.key) ?? [])].map((id) => run.canonical.get(id) ?? id));
    assert.ok((idsOf.get(organiser.key)?.size ?? 0) >= 2);
    assert.ok(orgGroups.size < (idsOf.get(organiser.key)?.size ?? 0), 'the organiser’s records are merged at least in part');

    // Undo restores the previous state exactly: no groups before the run, none after undoing it.
    const undone = await undo(ctx, store, { run: run.run }, 'test');
    assert.equal(undone.retracted.length, run.judgements);
    assert.equal((await loadCanonical(ctx, store)).groups.size, 0);

    // Run again (full: the undo forgot the fingerprints), then a user's "different" splits a pair for good.
    const again = await resolveStore(ctx, store, {});
    assert.equal(again.incremental, false);
    assert.equal(again.groups.size, run.groups.size);
    const [, members] = [...again.groups].find(([, m]) => m.length === 2) ?? [];
    assert.ok(members);
    await decide(ctx, store, { left: members[0], right: members[1] }, 'negative', 'different people');
    const view = await loadCanonical(ctx, store);
    assert.notEqual(view.canonicalOf.get(members[0]) ?? members[0], view.canonicalOf.get(members[1]) ?? members[1]);

    // Incremental: a new source with one more record of a known person is compared against everything.
    const person = truth.entities.find((e) => e.kind === 'person' && e.role === 'organiser');
    const known = (await store.getEntities(ctx, [...(idsOf.get(person!.key) ?? [])])).find((e) => e.properties.birthDate?.length);
    assert.ok(known);
    const extra = join(dir, 'extra.ftm.json');
    writeFileSync(extra, `${JSON.stringify({ id: 'x-1', schema: 'Person', properties: { name: known.properties.name, birthDate: known.properties.birthDate, nationality: known.properties.nationality ?? [] } })}\n`);
    await importFile(ctx, store, { file: extra, dataset: 'extra', rejectsDir: dir });
    const inc = await resolveStore(ctx, store, {});
    assert.equal(inc.incremental, true);
    assert.equal(inc.changed, 1);
    assert.equal(inc.canonical.get('extra.x-1'), inc.canonical.get(known.id));
    // The negative judgement still holds after the automatic pass.
    assert.notEqual(inc.canonical.get(members[0]) ?? members[0], inc.canonical.get(members[1]) ?? members[1]);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
