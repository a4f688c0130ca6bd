// Tests for the romanisation tables: Ukraine's KMU 2010 standard, BGN/PCGN for Russian, German transcription.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldDiacritics, isCyrillic, transliterate } from './translit.ts';

test('KMU 2010 (Ukrainian passports), including word-initial forms and zgh', () => {
  assert.equal(transliterate('Олександр', 'kmu'), 'Oleksandr');
  assert.equal(transliterate('Шевченко', 'kmu'), 'Shevchenko');
  assert.equal(transliterate('Згурський', 'kmu'), 'Zghurskyi');
  assert.equal(transliterate('Юлія', 'kmu'), 'Yuliia');
  assert.equal(transliterate('Євген', 'kmu'), 'Yevhen');
  assert.equal(transliterate('Їжакевич', 'kmu'), 'Yizhakevych');
  assert.equal(transliterate('Гончаренко', 'kmu'), 'Honcharenko');
});

test('German transcription', () => {
  assert.equal(transliterate('Шевченко', 'de'), 'Schewtschenko');
  assert.equal(transliterate('Олександр', 'de'), 'Olexandr');
  assert.equal(transliterate('Юрій', 'de'), 'Jurij');
  assert.equal(transliterate('Гончаренко', 'de', true), 'Gontscharenko');
});

test('BGN/PCGN for Russian names', () => {
  assert.equal(transliterate('Александр', 'bgn'), 'Aleksandr');
  assert.equal(transliterate('Евгений', 'bgn'), 'Yevgeniy');
  assert.equal(transliterate('Гончаренко', 'bgn'), 'Goncharenko');
});

test('diacritics fold, umlauts optionally the German way', () => {
  assert.equal(foldDiacritics('Müller', true), 'Mueller');
  assert.equal(foldDiacritics('Müller'), 'Muller');
  assert.equal(foldDiacritics('Ștefănescu'), 'Stefanescu');
  assert.equal(foldDiacritics('Đorđević'), 'Djordjevic');
  assert.equal(isCyrillic('Олена'), true);
  assert.equal(isCyrillic('Olena'), false);
});
