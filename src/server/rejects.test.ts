/** Tests of reading reject files a page at a time. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRejects, rejectsPath } from './rejects.ts';

test('pages through the lines, shows broken lines as text, treats a missing file as empty', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'corvid-rejects-'));
  try {
    const path = rejectsPath(dir, 'import-x-1');
    assert.equal(path, join(dir, 'import-x-1.rejects.jsonl'));
    await writeFile(path, '{"line":1}\n{"line":2}\nnot json\n{"line":4}\n');
    assert.deepEqual(await readRejects(path, 0, 2), { rejects: [{ line: 1 }, { line: 2 }], offset: 0, next: 2 });
    assert.deepEqual(await readRejects(path, 2, 2), { rejects: [{ raw: 'not json' }, { line: 4 }], offset: 2, next: null });
    assert.deepEqual(await readRejects(path, 10, 2), { rejects: [], offset: 10, next: null });
    assert.deepEqual(await readRejects(join(dir, 'none.jsonl'), 0, 5), { rejects: [], offset: 0, next: null });
    assert.throws(() => rejectsPath(dir, '../../etc/passwd'), { code: 'CORVID_ERR_VALIDATION' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
