// Tests of the network filters: date windows with partial dates, gradings, handling codes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter, gradingAtLeast, overlaps } from './filter.ts';

const s = (grading: string, handling = 'H0', dataset = 'a') => ({ dataset, grading: grading as 'A1', handling: handling as 'H0' });

describe('network filters', () => {
  test('a date prefix covers its whole period on either side of the window', () => {
    assert.equal(overlaps('2021', '2021', '2021-12-31', undefined, true), true, 'the year 2021 includes its last day');
    assert.equal(overlaps('2021-05-01', undefined, undefined, '2021', true), true, 'May 2021 is within "up to 2021"');
    assert.equal(overlaps('2022-01-01', undefined, undefined, '2021', true), false);
    assert.equal(overlaps(undefined, '2020-06', '2020-07-01', undefined, true), false, 'ended in June');
    assert.equal(overlaps(undefined, undefined, '2020', '2021', false), false, 'undated, dated only');
  });

  test('grading: both letters must be at least as good; X and 4 are the weakest', () => {
    assert.equal(gradingAtLeast('A1', 'B2'), true);
    assert.equal(gradingAtLeast('B3', 'B2'), false);
    assert.equal(gradingAtLeast('X1', 'C4'), false);
    assert.equal(gradingAtLeast('C4', 'C4'), true);
  });

  test('one handling code keeps it and the ones before it; a list keeps exactly those', () => {
    const upToH1 = compileFilter({ handling: 'H1' });
    assert.deepEqual(
      ['H0', 'H1', 'H2', 'H3'].map((h) => upToH1.statement(s('B2', h))),
      [true, true, false, false],
    );
    const noH1 = compileFilter({ handling: ['H0', 'H2'] });
    assert.deepEqual(
      ['H0', 'H1', 'H2', 'H3'].map((h) => noH1.statement(s('B2', h))),
      [true, false, true, false],
    );
    assert.throws(() => compileFilter({ handling: 'H9' as 'H0' }), { code: 'CORVID_ERR_MODEL_INVALID_HANDLING' });
  });

  test('datasets filter statements and edges; no filter refuses nothing', () => {
    const f = compileFilter({ datasets: ['a'] });
    assert.equal(f.statement(s('B2', 'H0', 'b')), false);
    assert.equal(f.edge({ kind: 'reference', schema: 'holder', datasets: ['b', 'a'] }), true);
    assert.equal(compileFilter().allStatements, true);
    assert.throws(() => compileFilter({ kinds: ['friendship' as 'reference'] }), { code: 'CORVID_ERR_VALIDATION' });
  });
});
