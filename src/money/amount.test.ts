import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currencyScale, formatUnits, mulDiv, mulDivNumber, parseUnits } from './amount.ts';

describe('exact amounts', () => {
  it('keeps ISO minor units plus two for fiat and native units for crypto', () => {
    assert.equal(currencyScale('EUR'), 4);
    assert.equal(currencyScale('jpy'), 2);
    assert.equal(currencyScale('BHD'), 5);
    assert.equal(currencyScale('BTC'), 8);
    assert.equal(currencyScale('ETH'), 18);
  });
  it('parses decimals exactly, including exponents and wei beyond 64 bits', () => {
    assert.deepEqual(parseUnits('0.1', 8), { units: 10_000_000n, rounded: false });
    assert.deepEqual(parseUnits('-12.5', 2), { units: -1250n, rounded: false });
    assert.deepEqual(parseUnits('1e-8', 8), { units: 1n, rounded: false });
    assert.deepEqual(parseUnits('12345.678901234567890123', 18), { units: 12345678901234567890123n, rounded: false });
    assert.equal(parseUnits('abc', 2), null);
    assert.equal(parseUnits('.', 2), null);
    assert.equal(parseUnits('1,5', 2), null);
  });
  it('rounds half to even when a value has more decimals than the scale', () => {
    assert.deepEqual(parseUnits('0.125', 2), { units: 12n, rounded: true });
    assert.deepEqual(parseUnits('0.135', 2), { units: 14n, rounded: true });
    assert.deepEqual(parseUnits('0.1251', 2), { units: 13n, rounded: true });
  });
  it('formats without trailing zeros', () => {
    assert.equal(formatUnits(150_000_000n, 8), '1.5');
    assert.equal(formatUnits(5n, 8), '0.00000005');
    assert.equal(formatUnits(-1250n, 2), '-12.5');
    assert.equal(formatUnits(100n, 2), '1');
  });
  it('shares proportionally with half-even rounding', () => {
    assert.equal(mulDiv(100n, 1n, 3n), 33n);
    assert.equal(mulDiv(100n, 2n, 3n), 67n);
    assert.equal(mulDiv(5n, 1n, 2n), 2n);
    assert.equal(mulDiv(7n, 1n, 2n), 4n);
  });
  it('mulDivNumber gives mulDiv\'s result, in doubles below 2^53 and through bigint at and past it', () => {
    const cases: [number, number, number][] = [
      [60, 50, 90], [1, 1, 2], [3, 1, 2], [5, 1, 2], [7, 3, 6], [0, 5, 9], [9, 0, 4], [10, 10, 0],
      [2 ** 26, 2 ** 26 + 1, 3], // a × num just below 2^53
      [2 ** 26 + 1, 2 ** 27, 7], // a × num just past 2^53: rounded in doubles, exact through bigint
      [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 2, Number.MAX_SAFE_INTEGER], // far past: 2^53 − 3
      [4_503_599_627_370_497, 3, 9_007_199_254_740_991],
    ];
    for (const [a, num, den] of cases) {
      assert.equal(BigInt(mulDivNumber(a, num, den)), mulDiv(BigInt(a), BigInt(num), BigInt(den)), `${a} × ${num} / ${den}`);
    }
    for (let i = 1; i < 2000; i++) {
      const [a, num, den] = [(i * 7919) % 1_000_003, (i * 104_729) % 999_983, 1 + ((i * 15_485_863) % 1_000_033)];
      assert.equal(BigInt(mulDivNumber(a, num, den)), mulDiv(BigInt(a), BigInt(num), BigInt(den)));
    }
  });
});

