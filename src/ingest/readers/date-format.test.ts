/** Tests of strptime-style date formats in mappings. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDateFormat, parseDateFormat } from './date-format.ts';

const parse = (format: string, text: string): string | undefined => parseDateFormat(compileDateFormat(format), text);

describe('date formats', () => {
  test('writes ISO prefixes as precise as the format', () => {
    assert.equal(parse('%d.%m.%Y', '16.02.2021'), '2021-02-16');
    assert.equal(parse('%d/%m/%y', '1/2/99'), '1999-02-01');
    assert.equal(parse('%m/%Y', '02/2021'), '2021-02');
    assert.equal(parse('%Y', '2021'), '2021');
    assert.equal(parse('%d %b %Y %H:%M', '16 Feb 2021 21:48'), '2021-02-16T21:48');
    assert.equal(parse('%B %d, %Y %I:%M:%S %p', 'February 16, 2021 09:48:52 PM'), '2021-02-16T21:48:52');
    assert.equal(parse('%Y-%j', '2021-047'), '2021-02-16');
  });

  test('returns undefined for text that does not fit or is no real date', () => {
    assert.equal(parse('%d.%m.%Y', '2021-02-16'), undefined);
    assert.equal(parse('%d.%m.%Y', '31.02.2021'), undefined);
    assert.equal(parse('%d.%m.%Y', '01.13.2021'), undefined);
  });

  test('refuses directives it does not know', () => {
    assert.throws(() => compileDateFormat('%Y-%W'));
  });
});
