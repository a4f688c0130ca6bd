/** Tests of locating and loading the STIX 2.1 schemas, and of the guards on their patterns. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCorvidError } from '../../errors.ts';
import { loadStixValidator, SAFE_REWRITES, sharedDir, stixValidator } from './stix-schemas.ts';

describe('STIX schemas', () => {
  test('the shared folder is $CORVID_SHARED when set, else shared/ beside the repository', () => {
    const saved = process.env.CORVID_SHARED;
    try {
      process.env.CORVID_SHARED = '/srv/corvid-shared';
      assert.equal(sharedDir(), '/srv/corvid-shared');
      delete process.env.CORVID_SHARED;
      const repo = fileURLToPath(new URL('../../../', import.meta.url));
      assert.equal(resolve(sharedDir()), resolve(repo, '..', 'shared'));
    } finally {
      if (saved === undefined) delete process.env.CORVID_SHARED;
      else process.env.CORVID_SHARED = saved;
    }
  });

  test('a folder without the schemas is a setup error with a stable code', () => {
    assert.throws(() => loadStixValidator(join(sharedDir(), 'no-such-folder')), (e) => isCorvidError(e) && e.code === 'CORVID_ERR_INTERNAL');
  });

  test('every object type of STIX 2.1 has a validator, and refs across files resolve', () => {
    const v = stixValidator();
    assert.equal(v.types.size, 42); // 19 SDOs, 2 SROs, 18 SCOs, marking-definition, language-content, extension-definition
    const ok = v.validate('identity', { type: 'identity', spec_version: '2.1', id: 'identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', created: '2024-01-02T03:04:05.000Z', modified: '2024-01-02T03:04:05.000Z', name: 'Ana' });
    assert.deepEqual(ok, { ok: true });
    const bad = v.validate('identity', { type: 'identity', id: 'identity--nope' });
    assert.ok(!bad.ok && bad.errors.length > 0 && bad.errors.length <= 3);
  });

  test('the rewritten patterns accept exactly what the published ones accept', () => {
    const samples = ['ab', 'a1', 'a-b', 'a-b-', 'a--b', '-a', 'A', '1a', 'ab-ext', 'a1-b2-ext', '-ext', 'a--ext', 'Ab-ext', 'ext', 'a-ext-ext', 'a-', ''];
    for (const [published, safe] of Object.entries(SAFE_REWRITES)) {
      for (const s of samples) assert.equal(new RegExp(safe).test(s), new RegExp(published).test(s), `${published} on ${JSON.stringify(s)}`);
    }
  });
});
