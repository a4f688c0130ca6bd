// Tests for legal-form stripping: forms at either end, dotted and spaced spellings, Cyrillic, guards and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripLegalForm } from './legal-form.ts';

const split = (name: string, form: string | null) => ({ name, form });

test('German forms, abbreviated or spelled out, including the GmbH & Co. KG family', () => {
  assert.deepEqual(stripLegalForm('Siemens AG'), split('siemens', 'ag'));
  assert.deepEqual(stripLegalForm('Siemens Aktiengesellschaft'), split('siemens', 'ag'));
  assert.deepEqual(stripLegalForm('Robert Bosch GmbH'), split('robert bosch', 'gmbh'));
  assert.deepEqual(stripLegalForm('Müller GmbH & Co. KG'), split('muller', 'gmbhcokg'));
  assert.deepEqual(stripLegalForm('Müller GmbH & Co KG'), split('muller', 'gmbhcokg'));
  assert.deepEqual(stripLegalForm('Start UG (haftungsbeschränkt)'), split('start', 'ug'));
  assert.deepEqual(stripLegalForm('Blumen Meier e.K.'), split('blumen meier', 'ek'));
});

test('English-language forms, with dots, commas and brackets', () => {
  assert.deepEqual(stripLegalForm('Apple Inc.'), split('apple', 'inc'));
  assert.deepEqual(stripLegalForm('ACME, Incorporated'), split('acme', 'inc'));
  assert.deepEqual(stripLegalForm('Shell plc'), split('shell', 'plc'));
  assert.deepEqual(stripLegalForm('Acme Holdings Pty Ltd'), split('acme holdings', 'ptyltd'));
  assert.deepEqual(stripLegalForm('Acme (Pty) Ltd'), split('acme', 'ptyltd'));
  assert.deepEqual(stripLegalForm('Foo Co., Ltd.'), split('foo', 'ltd'));
  assert.deepEqual(stripLegalForm('Foo Limited'), split('foo', 'ltd'));
  assert.deepEqual(stripLegalForm('Smith & Co.'), split('smith', 'co'));
  assert.deepEqual(stripLegalForm('Smith and Company'), split('smith', 'co'));
  assert.deepEqual(stripLegalForm('Foo Sdn. Bhd.'), split('foo', 'sdnbhd'));
  assert.deepEqual(stripLegalForm('Foo Pte. Ltd.'), split('foo', 'pteltd'));
});

test('Dutch, Romance and Central European forms with or without dots and spaces', () => {
  assert.deepEqual(stripLegalForm('Philips N.V.'), split('philips', 'nv'));
  assert.deepEqual(stripLegalForm('Ahold B.V.'), split('ahold', 'bv'));
  assert.deepEqual(stripLegalForm('Ahold BV'), split('ahold', 'bv'));
  assert.deepEqual(stripLegalForm('Ahold b. v.'), split('ahold', 'bv'));
  assert.deepEqual(stripLegalForm('Foo S.à r.l.'), split('foo', 'sarl'));
  assert.deepEqual(stripLegalForm('Foo SARL'), split('foo', 'sarl'));
  assert.deepEqual(stripLegalForm('Fiat S.p.A.'), split('fiat', 'spa'));
  assert.deepEqual(stripLegalForm('Foo SpA'), split('foo', 'spa'));
  assert.deepEqual(stripLegalForm('Foo S.r.l.'), split('foo', 'srl'));
  assert.deepEqual(stripLegalForm('Foo S.L.'), split('foo', 'sl'));
  assert.deepEqual(stripLegalForm('Foo S.A. de C.V.'), split('foo', 'sadecv'));
  assert.deepEqual(stripLegalForm('Foo Sp. z o.o.'), split('foo', 'spzoo'));
  assert.deepEqual(stripLegalForm('Foo s.r.o.'), split('foo', 'sro'));
  assert.deepEqual(stripLegalForm('Foo d.o.o.'), split('foo', 'doo'));
  assert.deepEqual(stripLegalForm('Foo Kft.'), split('foo', 'kft'));
  assert.deepEqual(stripLegalForm('Foo Ltd. Şti.'), split('foo', 'ltdsti'));
  assert.deepEqual(stripLegalForm('Foo A.Ş.'), split('foo', 'as'));
});

test('Nordic, Baltic, Gulf and Indonesian forms, before or after the name', () => {
  assert.deepEqual(stripLegalForm('AB Volvo'), split('volvo', 'ab'));
  assert.deepEqual(stripLegalForm('Volvo AB (publ)'), split('volvo', 'ab'));
  assert.deepEqual(stripLegalForm('Equinor ASA'), split('equinor', 'asa'));
  assert.deepEqual(stripLegalForm('Maersk A/S'), split('maersk', 'as'));
  assert.deepEqual(stripLegalForm('UAB Maxima'), split('maxima', 'uab'));
  assert.deepEqual(stripLegalForm('SIA Rimi Latvia'), split('rimi latvia', 'sia'));
  assert.deepEqual(stripLegalForm('Bolt Technology OÜ'), split('bolt technology', 'ou'));
  assert.deepEqual(stripLegalForm('Foo FZ-LLC'), split('foo', 'fzllc'));
  assert.deepEqual(stripLegalForm('Foo DMCC'), split('foo', 'dmcc'));
  // Both ends carry a form: the end's is reported, both are removed.
  assert.deepEqual(stripLegalForm('Oy Karl Fazer Ab'), split('karl fazer', 'ab'));
  assert.deepEqual(stripLegalForm('PT Bank Central Asia Tbk'), split('bank central asia', 'tbk'));
});

test('Cyrillic forms work before and after transliteration', () => {
  assert.deepEqual(stripLegalForm('ООО "Ромашка"'), split('romashka', 'ooo'));
  assert.deepEqual(stripLegalForm('ООО «Ромашка»'), split('romashka', 'ooo'));
  assert.deepEqual(stripLegalForm('OOO Romashka'), split('romashka', 'ooo'));
  assert.deepEqual(stripLegalForm('Romashka OOO'), split('romashka', 'ooo'));
  assert.deepEqual(stripLegalForm('Общество с ограниченной ответственностью «Ромашка»'), split('romashka', 'ooo'));
  assert.deepEqual(stripLegalForm('ЗАО Ромашка'), split('romashka', 'zao'));
  assert.deepEqual(stripLegalForm('ПАО Сбербанк'), split('sberbank', 'pao'));
  assert.deepEqual(stripLegalForm('ТОВ "Агро"'), split('agro', 'tov'));
  assert.deepEqual(stripLegalForm('TOV Agro'), split('agro', 'tov'));
  assert.deepEqual(stripLegalForm('LLC Romashka'), split('romashka', 'llc'));
});

test('initials at the start are not taken for a form, and a name is never emptied', () => {
  assert.deepEqual(stripLegalForm('A.O. Smith Corporation'), split('a o smith', 'corp'));
  assert.deepEqual(stripLegalForm('A.S. Watson Group'), split('a s watson group', null));
  assert.deepEqual(stripLegalForm('GmbH'), split('gmbh', null));
  assert.deepEqual(stripLegalForm('Co'), split('co', null));
  assert.deepEqual(stripLegalForm('Acme'), split('acme', null));
});

test('hostile input never throws', () => {
  assert.deepEqual(stripLegalForm(''), split('', null));
  assert.deepEqual(stripLegalForm('😀'), split('', null));
  assert.deepEqual(stripLegalForm('\u0000\u0001 GmbH'), split('gmbh', null));
  assert.deepEqual(stripLegalForm('😀 Acme 😀 GmbH 😀'), split('acme', 'gmbh'));
  const long = stripLegalForm(`${'word '.repeat(2_000)}GmbH`);
  assert.equal(long.form, 'gmbh');
  assert.equal(long.name.length, 'word '.repeat(2_000).trim().length);
  assert.equal(stripLegalForm('Иван 李 Smith Ltd').form, 'ltd');
});
