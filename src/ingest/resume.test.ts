import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemContext } from '../model/context.ts';
import { openStore } from '../store/open.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/corvid.mjs');
const ctx = systemContext();
const N = 120_000;

describe('an import killed with SIGKILL resumes from its checkpoint without duplicates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corvid-resume-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('kill -9 mid-import, run again: every record exactly once', async () => {
    const file = join(dir, 'people.ftm.json');
    // Every 1000th line is broken, so the reject file must also survive the crash without duplicates.
    const lines: string[] = [];
    for (let i = 1; i <= N; i++) lines.push(i % 1000 === 0 ? `{"id":"p${i}","schema":"Person"` : JSON.stringify({ id: `p${i}`, schema: 'Person', properties: { name: [`Person ${i}`], nationality: ['nl'] } }));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    const jobId = `import-people-${sha.slice(0, 24)}`;
    const data = join(dir, 'data');

    const child = spawn(process.execPath, [CLI, 'import', file, '--data', data, '--dataset', 'people', '--batch', '3000', '--json'], { stdio: 'ignore' });
    const store = await openStore({ data });
    let killedAt = 0;
    for (let i = 0; i < 600 && killedAt === 0; i++) {
      const job = await store.getJob(ctx, jobId).catch(() => null);
      const done = (job?.checkpoint as { seq?: number } | null)?.seq ?? 0;
      if (done > 0) {
        child.kill('SIGKILL');
        killedAt = done;
      } else await sleep(50);
    }
    await new Promise((r) => child.once('exit', r));
    assert.ok(killedAt > 0 && killedAt < N, `the import was interrupted mid-way (at record ${killedAt})`);
    const job = await store.getJob(ctx, jobId);
    assert.equal(job?.state, 'running', 'the killed import left its job unfinished');
    await store.close();

    const rerun = spawnSync(process.execPath, [CLI, 'import', file, '--data', data, '--dataset', 'people', '--batch', '3000', '--json'], { encoding: 'utf8' });
    assert.equal(rerun.status, 0, rerun.stderr);
    const s = JSON.parse(rerun.stdout) as { resumed: boolean; read: number; imported: number; rejected: number; rejectsFile: string };
    assert.equal(s.resumed, true);
    const broken = N / 1000;
    assert.deepEqual([s.read, s.imported, s.rejected], [N, N - broken, broken]);
    const rejectLines = readFileSync(s.rejectsFile, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { line: number }).line);
    assert.deepEqual(rejectLines, Array.from({ length: broken }, (_, i) => (i + 1) * 1000), 'each broken line rejected exactly once, in order');

    const after = await openStore({ data });
    assert.equal(await after.countEntities(ctx, { datasets: ['people'] }), N - broken);
    // id + name + nationality for every good record, none twice.
    assert.equal(await after.countStatements(ctx, { datasets: ['people'] }), (N - broken) * 3);
    assert.equal((await after.getJob(ctx, jobId))?.state, 'done');
    await after.close();
  });
});
