// Tests for IBAN and BIC normalisation: published examples, separators, checksum failures and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bicInstitution, normalizeBic, normalizeIban } from './iban.ts';

test('IBANs written with spaces, dashes, lower case or a label give the electronic format', () => {
  assert.equal(normalizeIban('NL91 ABNA 0417 1643 00'), 'NL91ABNA0417164300');
  assert.equal(normalizeIban('nl91abna0417164300'), 'NL91ABNA0417164300');
  assert.equal(normalizeIban('IBAN: NL91-ABNA-0417-1643-00'), 'NL91ABNA0417164300');
  assert.equal(normalizeIban('DE89 3704 0044 0532 0130 00'), 'DE89370400440532013000');
  assert.equal(normalizeIban('GB82\u00A0WEST\u00A01234\u00A05698\u00A07654\u00A032'), 'GB82WEST12345698765432');
});

test('IBANs with a wrong checksum, length or country give null', () => {
  assert.equal(normalizeIban('NL91ABNA0417164301'), null);
  assert.equal(normalizeIban('DE89370400440532013001'), null);
  assert.equal(normalizeIban('NL91ABNA041716430'), null);
  assert.equal(normalizeIban('XX91ABNA0417164300'), null);
});

test('BICs are upper case without separators; the primary-office branch XXX is dropped', () => {
  assert.equal(normalizeBic('DEUTDEFF'), 'DEUTDEFF');
  assert.equal(normalizeBic('deutdeffxxx'), 'DEUTDEFF');
  assert.equal(normalizeBic('DEUT DE FF 500'), 'DEUTDEFF500');
  assert.equal(normalizeBic('BIC: ABNANL2A'), 'ABNANL2A');
  assert.equal(normalizeBic('SWIFT code: NEDSZAJJXXX'), 'NEDSZAJJ');
});

test('strings that are not BICs give null', () => {
  assert.equal(normalizeBic('ABN4NL2A'), null);
  assert.equal(normalizeBic('DEUTXXFF'), null);
  assert.equal(normalizeBic('DEUTDEFF50'), null);
  assert.equal(normalizeBic('DEUTDEFF5000'), null);
});

test('bicInstitution makes a branch and its head office compare equal', () => {
  assert.equal(bicInstitution('DEUTDEFF500'), 'DEUTDEFF');
  assert.equal(bicInstitution('DEUTDEFFXXX'), 'DEUTDEFF');
  assert.equal(bicInstitution('DEUTDEFF'), 'DEUTDEFF');
  assert.equal(bicInstitution('not a bic'), '');
});

test('hostile input never throws and gives null or empty', () => {
  const hostile = ['', ' ', '\u0000', 'NL91ABNA0417164300'.repeat(600), '😀NL91ABNA0417164300', 'НЛ91АБНА0417164300', 'IBAN:', 'x'.repeat(10_000)];
  for (const s of hostile) {
    assert.equal(normalizeIban(s), null);
    assert.equal(normalizeBic(s), null);
    assert.equal(bicInstitution(s), '');
  }
});
