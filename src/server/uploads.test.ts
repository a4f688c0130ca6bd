/** Tests of upload file-name sanitising and field parsing. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { importOptions, sanitiseFilename, type ReceivedUpload } from './uploads.ts';

describe('sanitiseFilename', () => {
  test('keeps only the last segment and safe characters, with the extension', () => {
    assert.equal(sanitiseFilename('../../etc/pass wd.csv'), 'pass_wd.csv');
    assert.equal(sanitiseFilename('C:\\Users\\x\\Report (final).ftm.json'), 'Report_final_.ftm.json');
    assert.equal(sanitiseFilename('.htaccess'), 'htaccess');
    assert.equal(sanitiseFilename('..'), 'upload');
    assert.equal(sanitiseFilename(''), 'upload');
    assert.equal(sanitiseFilename(undefined), 'upload');
    assert.equal(sanitiseFilename('rapporto_città.csv'), 'rapporto_citta_.csv');
  });

  test('shortens long names to 120 characters, keeping the extension', () => {
    const s = sanitiseFilename(`${'a'.repeat(300)}.csv`);
    assert.equal(s.length, 120);
    assert.ok(s.endsWith('.csv'));
  });
});

describe('importOptions', () => {
  const up = (fields: Record<string, string>): ReceivedUpload => ({ dir: '/tmp/u', file: '/tmp/u/a.csv', bytes: 1, mapping: undefined, fields });

  test('parses the fields with the model’s parsers', () => {
    const o = importOptions(up({ dataset: 'police-a', format: 'CSV', grading: 'adm:B3', tlp: 'tlp:amber+strict', handling: 'h3', handlingNote: 'ask first', compartment: 'Op-X', defaultCountry: 'it', force: 'true' }));
    assert.deepEqual(o, {
      file: '/tmp/u/a.csv',
      dataset: 'police-a',
      format: 'csv',
      grading: 'B3',
      tlp: 'AMBER+STRICT',
      handling: 'H3',
      handlingNote: 'ask first',
      compartment: 'op-x',
      defaultCountry: 'IT',
      force: true,
    });
  });

  test('refuses unknown formats and bad countries', () => {
    assert.throws(() => importOptions(up({ dataset: 'd', format: 'xlsx' })), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => importOptions(up({ dataset: 'd', defaultCountry: 'ITA' })), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => importOptions(up({})), { code: 'CORVID_ERR_VALIDATION' });
  });
});
