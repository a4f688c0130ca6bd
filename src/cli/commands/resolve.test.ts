/** Tests of `corvid resolve …` through the real binary: review and decide, run, show, undo, judge, and the resolved export. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemContext } from '../../model/context.ts';
import { openStore } from '../../store/open.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'bin/corvid.mjs');
const P1 = 'police-it.p1';
const P2 = 'police-it.p2';
const P3 = 'police-it.p3';

/** The canonical id as documented: `cvd-` and the first 20 hex digits of the SHA-1 of the smallest member id. */
const cvd = (smallest: string): string => `cvd-${createHash('sha1').update(smallest).digest('hex').slice(0, 20)}`;

interface J {
  id: number;
  left: string;
  right: string;
  verdict: string;
  by: string;
  rule: string;
  run: string | null;
  retractedAt: string | null;
}
interface Group {
  canonical: string | null;
  members: { id: string }[];
  judgements: J[];
}

describe('corvid resolve', () => {
  let dir: string;
  let data: string;
  /** Runs `corvid …` as a user would; with --json last, parses stdout. */
  const corvid = (...args: string[]): { status: number; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [CLI, '--data', data, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, CORVID_DB: '' } });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const json = <T>(...args: string[]): T => {
    const r = corvid(...args, '--json');
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };
  const errorOf = (...args: string[]): { status: number; code: string } => {
    const r = corvid(...args, '--json');
    return { status: r.status, code: (JSON.parse(r.stdout) as { error: { code: string } }).error.code };
  };
  const show = (id: string): Group => json<Group>('resolve', 'show', id);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'corvid-resolve-'));
    data = join(dir, 'data');
    const file = join(dir, 'people.ftm.json');
    writeFileSync(
      file,
      [
        { id: 'p1', schema: 'Person', properties: { name: ['Giuseppe Lombardo'], passportNumber: ['YA1234567'], birthDate: ['1968-04-02'] } },
        { id: 'p2', schema: 'Person', properties: { name: ['Guiseppe Lombardo'], passportNumber: ['YA1234567'], birthDate: ['1968-04-02'] } },
        { id: 'p3', schema: 'Person', properties: { name: ['Giuseppe Lombardo'], birthDate: ['1975-09-30'] } },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    const imp = corvid('import', file, '--dataset', 'police-it', '--json');
    assert.equal(imp.status, 0, imp.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('review shows a candidate side by side with its evidence; --decide records the decision', async () => {
    // A candidate as an earlier run would have queued it (written straight into the store, before any run).
    const store = await openStore({ data });
    const contributions = [
      { comparison: 'given name', level: 'exact', weight: 2.5 },
      { comparison: 'birth date', level: 'different', weight: -4.25 },
    ];
    await store.putReviewCandidates(systemContext(), 'run-earlier', [
      { left: P1, right: P3, probability: 0.62, priority: 0.9, explanation: { why: 'uncertain', contributions } },
    ]);
    await store.close();

    const table = corvid('resolve', 'review');
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /probability 0\.620/);
    assert.match(table.stdout, /police-it\.p1\s+police-it\.p3/);
    assert.match(table.stdout, /Giuseppe Lombardo\s+Giuseppe Lombardo/);
    assert.match(table.stdout, /given name\s+exact\s+\+2\.50/);
    assert.match(table.stdout, /birth date\s+different\s+−4\.25/);
    const { items } = json<{ items: { candidate: { id: number }; left: { id: string }; right: { id: string } }[] }>('resolve', 'review');
    assert.deepEqual(
      items.map((i) => [i.left.id, i.right.id]),
      [[P1, P3]],
    );
    const id = String(items[0]?.candidate.id);

    assert.deepEqual(errorOf('resolve', 'review', '--decide', id, 'maybe'), { status: 2, code: 'CORVID_ERR_VALIDATION' });
    assert.deepEqual(errorOf('resolve', 'review', '--decide', '999999', 'same'), { status: 2, code: 'CORVID_ERR_NOT_FOUND' });
    const { judgement } = json<{ judgement: J }>('resolve', 'review', '--decide', id, 'different', '--reason', 'Born seven years apart.');
    assert.deepEqual([judgement.left, judgement.right, judgement.verdict, judgement.by], [P1, P3, 'negative', 'user']);
    assert.deepEqual(json<{ items: unknown[] }>('resolve', 'review').items, []);
    assert.match(corvid('resolve', 'review').stdout, /no open review candidates/);
  });

  test('run merges the two records with the same passport; show gives the group and what holds it', () => {
    const run = corvid('resolve', 'run', '--json');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /resolve: loading records/, 'progress goes to stderr');
    const s = JSON.parse(run.stdout) as { run: string; records: number; incremental: boolean; judgements: number; groups: number; canonical?: unknown };
    assert.equal(s.records, 3);
    assert.equal(s.incremental, false);
    assert.ok(s.judgements >= 1);
    assert.equal(s.groups, 1);
    assert.equal(s.canonical, undefined);

    const g = show(P2);
    assert.equal(g.canonical, cvd(P1));
    assert.deepEqual(
      g.members.map((m) => m.id),
      [P1, P2],
      'the namesake is kept apart by the "different" decision',
    );
    assert.deepEqual(
      g.judgements.map((j) => [j.left, j.right, j.rule, j.run]),
      [[P1, P2, 'identifier:passport', s.run]],
    );
    const human = corvid('resolve', 'show', P2).stdout;
    assert.match(human, new RegExp(`canonical entity ${cvd(P1)}`));
    assert.match(human, /identifier:passport/);
    const listed = json<{ judgements: J[] }>('resolve', 'judgements', '--run', s.run).judgements;
    assert.ok(listed.some((j) => j.left === P1 && j.right === P2));
  });

  test('the resolved export writes the group as one line with referents', () => {
    const out = join(dir, 'resolved.ftm.json');
    const ex = corvid('export', '--format', 'ftm', '--resolved', '--out', out);
    assert.equal(ex.status, 0, ex.stderr);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; referents: string[]; properties: Record<string, string[]> });
    assert.deepEqual(
      lines.map((l) => [l.id, l.referents]).sort(),
      [
        [P3, []],
        [cvd(P1), [P1, P2]],
      ].sort(),
    );
    assert.deepEqual(lines.find((l) => l.id === cvd(P1))?.properties.name, ['Giuseppe Lombardo', 'Guiseppe Lombardo']);
    const audit = json<{ records: { detail: { resolved?: boolean; entities?: number } }[] }>('audit', 'list', '--action', 'export');
    assert.deepEqual(
      audit.records.map((r) => [r.detail.resolved, r.detail.entities]),
      [[true, 3]],
    );
    assert.deepEqual(errorOf('export', '--format', 'csv', '--resolved'), { status: 2, code: 'CORVID_ERR_VALIDATION' });
  });

  test('undo --run takes the merge back; a "different" decision keeps it from coming back', () => {
    const runs = json<{ judgements: J[] }>('resolve', 'judgements').judgements.filter((j) => j.by === 'rule');
    const runId = runs[0]?.run;
    assert.ok(runId);
    const undone = json<{ retracted: J[]; staled: number }>('resolve', 'undo', '--run', runId, '--reason', 'Threshold too low.');
    assert.ok(undone.retracted.some((j) => j.left === P1 && j.right === P2));
    assert.equal(show(P2).canonical, null);
    assert.match(corvid('resolve', 'show', P2).stdout, /not merged/);

    const { judgement } = json<{ judgement: J }>('resolve', 'judge', P2, P1, 'different', '--reason', 'Different fathers named in the files.');
    assert.deepEqual([judgement.left, judgement.right, judgement.verdict], [P1, P2, 'negative']);
    const again = corvid('resolve', 'run');
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /^run run-/);
    assert.match(again.stdout, /groups \d+/);
    assert.ok(!show(P1).members.some((m) => m.id === P2), 'p1 and p2 stay apart');
  });

  test('undo --judgement retracts one decision; judgements --all still lists it', () => {
    const neg = json<{ judgements: J[] }>('resolve', 'judgements', '--entity', P2).judgements.find((j) => j.verdict === 'negative' && j.left === P1);
    assert.ok(neg);
    const r = json<{ retracted: J[] }>('resolve', 'undo', '--judgement', String(neg.id));
    assert.deepEqual(
      r.retracted.map((j) => j.id),
      [neg.id],
    );
    assert.ok(!json<{ judgements: J[] }>('resolve', 'judgements', '--entity', P2).judgements.some((j) => j.id === neg.id));
    const all = json<{ judgements: J[] }>('resolve', 'judgements', '--entity', P2, '--all').judgements.find((j) => j.id === neg.id);
    assert.ok(all?.retractedAt);
    assert.match(corvid('resolve', 'judgements', '--all').stdout, /undone/);
  });

  test('bad options give clear errors with codes', () => {
    assert.deepEqual(errorOf('resolve', 'undo'), { status: 2, code: 'CORVID_ERR_VALIDATION' });
    assert.deepEqual(errorOf('resolve', 'undo', '--judgement', '1', '--run', 'x'), { status: 2, code: 'CORVID_ERR_VALIDATION' });
    assert.deepEqual(errorOf('resolve', 'run', '--threshold', '2'), { status: 2, code: 'CORVID_ERR_VALIDATION' });
    assert.deepEqual(errorOf('resolve', 'judge', P1, 'police-it.nobody', 'same'), { status: 2, code: 'CORVID_ERR_NOT_FOUND' });
    assert.deepEqual(errorOf('resolve', 'show', 'police-it.nobody'), { status: 2, code: 'CORVID_ERR_NOT_FOUND' });
  });
});
