// Tests for identifier normalisation: separators, case, full-width characters and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeIdentifier } from './identifier.ts';

test('separators are removed and letters upper-cased', () => {
  assert.equal(normalizeIdentifier('AB 12-34.56/7'), 'AB1234567');
  assert.equal(normalizeIdentifier(' nl 8123.45.678.B01 '), 'NL812345678B01');
  assert.equal(normalizeIdentifier('HRB 12345'), 'HRB12345');
  assert.equal(normalizeIdentifier('123\\456'), '123456');
  assert.equal(normalizeIdentifier('12\u00A034\u202F56'), '123456');
  assert.equal(normalizeIdentifier('12–34—56'), '123456');
});

test('one identifier written differently by two sources gives one form', () => {
  // The document number of the Dutch specimen passport, as printed, typed and grouped.
  const forms = ['SPECI2014', 'speci2014', 'SPECI 2014', 'SPECI-2014', 'SPE.CI.20.14'];
  assert.deepEqual(new Set(forms.map(normalizeIdentifier)), new Set(['SPECI2014']));
});

test('full-width characters become ASCII; other scripts are kept', () => {
  assert.equal(normalizeIdentifier('ＡＢ１２３'), 'AB123');
  assert.equal(normalizeIdentifier('сн 123456'), 'СН123456');
});

test('hostile input never throws', () => {
  assert.equal(normalizeIdentifier(''), '');
  assert.equal(normalizeIdentifier('   '), '');
  assert.equal(normalizeIdentifier('\u0000\u0007\u200B'), '');
  assert.equal(normalizeIdentifier('a1-'.repeat(5_000)), 'A1'.repeat(5_000));
  assert.equal(normalizeIdentifier('😀12'), '😀12');
});
