import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanByType, cleanDate, cleanNumber, cleanPhone } from './types.ts';
import { loadModel } from './schema.ts';
import { cleanValue } from './types.ts';

describe('property types', () => {
  test('dates keep their precision and refuse impossible days', () => {
    assert.deepEqual(cleanDate('1971'), { ok: true, value: '1971' });
    assert.deepEqual(cleanDate('1971-06'), { ok: true, value: '1971-06' });
    assert.deepEqual(cleanDate('2024-02-29T10:15:00Z'), { ok: true, value: '2024-02-29T10:15:00' });
    assert.equal(cleanDate('2023-02-29').ok, false); // not a leap year
    assert.equal(cleanDate('1971-13').ok, false);
    assert.equal(cleanDate('yesterday').ok, false);
  });

  test('countries: codes and English names to ISO alpha-2', () => {
    assert.deepEqual(cleanByType('country', 'DE'), { ok: true, value: 'de' });
    assert.deepEqual(cleanByType('country', 'Netherlands'), { ok: true, value: 'nl' });
    assert.equal(cleanByType('country', 'Atlantis').ok, false);
  });

  test('phones to E.164 with a default country; letters refused', () => {
    assert.deepEqual(cleanPhone('+31 6 12345678'), { ok: true, value: '+31612345678' });
    assert.deepEqual(cleanPhone('0031 6 12345678'), { ok: true, value: '+31612345678' });
    assert.deepEqual(cleanPhone('06-12345678', { defaultCountry: 'nl' }), { ok: true, value: '+31612345678' });
    assert.equal(cleanPhone('call me').ok, false);
  });

  test('IBANs need a valid checksum', () => {
    // DE89 3704 0044 0532 0130 00 is the IBAN registry's German example.
    assert.deepEqual(cleanByType('iban', 'de89 3704 0044 0532 0130 00'), { ok: true, value: 'DE89370400440532013000' });
    assert.equal(cleanByType('iban', 'DE88370400440532013000').ok, false);
  });

  test('amounts stay exact decimal strings', () => {
    assert.deepEqual(cleanNumber('1,234.56'), { ok: true, value: '1234.56' });
    assert.deepEqual(cleanNumber('1.234,56'), { ok: true, value: '1234.56' });
    assert.deepEqual(cleanNumber('0.1'), { ok: true, value: '0.1' });
    assert.deepEqual(cleanNumber('12345678901234567890.12345678'), { ok: true, value: '12345678901234567890.12345678' });
    assert.equal(cleanNumber('12 EUR').ok, false);
  });

  test("e-mails, entity ids, and the property's length limit", () => {
    assert.deepEqual(cleanByType('email', 'Ana.Pop@Example.COM'), { ok: true, value: 'Ana.Pop@example.com' });
    assert.equal(cleanByType('email', 'not-an-email').ok, false);
    assert.equal(cleanByType('entity', 'a b').ok, false);
    const model = loadModel();
    const name = model.property('Person', 'name');
    assert.equal(cleanValue(name, 'x'.repeat(name.maxLength + 1)).ok, false);
    assert.equal(cleanValue(name, '  Ana   Pop ').ok && cleanValue(name, '  Ana   Pop ').ok, true);
  });
});
