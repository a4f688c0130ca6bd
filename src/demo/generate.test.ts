// Tests for the demo generator's entry point: determinism, sizes, manifest and handling, option checks.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isCorvidError } from '../errors.ts';
import { makeDemoFixture, type DemoFixture } from './demo-fixture.ts';
import { generateDemo } from './generate.ts';
import type { Truth } from './truth.ts';

function listFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(root, p));
    else out.push(relative(root, p));
  }
  return out.sort();
}

const dataRows = (path: string): number =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '').length - 1;

describe('generateDemo', () => {
  let a: DemoFixture;
  let b: DemoFixture;
  let other: DemoFixture;
  before(async () => {
    a = await makeDemoFixture();
    b = await makeDemoFixture({ seed: 20251 });
    other = await makeDemoFixture({ seed: 7 });
  });
  after(() => {
    a.cleanup();
    b.cleanup();
    other.cleanup();
  });

  test('the same seed gives byte-identical files', () => {
    const files = listFiles(a.dir);
    assert.deepEqual(files, listFiles(b.dir));
    assert.ok(files.length >= 20);
    for (const f of files) assert.ok(readFileSync(join(a.dir, f)).equals(readFileSync(join(b.dir, f))), `${f} differs`);
  });

  test('a different seed gives different data in the same layout', () => {
    assert.deepEqual(listFiles(other.dir), listFiles(a.dir));
    for (const f of ['fiu-nl/transactions.csv', 'police-nl/op-trident.ftm.json', 'truth.json']) {
      assert.ok(!readFileSync(join(a.dir, f)).equals(readFileSync(join(other.dir, f))), `${f} should differ`);
    }
  });

  test('the manifest lists every data file with absolute paths, mappings for CSV and the truth file', () => {
    assert.equal(a.manifest.seed, 20251);
    const onDisk = listFiles(a.dir).filter((f) => /\.(csv|json)$/.test(f) && !['manifest.json', 'truth.json'].includes(f));
    assert.deepEqual(a.manifest.files.map((f) => relative(a.dir, f.path)).sort(), onDisk);
    for (const f of a.manifest.files) {
      assert.equal(f.format, f.path.endsWith('.csv') ? 'csv' : 'ftm');
      if (f.format === 'csv') assert.ok(f.mapping && statSync(f.mapping).isFile(), `${f.path} needs a mapping`);
    }
    assert.equal(a.manifest.truth, join(a.dir, 'truth.json'));
    assert.deepEqual([...new Set(a.manifest.files.map((f) => f.dataset))].sort(), [
      'chain-analytics',
      'fiu-nl',
      'police-de',
      'police-nl',
      'telco-cdr',
      'tns-platform',
    ]);
  });

  test('access control has something to show: a compartment, TLP:RED, H2 and H3 with notes', () => {
    const files = a.manifest.files;
    assert.ok(files.some((f) => f.compartment === 'op-trident'));
    assert.ok(files.some((f) => f.compartment === ''));
    assert.ok(files.some((f) => f.tlp === 'RED' && f.handling === 'H3' && (f.handlingNote ?? '').length > 10));
    assert.ok(files.some((f) => f.handling === 'H2'));
    assert.ok(files.some((f) => f.tlp === 'GREEN'));
    const tx = readFileSync(join(a.dir, 'fiu-nl/transactions.csv'), 'utf8');
    assert.match(tx, /,RED\n/); // single transfers marked RED in the data itself
  });

  test('sizes: hundreds of people, thousands of calls and payments', () => {
    const truth = JSON.parse(readFileSync(a.manifest.truth, 'utf8')) as Truth;
    const people = truth.entities.filter((e) => e.kind === 'person');
    assert.ok(people.length >= 500, `${people.length} people`);
    assert.ok(people.filter((p) => p.role === 'victim').length >= 200);
    const calls = dataRows(join(a.dir, 'telco-cdr/operator-nl.csv')) + dataRows(join(a.dir, 'telco-cdr/operator-de.csv'));
    assert.ok(calls >= 2000, `${calls} call records`);
    const payments = dataRows(join(a.dir, 'fiu-nl/transactions.csv'));
    assert.ok(payments >= 2000, `${payments} payments`);
    for (const f of a.manifest.files) assert.ok(f.records > 0, `${f.path} is empty`);
  });

  test('scale grows the data', async () => {
    const small = await makeDemoFixture({ scale: 0.3 });
    try {
      assert.ok(dataRows(join(small.dir, 'fiu-nl/transactions.csv')) < dataRows(join(a.dir, 'fiu-nl/transactions.csv')) / 2);
    } finally {
      small.cleanup();
    }
  });

  test('invalid seeds and scales are refused with a validation code', async () => {
    for (const opts of [{ seed: -1 }, { seed: 1.5 }, { scale: 0 }, { scale: Number.NaN }]) {
      await assert.rejects(generateDemo({ outDir: join(a.dir, 'never'), ...opts }), (e: unknown) => isCorvidError(e) && e.code === 'CORVID_ERR_VALIDATION');
    }
  });
});
