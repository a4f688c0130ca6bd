/** Blocking: the size limit for full comparison shrinks with the data, and large name blocks are refined by finer keys. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../../model/schema.ts';
import { BLOCKING_RULES, candidatePairs, refineAtFor } from './blocking.ts';
import { toRecord, type ResolveRecord } from './record.ts';

test('the full-comparison limit is 100 up to 100,000 records and shrinks to 30', () => {
  assert.equal(refineAtFor(1_000), 100);
  assert.equal(refineAtFor(100_000), 100);
  assert.equal(refineAtFor(400_000), 50);
  assert.equal(refineAtFor(1_000_000), 32);
  assert.equal(refineAtFor(10_000_000), 30);
});

function people(rows: [given: string, surname: string, dob: string][]): ResolveRecord[] {
  const model = loadModel();
  return rows.map(([firstName, lastName, birthDate], i) => {
    const r = toRecord(model, { id: `t.${i}`, schema: 'Person', properties: { firstName: [firstName], lastName: [lastName], birthDate: [birthDate] } }, i);
    assert.ok(r);
    return r;
  });
}

test('in a block over the limit, members sharing the other name part or the birth year are compared in full', () => {
  // 40 Rossis with an A: 20 distinct given names, two born in 1950 far apart in both sort orders.
  const rows: [string, string, string][] = [];
  const names = ['adam', 'adrian', 'agnes', 'aida', 'alan', 'alba', 'aldo', 'alex', 'alma', 'amos', 'anders', 'angel', 'anita', 'anton', 'ariel', 'arno', 'asa', 'astrid', 'axel', 'ayla'];
  for (let i = 0; i < 40; i++) rows.push([names[i % 20], 'rossi', `19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`]);
  rows.push(['adam', 'rossi', '1950-01-01'], ['ayla', 'rossi', '1950-12-28']);
  const records = people(rows);
  const rule = BLOCKING_RULES.person.filter((r) => r.name === 'family-name sound + initial');
  const { pairs, stride } = candidatePairs(records, rule, { refineAt: 10 });
  const has = (a: number, b: number): boolean => pairs.includes(a * stride + b);
  assert.ok(has(0, 20), 'same given name, far apart');
  assert.ok(has(40, 41), 'same birth year, different given names');
  // Neither shared: not compared (their sort keys are far apart too).
  assert.ok(!has(1, 38));
  const full = candidatePairs(records, rule, { refineAt: 100 });
  assert.equal(full.pairs.length, (42 * 41) / 2);
  assert.ok(pairs.length < full.pairs.length / 3);
});
