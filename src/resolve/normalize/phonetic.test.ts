// Tests for phonetic keys: Double Metaphone codes of names, shared sounds, caching and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phoneticKeys } from './phonetic.ts';

test('Double Metaphone codes as published for the algorithm', () => {
  // Philips' examples: Smith and Schmidt share XMT, one as primary and one as alternate.
  assert.deepEqual(phoneticKeys('smith'), ['SM0', 'XMT']);
  assert.deepEqual(phoneticKeys('schmidt'), ['XMT', 'SMT']);
});

test('names that sound alike share a code', () => {
  const shares = (a: string, b: string) => {
    const [pa, aa] = phoneticKeys(a);
    const [pb, ab] = phoneticKeys(b);
    return pa === pb || pa === ab || aa === pb || aa === ab;
  };
  assert.ok(shares('mohammed', 'muhammad'));
  assert.ok(shares('catherine', 'kathryn'));
  assert.ok(shares('stephen', 'steven'));
  assert.ok(!shares('smith', 'jones'));
});

test('raw names are normalised before encoding, and repeated calls give the same tuple', () => {
  assert.deepEqual(phoneticKeys('Schmidt'), phoneticKeys('schmidt'));
  assert.deepEqual(phoneticKeys('Шмидт'), phoneticKeys('shmidt'));
  assert.equal(phoneticKeys('smith'), phoneticKeys('smith'));
});

test('hostile input never throws and gives two strings', () => {
  for (const s of ['', ' ', '\u0000', 'x'.repeat(10_000), '😀', 'Иван Smith 李', '12345']) {
    const keys = phoneticKeys(s);
    assert.equal(keys.length, 2);
    assert.equal(typeof keys[0], 'string');
    assert.equal(typeof keys[1], 'string');
  }
  assert.deepEqual(phoneticKeys(''), ['', '']);
  assert.deepEqual(phoneticKeys('😀'), ['', '']);
});
