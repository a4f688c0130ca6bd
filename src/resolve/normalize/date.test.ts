// Tests for partial-date parsing: ISO, European and compact notations, calendar checks, keys and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateKey, parsePartialDate } from './date.ts';

test('ISO 8601 prefixes keep the precision they were written with', () => {
  assert.deepEqual(parsePartialDate('1971'), { year: 1971 });
  assert.deepEqual(parsePartialDate('1971-06'), { year: 1971, month: 6 });
  assert.deepEqual(parsePartialDate('1971-06-24'), { year: 1971, month: 6, day: 24 });
  assert.deepEqual(parsePartialDate(' 1971-06-24T10:00:00Z '), { year: 1971, month: 6, day: 24 });
  // The date as the source wrote it: 23:30 at UTC-5 is still the 24th there.
  assert.deepEqual(parsePartialDate('1971-06-24T23:30:00-05:00'), { year: 1971, month: 6, day: 24 });
});

test('European day-first notations', () => {
  const june24 = { year: 1971, month: 6, day: 24 };
  assert.deepEqual(parsePartialDate('24.06.1971'), june24);
  assert.deepEqual(parsePartialDate('24/06/1971'), june24);
  assert.deepEqual(parsePartialDate('24-06-1971'), june24);
  assert.deepEqual(parsePartialDate('24. 6. 1971'), june24);
  assert.deepEqual(parsePartialDate('4.6.1971'), { year: 1971, month: 6, day: 4 });
  assert.deepEqual(parsePartialDate('06/1971'), { year: 1971, month: 6 });
  // Day first means 06/12 is the 6th of December, not June 12th.
  assert.deepEqual(parsePartialDate('06/12/1971'), { year: 1971, month: 12, day: 6 });
});

test('compact and year-first slash notations', () => {
  assert.deepEqual(parsePartialDate('19710624'), { year: 1971, month: 6, day: 24 });
  assert.deepEqual(parsePartialDate('1971/06/24'), { year: 1971, month: 6, day: 24 });
  assert.deepEqual(parsePartialDate('1971.06'), { year: 1971, month: 6 });
  assert.deepEqual(parsePartialDate('1971-6-4'), { year: 1971, month: 6, day: 4 });
});

test('impossible dates give null; leap days follow the Gregorian rules', () => {
  assert.equal(parsePartialDate('1971-02-30'), null);
  assert.equal(parsePartialDate('31.04.1971'), null);
  assert.equal(parsePartialDate('24/13/1971'), null);
  assert.equal(parsePartialDate('19711324'), null);
  assert.equal(parsePartialDate('1971-00'), null);
  assert.deepEqual(parsePartialDate('29.02.2000'), { year: 2000, month: 2, day: 29 });
  assert.equal(parsePartialDate('29.02.1900'), null);
  assert.deepEqual(parsePartialDate('1972-02-29'), { year: 1972, month: 2, day: 29 });
});

test('dateKey writes YYYY[-MM[-DD]] with zero padding', () => {
  assert.equal(dateKey({ year: 1971 }), '1971');
  assert.equal(dateKey({ year: 1971, month: 6 }), '1971-06');
  assert.equal(dateKey({ year: 1971, month: 6, day: 4 }), '1971-06-04');
  assert.equal(dateKey({ year: 1971, day: 4 }), '1971');
});

test('every notation of one day gives one key', () => {
  const keys = new Set(['1971-06-24', '24.06.1971', '24/06/1971', '19710624', '1971-06-24T10:00:00Z'].map((s) => dateKey(parsePartialDate(s)!)));
  assert.deepEqual([...keys], ['1971-06-24']);
});

test('hostile input never throws and gives null', () => {
  const hostile = ['', ' ', 'yesterday', '0000', '999', '12345', '1971-6-24x', '\u0000\u0001', '1'.repeat(10_000), '😀1971', '١٩٧١-٠٦-٢٤x', 'NaN', '24.06.197'];
  for (const s of hostile) assert.equal(parsePartialDate(s), null, JSON.stringify(s.slice(0, 20)));
});
