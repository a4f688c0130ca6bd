// Tests for country normalisation: alpha-2, alpha-3, names in several languages and scripts, aliases and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALPHA3_TO_ALPHA2, normalizeCountry } from './country.ts';

test('alpha-2 codes in any case give the lower-case code', () => {
  assert.equal(normalizeCountry('DE'), 'de');
  assert.equal(normalizeCountry(' nl '), 'nl');
  assert.equal(normalizeCountry('UK'), 'gb');
});

test('alpha-3 codes give the alpha-2 code', () => {
  assert.equal(normalizeCountry('DEU'), 'de');
  assert.equal(normalizeCountry('nld'), 'nl');
  assert.equal(normalizeCountry('GBR'), 'gb');
  assert.equal(normalizeCountry('PRK'), 'kp');
  assert.equal(normalizeCountry('UKR'), 'ua');
  assert.equal(normalizeCountry('XKX'), 'xk');
});

test('the alpha-3 table covers all 249 ISO 3166-1 countries plus Kosovo, one alpha-2 each', () => {
  assert.equal(ALPHA3_TO_ALPHA2.size, 250);
  assert.equal(new Set(ALPHA3_TO_ALPHA2.values()).size, 250);
});

test('FtM territory codes pass through', () => {
  assert.equal(normalizeCountry('gb-sct'), 'gb-sct');
  assert.equal(normalizeCountry('ua-cri'), 'ua-cri');
  assert.equal(normalizeCountry('XK'), 'xk');
});

test('English names, with or without punctuation, articles and abbreviations', () => {
  assert.equal(normalizeCountry('Germany'), 'de');
  assert.equal(normalizeCountry('The Netherlands'), 'nl');
  assert.equal(normalizeCountry('Bosnia and Herzegovina'), 'ba');
  assert.equal(normalizeCountry('Saint Lucia'), 'lc');
  assert.equal(normalizeCountry('St. Lucia'), 'lc');
  assert.equal(normalizeCountry('U.S.A.'), 'us');
  assert.equal(normalizeCountry('U.K.'), 'gb');
  assert.equal(normalizeCountry("Côte d'Ivoire"), 'ci');
  assert.equal(normalizeCountry('Ivory Coast'), 'ci');
});

test('ISO official short names and former names', () => {
  assert.equal(normalizeCountry('Korea, Republic of'), 'kr');
  assert.equal(normalizeCountry("Korea, Democratic People's Republic of"), 'kp');
  assert.equal(normalizeCountry('Iran, Islamic Republic of'), 'ir');
  assert.equal(normalizeCountry('Russian Federation'), 'ru');
  assert.equal(normalizeCountry('Viet Nam'), 'vn');
  assert.equal(normalizeCountry('Burma'), 'mm');
  assert.equal(normalizeCountry('Swaziland'), 'sz');
  assert.equal(normalizeCountry('Turkey'), 'tr');
  assert.equal(normalizeCountry('Türkiye'), 'tr');
});

test('names in other languages and scripts', () => {
  assert.equal(normalizeCountry('Deutschland'), 'de');
  assert.equal(normalizeCountry('Pays-Bas'), 'nl');
  assert.equal(normalizeCountry('Nederland'), 'nl');
  assert.equal(normalizeCountry('España'), 'es');
  assert.equal(normalizeCountry('Schweiz'), 'ch');
  assert.equal(normalizeCountry('Svizzera'), 'ch');
  assert.equal(normalizeCountry('Россия'), 'ru');
  assert.equal(normalizeCountry('Україна'), 'ua');
  assert.equal(normalizeCountry('Беларусь'), 'by');
  assert.equal(normalizeCountry('Niemcy'), 'de');
});

test('similar names stay apart', () => {
  assert.equal(normalizeCountry('Niger'), 'ne');
  assert.equal(normalizeCountry('Nigeria'), 'ng');
  assert.equal(normalizeCountry('Guinea'), 'gn');
  assert.equal(normalizeCountry('Guinea-Bissau'), 'gw');
  assert.equal(normalizeCountry('Dominica'), 'dm');
  assert.equal(normalizeCountry('Dominican Republic'), 'do');
});

test('unknown values and hostile input give null without throwing', () => {
  const hostile = ['', ' ', 'X', 'XXX', 'Nowhere', '\u0000\u0001', 'Germany'.repeat(2_000), '😀', '🇩🇪', 'de de', 'D', '...'];
  for (const s of hostile) assert.equal(normalizeCountry(s), null, JSON.stringify(s.slice(0, 20)));
});
