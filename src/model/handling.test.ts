import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGrading, parseHandlingCode, parseTlp, tlpLevel } from './handling.ts';

describe('handling vocabularies', () => {
  test('TLP labels parse in their common spellings and keep their order', () => {
    assert.equal(parseTlp('tlp:amber+strict'), 'AMBER+STRICT');
    assert.equal(parseTlp('TLP:WHITE'), 'CLEAR');
    assert.equal(parseTlp(' red '), 'RED');
    assert.ok(tlpLevel('CLEAR') < tlpLevel('GREEN') && tlpLevel('AMBER') < tlpLevel('AMBER+STRICT') && tlpLevel('AMBER+STRICT') < tlpLevel('RED'));
    assert.throws(() => parseTlp('purple'), { code: 'CORVID_ERR_MODEL_INVALID_HANDLING' });
  });

  test('Europol handling codes H0–H3 only', () => {
    assert.equal(parseHandlingCode('h2'), 'H2');
    assert.throws(() => parseHandlingCode('H4'), { code: 'CORVID_ERR_MODEL_INVALID_HANDLING' });
  });

  test('Europol 4x4 gradings pass through; Admiralty 6x6 maps onto them', () => {
    assert.equal(parseGrading('B2'), 'B2');
    assert.equal(parseGrading('x4'), 'X4');
    // Admiralty-only letters and digits are recognised without a prefix.
    assert.equal(parseGrading('D5'), 'C4');
    assert.equal(parseGrading('F6'), 'X4');
    assert.equal(parseGrading('E3'), 'C3');
    // With the prefix, a code valid in both scales is read as Admiralty.
    assert.equal(parseGrading('adm:A1'), 'A1');
    assert.equal(parseGrading('adm:C4'), 'C4');
    assert.throws(() => parseGrading('Z9'), { code: 'CORVID_ERR_MODEL_INVALID_GRADING' });
  });
});
