// The resolution benchmark's synthetic person records: deterministic, a true partition into people, Zipf-shaped
// duplication, the documented noise rates, and importable through the real pipeline with the bench mapping.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { importFile } from '../src/ingest/pipeline.ts';
import { systemContext } from '../src/model/context.ts';
import { namespaceId } from '../src/model/ids.ts';
import { openStore } from '../src/store/open.ts';
import {
  CITY_MISSING_RATE,
  DOB_MISSING_RATE,
  EMAIL_MISSING_RATE,
  generatePeople,
  ID_PRESENT_RATE,
  PHONE_MISSING_RATE,
  POSTCODE_MISSING_RATE,
  type SynthSummary,
} from './resolve-data.ts';

const N = 2000;
const MAPPING = resolve(import.meta.dirname, '../mappings/bench/person.yml');
const ctx = systemContext();

type Row = Record<string, string>;

describe('synthetic person records for the resolution benchmark', () => {
  let dir: string;
  let file: string;
  let summary: SynthSummary;
  let rows: Row[];
  const byCluster = new Map<string, Row[]>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corvid-resolve-data-'));
    file = join(dir, 'people.csv');
    summary = await generatePeople({ n: N, seed: 7, outFile: file });
    rows = parse(readFileSync(file), { columns: true, bom: true }) as Row[];
    for (const r of rows) {
      const list = byCluster.get(r.cluster!) ?? [];
      list.push(r);
      byCluster.set(r.cluster!, list);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the same seed writes the same bytes; another seed other records', async () => {
    const again = await generatePeople({ n: N, seed: 7, outFile: join(dir, 'again.csv') });
    assert.ok(readFileSync(join(dir, 'again.csv')).equals(readFileSync(file)));
    assert.deepEqual([again.records, again.people, again.duplicatePairs], [summary.records, summary.people, summary.duplicatePairs]);
    await generatePeople({ n: N, seed: 8, outFile: join(dir, 'other.csv') });
    assert.ok(!readFileSync(join(dir, 'other.csv')).equals(readFileSync(file)));
  });

  test('a record count or seed that is not a whole number is refused', async () => {
    for (const bad of [{ n: 0 }, { n: 2.5 }, { n: 10, seed: Number.NaN }]) {
      await assert.rejects(generatePeople({ ...bad, outFile: join(dir, 'bad.csv') }), { code: 'CORVID_ERR_VALIDATION' });
    }
  });

  test('the columns asked for, sequential ids, and the summary agrees with the file', () => {
    const header = readFileSync(file, 'utf8').split('\n', 1)[0];
    assert.equal(header, 'unique_id,first_name,surname,full_name,dob,city,postcode,email,phone,id_number,cluster');
    assert.equal(rows.length, N);
    assert.deepEqual(
      rows.map((r) => r.unique_id),
      Array.from({ length: N }, (_, i) => String(i + 1)),
    );
    assert.equal(summary.records, N);
    assert.equal(summary.file, file);
  });

  test('the cluster column partitions the records into people, and the pair count follows from it', () => {
    assert.ok(rows.every((r) => /^\d+$/.test(r.cluster!)));
    assert.equal(summary.people, byCluster.size);
    let pairs = 0;
    let total = 0;
    for (const list of byCluster.values()) {
      total += list.length;
      pairs += (list.length * (list.length - 1)) / 2;
    }
    assert.equal(total, N);
    assert.equal(summary.duplicatePairs, pairs);
  });

  test('records per person are Zipf-shaped: most people once, fewer twice, fewer still three times', () => {
    const sizes = new Map<number, number>();
    for (const list of byCluster.values()) sizes.set(list.length, (sizes.get(list.length) ?? 0) + 1);
    const [one, two, three] = [sizes.get(1) ?? 0, sizes.get(2) ?? 0, sizes.get(3) ?? 0];
    assert.ok(one > two && two > three && three > 0, `${one} ${two} ${three}`);
    assert.ok(one > summary.people / 2);
    assert.ok(Math.max(...sizes.keys()) <= 20);
    // The brief: about 1,000,000 records from about 600,000 people.
    assert.ok(summary.people > 0.5 * N && summary.people < 0.7 * N, String(summary.people));
  });

  test('rows are shuffled: records of a person are not next to each other', () => {
    let adjacent = 0;
    for (let i = 1; i < rows.length; i++) if (rows[i]!.cluster === rows[i - 1]!.cluster) adjacent++;
    // In a random order, expected 2·pairs/N ≈ 2.8 adjacent same-person rows (Poisson; over 15 is < 1e-6);
    // records written person by person would give N − people ≈ 800.
    const expected = (2 * summary.duplicatePairs) / N;
    assert.ok(adjacent < 15, `${adjacent} adjacent, ${expected.toFixed(1)} expected`);
  });

  test('missing fields at the documented rates (within four standard errors)', () => {
    const share = (col: string, present: boolean): number => rows.filter((r) => (r[col] !== '') === present).length / N;
    for (const [col, rate, present] of [
      ['dob', DOB_MISSING_RATE, false],
      ['city', CITY_MISSING_RATE, false],
      ['postcode', POSTCODE_MISSING_RATE, false],
      ['email', EMAIL_MISSING_RATE, false],
      ['phone', PHONE_MISSING_RATE, false],
      ['id_number', ID_PRESENT_RATE, true],
    ] as const) {
      const tolerance = 4 * Math.sqrt((rate * (1 - rate)) / N);
      assert.ok(Math.abs(share(col, present) - rate) < tolerance, `${col}: ${share(col, present)} vs ${rate}`);
    }
    assert.ok(rows.every((r) => r.first_name !== '' && r.surname !== ''));
  });

  test('names vary as in real registers: Cyrillic script, swapped order, SURNAME-comma style, namesakes', () => {
    assert.ok(rows.some((r) => /\p{Script=Cyrillic}/u.test(r.first_name! + r.surname!)));
    assert.ok(rows.some((r) => /\p{Script=Latin}/u.test(r.first_name!) && /\p{Script=Latin}/u.test(r.full_name!) && /^[^,]+, \S/.test(r.full_name!)));
    let swapped = 0;
    for (const list of byCluster.values()) {
      for (const a of list) if (list.some((b) => a !== b && a.first_name === b.surname && a.surname === b.first_name)) swapped++;
    }
    assert.ok(swapped > 0);
    const clustersByName = new Map<string, Set<string>>();
    for (const r of rows) {
      const key = `${r.first_name} ${r.surname}`;
      const set = clustersByName.get(key) ?? new Set();
      set.add(r.cluster!);
      clustersByName.set(key, set);
    }
    assert.ok(
      [...clustersByName.values()].some((s) => s.size > 1),
      'two different people with the same name',
    );
  });

  test('dates are ISO dates or years, e-mails and phones look like them', () => {
    assert.ok(rows.every((r) => r.dob === '' || /^\d{4}(-\d{2}-\d{2})?$/.test(r.dob!)));
    assert.ok(rows.some((r) => /^\d{4}$/.test(r.dob!)));
    assert.ok(rows.every((r) => r.email === '' || /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(r.email!)));
    assert.ok(rows.every((r) => r.phone === '' || /^(\+|00)?[\d ]{6,}$/.test(r.phone!)));
    assert.ok(rows.some((r) => r.phone!.startsWith('+')) && rows.some((r) => /^0[1-9]/.test(r.phone!)));
  });

  test('imports through the real pipeline with mappings/bench/person.yml: one Person per record, nothing rejected', async () => {
    const store = await openStore({ data: join(dir, 'store') });
    try {
      const s = await importFile(ctx, store, { file, dataset: 'bench-people', mapping: MAPPING, rejectsDir: join(dir, 'rejects') });
      assert.deepEqual([s.read, s.imported, s.rejected, s.skipped, s.rejectedValues], [N, N, 0, 0, 0]);
      assert.equal(await store.countEntities(ctx, { datasets: ['bench-people'], schemata: ['Person'] }), N);
      const withFull = rows.find((r) => r.full_name !== '')!;
      const withoutFull = rows.find((r) => r.full_name === '')!;
      const a = await store.getEntity(ctx, namespaceId('bench-people', withFull.unique_id!));
      const b = await store.getEntity(ctx, namespaceId('bench-people', withoutFull.unique_id!));
      assert.deepEqual(a?.properties.name, [withFull.full_name]);
      assert.deepEqual(b?.properties.name, [`${withoutFull.first_name} ${withoutFull.surname}`]);
      const allowed = new Set(['name', 'firstName', 'lastName', 'birthDate', 'address', 'email', 'phone', 'idNumber']);
      for (const e of [a!, b!])
        assert.ok(
          Object.keys(e.properties).every((p) => allowed.has(p)),
          Object.keys(e.properties).join(),
        );
    } finally {
      await store.close();
    }
  });
});
