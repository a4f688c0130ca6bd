// Tests for name normalisation: transliteration, punctuation, particles, order-free keys and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameKey, nameTokens, normalizeName, orderedName } from './name.ts';

test('normalizeName lower-cases, strips accents and collapses whitespace', () => {
  assert.equal(normalizeName('  Jürgen   MÜLLER '), 'jurgen muller');
  assert.equal(normalizeName('José Ñúñez'), 'jose nunez');
  assert.equal(normalizeName('Søren Ørsted'), 'soren orsted');
});

test('normalizeName deletes apostrophes but turns other punctuation and hyphens into spaces', () => {
  assert.equal(normalizeName("O'Brien"), 'obrien');
  assert.equal(normalizeName('O’Brien'), 'obrien');
  assert.equal(normalizeName('D´Angelo'), 'dangelo');
  assert.equal(normalizeName('Jean-Luc Picard'), 'jean luc picard');
  assert.equal(normalizeName('Smith, John (Jr.)'), 'smith john jr');
});

test('normalizeName transliterates other scripts to Latin', () => {
  assert.equal(normalizeName('Шевченко Олександр'), 'shevchenko oleksandr');
  assert.equal(normalizeName('Юрій'), 'yuriy');
  // The soft sign is romanised as an apostrophe, which is then deleted like any other.
  assert.equal(normalizeName('Игорь'), 'igor');
  assert.equal(normalizeName('Ελένη'), 'eleni');
});

test('normalizeName applies NFKC: full-width letters and ligatures', () => {
  assert.equal(normalizeName('ＡＢＣ'), 'abc');
  assert.equal(normalizeName('ﬁnance'), 'finance');
});

test('normalizeName keeps digits and drops emoji instead of spelling them out', () => {
  assert.equal(normalizeName('3M Company'), '3m company');
  assert.equal(normalizeName('Ivan 😀 Petrov'), 'ivan petrov');
  assert.equal(normalizeName('🇷🇺'), '');
});

test('normalizeName removes soft hyphens and zero-width characters inside words', () => {
  assert.equal(normalizeName('Mül\u00ADler'), 'muller');
  assert.equal(normalizeName('Pet\u200Brov'), 'petrov');
});

test('nameTokens joins particles to the following token', () => {
  assert.deepEqual(nameTokens('Al-Hassan'), ['alhassan']);
  assert.deepEqual(nameTokens('al Hassan'), ['alhassan']);
  assert.deepEqual(nameTokens('Alhassan'), ['alhassan']);
  assert.deepEqual(nameTokens('Peter de Vries'), ['peter', 'devries']);
  assert.deepEqual(nameTokens('DeVries'), ['devries']);
  assert.deepEqual(nameTokens('van der Berg'), ['vanderberg']);
  assert.deepEqual(nameTokens('Abd al-Rahman'), ['abdalrahman']);
  assert.deepEqual(nameTokens('Ludwig van Beethoven'), ['ludwig', 'vanbeethoven']);
});

test('nameTokens keeps a particle that has nothing to join', () => {
  assert.deepEqual(nameTokens('Van'), ['van']);
  assert.deepEqual(nameTokens('de la'), ['de', 'la']);
  assert.deepEqual(nameTokens('Berg van'), ['berg', 'van']);
});

test('nameTokens reads FAMILY, Given in natural order before joining particles', () => {
  assert.deepEqual(nameTokens('Berg, Jan van der'), ['jan', 'vanderberg']);
});

test('nameKey is independent of order and of the comma convention', () => {
  assert.equal(nameKey('Shevchenko, Oleksandr'), 'oleksandr shevchenko');
  assert.equal(nameKey('Oleksandr Shevchenko'), 'oleksandr shevchenko');
  assert.equal(nameKey('SHEVCHENKO Oleksandr'), 'oleksandr shevchenko');
  assert.equal(nameKey('Hassan, Ali al'), nameKey('Ali Al-Hassan'));
});

test('orderedName reorders FAMILY, Given and leaves other names alone', () => {
  assert.equal(orderedName('SHEVCHENKO, Oleksandr'), 'oleksandr shevchenko');
  assert.equal(orderedName('Oleksandr Shevchenko'), 'oleksandr shevchenko');
  // Two commas, or nothing on one side, is not the FAMILY, Given convention.
  assert.equal(orderedName('Smith, John, Jr.'), 'smith john jr');
  assert.equal(orderedName(', John'), 'john');
  assert.equal(orderedName('حسن، علي'), orderedName('علي حسن'));
});

test('hostile input never throws and gives a string', () => {
  const hostile = ['', ' ', '\u0000\u0001\u0007', 'x'.repeat(10_000), '😀😀😀', 'Иван Smith 李', '\uD800', '\u202Egnp.exe', ',', ',,,'];
  for (const s of hostile) {
    for (const fn of [normalizeName, orderedName, nameKey]) assert.equal(typeof fn(s), 'string');
    assert.ok(Array.isArray(nameTokens(s)));
  }
  assert.equal(normalizeName(''), '');
  assert.equal(normalizeName('\u0000\u0001'), '');
  assert.deepEqual(nameTokens('   '), []);
  assert.equal(normalizeName('x'.repeat(10_000)).length, 10_000);
});
