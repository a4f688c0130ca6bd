/** The parallel CSV reader gives exactly the records of a single pass, in file order, whatever the number of threads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readCsvRecords } from './read-csv.ts';

const MAPPING = resolve(import.meta.dirname, '../../mappings/bench/person.yml');
const HEADER = 'unique_id,first_name,surname,full_name,dob,city,postcode,email,phone,id_number,cluster';

function rows(n: number): string {
  const lines = [HEADER];
  for (let i = 1; i <= n; i++) {
    const full = i % 3 === 0 ? '' : i % 3 === 1 ? `Anna${i} Rossi` : `"ROSSI, Anna${i}"`;
    lines.push(`${i},Anna${i},Rossi,${full},1980-01-${String((i % 28) + 1).padStart(2, '0')},Milano,20${String(i % 1000).padStart(3, '0')},anna${i}@gmail.com,0039 333 0441${String(i % 1000).padStart(3, '0')},X${i}99,${i % 7}`);
  }
  return lines.join('\n') + '\n';
}

test('one, two and five threads read the same records in the same order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corvid-read-csv-'));
  try {
    const file = join(dir, 'people.csv');
    writeFileSync(file, rows(257));
    const opts = { mapping: MAPPING, idPrefix: 'synth.', defaultCountry: 'de' };
    const one = await readCsvRecords(file, { ...opts, threads: 1 });
    assert.equal(one.length, 257);
    assert.equal(one[0].id, 'synth.1');
    assert.ok(one.every((r, i) => r.idx === i));
    assert.deepEqual(await readCsvRecords(file, { ...opts, threads: 2 }), one);
    assert.deepEqual(await readCsvRecords(file, { ...opts, threads: 5 }), one);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file with only a header gives no records on any number of threads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corvid-read-csv-'));
  try {
    const file = join(dir, 'empty.csv');
    writeFileSync(file, `${HEADER}\n`);
    assert.deepEqual(await readCsvRecords(file, { mapping: MAPPING, threads: 3 }), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
