/** Tests of the string metrics against the published examples of Winkler (1990) and hand counts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atLeast, damerauLevenshtein, jaro, jaroWinkler, jaroWinklerBound, softOverlap } from './strings.ts';
import { mulberry32 } from '../../model/random.ts';

const near = (a: number, b: number, eps = 0.001): void => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

test('Jaro and Jaro–Winkler reproduce the textbook examples', () => {
  // Winkler's examples: MARTHA/MARHTA (6 matches, 1 transposition), DWAYNE/DUANE, DIXON/DICKSONX.
  near(jaro('martha', 'marhta'), 0.944);
  near(jaroWinkler('martha', 'marhta'), 0.961);
  near(jaro('dwayne', 'duane'), 0.822);
  near(jaroWinkler('dwayne', 'duane'), 0.84);
  near(jaro('dixon', 'dicksonx'), 0.767);
  near(jaroWinkler('dixon', 'dicksonx'), 0.813);
});

test('Jaro–Winkler edge cases: equal, empty, disjoint, long strings', () => {
  assert.equal(jaroWinkler('anna', 'anna'), 1);
  assert.equal(jaroWinkler('', 'anna'), 0);
  assert.equal(jaroWinkler('', ''), 0);
  assert.equal(jaroWinkler('abc', 'xyz'), 0);
  const long = 'a'.repeat(500) + 'b';
  near(jaroWinkler(long, 'a'.repeat(500) + 'c'), jaroWinkler(long, 'a'.repeat(500) + 'c'));
  assert.ok(jaroWinkler(long, 'a'.repeat(501)) > 0.99);
});

test('Damerau–Levenshtein counts one edit per typo, transpositions included, and stops early', () => {
  assert.equal(damerauLevenshtein('19710624', '19710624'), 0);
  assert.equal(damerauLevenshtein('19710624', '19716024'), 1); // adjacent transposition 06 → 60
  assert.equal(damerauLevenshtein('kitten', 'sitting', 5), 3);
  assert.equal(damerauLevenshtein('abc', 'abcd'), 1);
  assert.equal(damerauLevenshtein('abcdef', 'uvwxyz', 2), 3); // capped at max + 1
  assert.equal(damerauLevenshtein('', 'ab'), 2);
});

test('soft overlap pairs words in any order and tolerates a typo', () => {
  assert.equal(softOverlap(['tullaroop', 'street', 'willaroo'], ['willaroo', 'tullaroop', 'street']), 1);
  assert.equal(softOverlap(['tullaroop', 'street'], ['tulaloop', 'street', 'bittern']), 1);
  assert.equal(softOverlap(['a1', 'b2'], ['c3', 'd4']), 0);
  assert.equal(softOverlap([], ['x']), 0);
});

test('the Jaro–Winkler bound is never below Jaro–Winkler, and atLeast agrees with the full comparison', () => {
  const rand = mulberry32(7);
  const word = (): string => Array.from({ length: 1 + Math.floor(rand() * 9) }, () => 'aeimnorstuy0é'[Math.floor(rand() * 13)]).join('');
  for (let i = 0; i < 20_000; i++) {
    const a = word();
    const b = rand() < 0.3 ? a.slice(0, -1) + word().slice(0, 1) : word();
    assert.ok(jaroWinklerBound(a, b) >= jaroWinkler(a, b), `${a} / ${b}`);
    for (const t of [0.8, 0.9, 0.92]) assert.equal(atLeast(a, b, t), jaroWinkler(a, b) >= t, `${a} / ${b} at ${t}`);
  }
  // Nothing in common: the bound itself says no.
  assert.equal(jaroWinklerBound('thomas', 'bucur'), 0);
  assert.ok(jaroWinklerBound('thomas', 'muller') < 0.8);
});
