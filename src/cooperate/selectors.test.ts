// Selector normalisation per type and extraction from statements, with hand-checked expectations.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractSelectors, normalizeSelector } from './selectors.ts';

describe('normalizeSelector', () => {
  test('each type through its resolution normaliser', () => {
    assert.equal(normalizeSelector('phone', '0031 6 12345678'), '+31612345678');
    assert.equal(normalizeSelector('phone', '06 12345678', { country: 'NL' }), '+31612345678');
    assert.equal(normalizeSelector('phone', '06 12345678'), null);
    assert.equal(normalizeSelector('iban', 'IBAN: nl91 abna 0417 1643 00'), 'NL91ABNA0417164300');
    assert.equal(normalizeSelector('iban', 'NL91ABNA0417164301'), null);
    assert.equal(normalizeSelector('wallet', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'), 'eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed');
    assert.equal(normalizeSelector('wallet', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'), null); // EIP-55 checksum broken
    assert.equal(normalizeSelector('email', '"Jan" <Jan.Jansen+shop@GoogleMail.com>'), 'janjansen@gmail.com');
    assert.equal(normalizeSelector('id', ' nl 8123.45.678.B01 '), 'NL812345678B01');
    assert.equal(normalizeSelector('id', 'n/a'), null);
    assert.equal(normalizeSelector('name', 'SHEVCHENKO, Oleksandr'), 'oleksandr shevchenko');
    assert.equal(normalizeSelector('name', 'Шевченко Олександр'), 'oleksandr shevchenko');
  });
});

describe('extractSelectors', () => {
  test('only the properties of the type, mentions excluded, national numbers read in the entity country', () => {
    const rows = [
      { schema: 'Person', prop: 'phone', value: '06 12345678', entityId: 'ds.a' },
      { schema: 'Person', prop: 'country', value: 'nl', entityId: 'ds.a' },
      { schema: 'Person', prop: 'phone', value: '+31 6 12345678', entityId: 'ds.b' },
      { schema: 'Person', prop: 'email', value: 'x@example.org', entityId: 'ds.b' },
      { schema: 'Document', prop: 'phoneMentioned', value: '+31 6 87654321', entityId: 'ds.d' },
      { schema: 'Person', prop: 'phone', value: 'not a phone', entityId: 'ds.c' },
    ];
    const phones = extractSelectors('phone', rows);
    assert.deepEqual([...phones], [['+31612345678', ['ds.b', 'ds.a']]]);
    assert.deepEqual([...extractSelectors('email', rows).keys()], ['x@example.org']);
  });

  test('IBANs from BankAccount numbers and passports from their property', () => {
    const rows = [
      { schema: 'BankAccount', prop: 'iban', value: 'NL91 ABNA 0417 1643 00' },
      { schema: 'BankAccount', prop: 'accountNumber', value: 'nl91abna0417164300' },
      { schema: 'Person', prop: 'passportNumber', value: 'NX-12 34 56' },
      { schema: 'Person', prop: 'name', value: 'Jan van der Berg' },
    ];
    assert.deepEqual([...extractSelectors('iban', rows)], [['NL91ABNA0417164300', []]]);
    assert.deepEqual([...extractSelectors('id', rows).keys()], ['NX123456']);
    assert.deepEqual([...extractSelectors('name', rows).keys()], ['jan vanderberg']);
  });
});
