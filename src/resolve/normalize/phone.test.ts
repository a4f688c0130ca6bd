// Tests for phone normalisation to E.164: national, international and URI forms, invalid numbers and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePhone } from './phone.ts';

test('a Dutch mobile number written nationally, internationally or as a URI gives one E.164 form', () => {
  const e164 = '+31612345678';
  assert.equal(normalizePhone('06 12345678', 'NL'), e164);
  assert.equal(normalizePhone('06-12345678', 'nl'), e164);
  assert.equal(normalizePhone('0031 6 12345678'), e164);
  assert.equal(normalizePhone('0031 (0)6 12345678'), e164);
  assert.equal(normalizePhone('+31 (0)6 12345678'), e164);
  assert.equal(normalizePhone('(+31) 6 12345678'), e164);
  assert.equal(normalizePhone('tel:+31-6-1234-5678'), e164);
  assert.equal(normalizePhone('TEL:+31612345678'), e164);
});

test('the default country only applies to national numbers', () => {
  assert.equal(normalizePhone('+44 20 7946 0958', 'NL'), '+442079460958');
  assert.equal(normalizePhone('020 7946 0958', 'GB'), '+442079460958');
  assert.equal(normalizePhone('+1 (202) 456-1111'), '+12024561111');
  assert.equal(normalizePhone('8 (495) 123-45-67', 'RU'), '+74951234567');
  // From the US, 011 is the international call prefix.
  assert.equal(normalizePhone('011 31 6 12345678', 'US'), '+31612345678');
});

test('extensions and RFC 3966 parameters are dropped', () => {
  assert.equal(normalizePhone('tel:+31612345678;ext=12'), '+31612345678');
  assert.equal(normalizePhone('+31 6 12345678 ext. 99'), '+31612345678');
  assert.equal(normalizePhone('+31 6 12345678 x99'), '+31612345678');
  assert.equal(normalizePhone('tel:+31612345678;phone-context=example.com'), '+31612345678');
});

test('full-width and Arabic-Indic digits are read as digits', () => {
  assert.equal(normalizePhone('＋３１６１２３４５６７８'), '+31612345678');
  assert.equal(normalizePhone('+٣١٦١٢٣٤٥٦٧٨'), '+31612345678');
});

test('numbers that are not valid, or national numbers without a usable country, give null', () => {
  assert.equal(normalizePhone('06 12345678'), null);
  assert.equal(normalizePhone('06 12345678', 'XX'), null);
  assert.equal(normalizePhone('06 12345678', 'NLD'), null);
  assert.equal(normalizePhone('+31 6 1234'), null);
  assert.equal(normalizePhone('112', 'NL'), null);
  assert.equal(normalizePhone('1-800-FLOWERS', 'US'), null);
  assert.equal(normalizePhone('call me maybe'), null);
});

test('hostile input never throws and gives null', () => {
  const hostile = ['', '   ', '+', '00', 'tel:', '9'.repeat(10_000), '+31612345678'.repeat(1_000), 'Иван', ';ext=1', '+31 6 1234 5678 9999 9999'];
  for (const s of hostile) {
    assert.doesNotThrow(() => normalizePhone(s, 'NL'));
    assert.equal(normalizePhone(s), null, JSON.stringify(s.slice(0, 20)));
  }
});

test('control characters and emoji around a valid number do not hide it', () => {
  assert.equal(normalizePhone('\u0000\u0007+31612345678'), '+31612345678');
  assert.equal(normalizePhone('📞 +31 6 12345678'), '+31612345678');
});
