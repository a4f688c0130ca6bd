// Bloom-filter encodings: bigrams, hand-checked Dice values on small filters, keyed positions, folding.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bigrams, dice, encodeName, positions, weight, xorFold, type BloomParams } from './bloom.ts';

const key = Buffer.alloc(32, 7);

describe('Bloom-filter name encodings', () => {
  test('padded bigrams per token, as a set, order-free', () => {
    assert.deepEqual(bigrams('Ann Li'), ['_a', 'an', 'nn', 'n_', '_l', 'li', 'i_']);
    assert.deepEqual(new Set(bigrams('Li, Ann')), new Set(bigrams('Ann Li')));
    assert.deepEqual(bigrams('Åsa'), ['_a', 'as', 'sa', 'a_']); // transliterated as the resolution normaliser does
  });

  test('Dice on small filters, by hand', () => {
    // 1011 vs 0011: |A∧B| = 2, |A| = 3, |B| = 2 → 4/5
    assert.equal(dice(new Uint32Array([0b1011]), 0, 3, new Uint32Array([0b0011]), 0, 2, 1), 0.8);
    // disjoint → 0; identical → 1; both empty → 0
    assert.equal(dice(new Uint32Array([0b1100]), 0, 2, new Uint32Array([0b0011]), 0, 2, 1), 0);
    assert.equal(dice(new Uint32Array([0xffffffff, 1]), 0, 33, new Uint32Array([0xffffffff, 1]), 0, 33, 2), 1);
    assert.equal(dice(new Uint32Array([0]), 0, 0, new Uint32Array([0]), 0, 0, 1), 0);
  });

  test('without collisions, filter Dice is bigram Dice: Ann Li vs Anne Li = 2·6/(7+8) = 0.8', () => {
    const p: BloomParams = { bits: 1024, k: 2, fold: false, flip: 0 };
    const grams = ['_a', 'an', 'nn', 'n_', '_l', 'li', 'i_', 'ne', 'e_'];
    const book = new Map(grams.map((g, i): [string, number[]] => [g, [2 * i, 2 * i + 1]]));
    const a = encodeName('Ann Li', key, p, book);
    const b = encodeName('Anne Li', key, p, book);
    assert.equal(weight(a), 14);
    assert.equal(weight(b), 16);
    assert.equal(dice(a, 0, 14, b, 0, 16, a.length), 0.8);
  });

  test('positions: k of them in range, fixed for a key, different under another key', () => {
    const p: BloomParams = { bits: 1024, k: 30, fold: true, flip: 0 };
    const one = positions(key, 'an', p);
    assert.equal(one.length, 30);
    assert.ok(one.every((i) => Number.isInteger(i) && i >= 0 && i < 1024));
    assert.deepEqual(positions(key, 'an', p), one);
    assert.notDeepEqual(positions(Buffer.alloc(32, 8), 'an', p), one);
  });

  test('XOR-folding halves the filter: word i is word i ^ word i + n/2', () => {
    assert.deepEqual([...xorFold(new Uint32Array([0b1100, 0b1010, 0b0110, 0b1010]))], [0b1010, 0]);
    assert.equal(encodeName('Jan Jansen', key).length, 16); // 1024 bits folded to 512
  });

  test('bit flips change a filter (RAPPOR-like), and never the length', () => {
    const p: BloomParams = { bits: 1024, k: 20, fold: false, flip: 0.25 };
    const a = encodeName('Jan Jansen', key, p);
    const b = encodeName('Jan Jansen', key, p);
    assert.equal(a.length, 32);
    assert.notDeepEqual([...a], [...b]);
  });
});
