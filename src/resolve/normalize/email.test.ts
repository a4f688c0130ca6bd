// Tests for e-mail normalisation: display names, mailto URIs, provider aliases, IDN domains and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeEmail } from './email.ts';

test('addresses are trimmed and lower-cased, local part included', () => {
  assert.equal(normalizeEmail('  Jan.Jansen@Example.NL '), 'jan.jansen@example.nl');
  assert.equal(normalizeEmail('info@example.nl.'), 'info@example.nl');
});

test('mailto: URIs and display names are unwrapped', () => {
  assert.equal(normalizeEmail('mailto:jan@x.nl'), 'jan@x.nl');
  assert.equal(normalizeEmail('MAILTO:jan@x.nl?subject=Hallo&body=x'), 'jan@x.nl');
  assert.equal(normalizeEmail('"Jan" <jan@x.nl>'), 'jan@x.nl');
  assert.equal(normalizeEmail('Jan Jansen <Jan@X.nl>'), 'jan@x.nl');
  assert.equal(normalizeEmail('"Jansen, Jan" <mailto:jan@x.nl>'), 'jan@x.nl');
});

test('Gmail ignores dots and plus tags, and googlemail.com is gmail.com', () => {
  assert.equal(normalizeEmail('Jan.Jansen+shop@gmail.com'), 'janjansen@gmail.com');
  assert.equal(normalizeEmail('j.a.n.jansen@googlemail.com'), 'janjansen@gmail.com');
  assert.equal(normalizeEmail('janjansen@gmail.com'), 'janjansen@gmail.com');
});

test('other providers drop plus tags but keep dots', () => {
  assert.equal(normalizeEmail('jan.jansen+news@outlook.com'), 'jan.jansen@outlook.com');
  assert.equal(normalizeEmail('jan.jansen+a+b@hotmail.com'), 'jan.jansen@hotmail.com');
  assert.equal(normalizeEmail('jan+x@live.com'), 'jan@live.com');
  assert.equal(normalizeEmail('jan+x@icloud.com'), 'jan@icloud.com');
  assert.equal(normalizeEmail('jan+x@me.com'), 'jan@me.com');
  assert.equal(normalizeEmail('jan.j+x@protonmail.com'), 'jan.j@protonmail.com');
  assert.equal(normalizeEmail('jan+x@proton.me'), 'jan@proton.me');
  assert.equal(normalizeEmail('jan+x@fastmail.com'), 'jan@fastmail.com');
  assert.equal(normalizeEmail('ivan+x@yandex.ru'), 'ivan@yandex.ru');
});

test('unknown domains keep plus tags and dots: they may be different mailboxes', () => {
  assert.equal(normalizeEmail('jan.jansen+news@example.nl'), 'jan.jansen+news@example.nl');
  assert.equal(normalizeEmail('jan-news@yahoo.com'), 'jan-news@yahoo.com');
});

test('international domains meet their punycode form', () => {
  assert.equal(normalizeEmail('info@bücher.de'), 'info@xn--bcher-kva.de');
  assert.equal(normalizeEmail('info@xn--bcher-kva.de'), 'info@xn--bcher-kva.de');
  assert.equal(normalizeEmail('info@пример.рф'), 'info@xn--e1afmkfd.xn--p1ai');
  assert.equal(normalizeEmail('info@xn--e1afmkfd.xn--p1ai'), 'info@xn--e1afmkfd.xn--p1ai');
});

test('strings that are not addresses give null', () => {
  for (const s of ['jan', 'jan@', '@x.nl', 'jan@x', 'jan@x.123', 'jan@@x.nl', 'jan x@x.nl', 'Jan <jan@x.nl', '+tag@gmail.com', '...@gmail.com']) {
    assert.equal(normalizeEmail(s), null, s);
  }
});

test('hostile input never throws and gives null', () => {
  const hostile = [
    '',
    ' ',
    'mailto:',
    '<>',
    '\u0000jan@x.nl',
    'jan@x.nl\u0007',
    `${'a'.repeat(10_000)}@x.nl`,
    '😀@😀.😀',
    '<<<<>>>>',
    'jan@x.nl'.repeat(1_000),
  ];
  for (const s of hostile) assert.equal(normalizeEmail(s), null, JSON.stringify(s.slice(0, 20)));
});
