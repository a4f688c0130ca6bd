/** Tests of `corvid wallets cluster|undo` through the real binary: clusters largest first with reasons, --no-change, --json, undo. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemContext } from '../../model/context.ts';
import { transferStatements as transfer, walletStatements } from '../../money/cluster/testing.ts';
import { openStore } from '../../store/open.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'bin/corvid.mjs');

function run(dir: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, '--data', dir, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, CORVID_DB: '' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface RunJson {
  run: string;
  judgements: number;
  stats: { cio: number; change: number };
  clusters: { canonical: string; members: { id: string; address: string }[]; judgements: { rule: string; reason: string }[] }[];
}

describe('corvid wallets', () => {
  let dir: string;
  const corvid = (...args: string[]) => run(dir, args);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corvid-wallets-cli-'));
    const store = await openStore({ data: dir });
    const sys = systemContext();
    await store.upsertDataset(sys, { name: 'chain', title: 'Chain' });
    await store.writeBatch(sys, {
      dataset: 'chain',
      statements: [
        ...['a', 'b', 'c', 'f', 'g', 'h', 's', 'x'].flatMap((k) => walletStatements('chain', k)),
        ...transfer('chain', 't0', '2024-01-01', [['x', '1']], [['s', '0.9999']]),
        // Three inputs with fresh change F; then G and H spend together.
        ...transfer('chain', 't1', '2024-02-01', [['a', '0.3'], ['b', '0.2'], ['c', '0.15']], [['s', '0.5'], ['f', '0.1499']]),
        ...transfer('chain', 't2', '2024-03-01', [['g', '0.1'], ['h', '0.1']], [['s', '0.1999']]),
      ],
    });
    await store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('cluster --no-change --json links inputs only; undo RUN takes it back', () => {
    const r = corvid('wallets', 'cluster', '--no-change', '--json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as RunJson;
    assert.deepEqual([out.judgements, out.stats.cio, out.stats.change], [3, 3, 0]);
    assert.deepEqual(out.clusters.map((c) => c.members.map((m) => m.address)), [['addr-a', 'addr-b', 'addr-c'], ['addr-g', 'addr-h']]);
    const u = corvid('wallets', 'undo', out.run, '--reason', 'trial', '--json');
    assert.equal(u.status, 0, u.stderr);
    assert.equal((JSON.parse(u.stdout) as { retracted: unknown[] }).retracted.length, 3);
  });

  test('cluster prints clusters largest first with their reasons, change included', () => {
    const r = corvid('wallets', 'cluster');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /judgements written 4 \(cio 3, change 1\)/);
    const first = r.stdout.indexOf('4 wallets');
    const second = r.stdout.indexOf('2 wallets');
    assert.ok(first > 0 && second > first, r.stdout);
    assert.match(r.stdout, /\[change 0\.60, judgement \d+, wallets-[^\]]+\] Change address \(weaker heuristic/);
    assert.match(r.stdout, /\[cio 0\.95, judgement \d+, wallets-[^\]]+\] Common-input-ownership: .* hash-t2/);
  });

  test('bad options and unknown runs exit 2 with their code', () => {
    const bad = corvid('wallets', 'cluster', '--max-cluster', 'lots', '--json');
    assert.equal(bad.status, 2);
    assert.equal((JSON.parse(bad.stdout) as { error: { code: string } }).error.code, 'CORVID_ERR_VALIDATION');
    const unknown = corvid('wallets', 'undo', 'wallets-20240101T000000-abcdef', '--json');
    assert.equal(unknown.status, 2);
    assert.equal((JSON.parse(unknown.stdout) as { error: { code: string } }).error.code, 'CORVID_ERR_NOT_FOUND');
  });
});
