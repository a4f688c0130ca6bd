/** Tests of `corvid network …` through the real binary: list the analyses, run one with parameters, as a user who sees less. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemContext } from '../../model/context.ts';
import { makeStatement as st } from '../../store/conformance/fixture.ts';
import { openStore } from '../../store/open.ts';
import { hashPassword } from '../../server/auth.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'bin/corvid.mjs');
const ref = { isRef: true };

/** The real binary on a data directory, without PostgreSQL. */
function run(dir: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, '--data', dir, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, CORVID_DB: '' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('corvid network', () => {
  let dir: string;
  const corvid = (...args: string[]) => run(dir, args);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corvid-network-'));
    const store = await openStore({ data: dir });
    const sys = systemContext();
    await store.upsertDataset(sys, { name: 'ds', title: 'DS' });
    // A star: Hub paid a, b and c; c paid d only inside op-x.
    await store.writeBatch(sys, {
      dataset: 'ds',
      statements: [
        ...['hub', 'a', 'b', 'c'].map((k) => st(`ds.${k}`, 'Person', 'name', k.toUpperCase())),
        st('ds.d', 'Person', 'name', 'D', { compartment: 'op-x' }),
        ...['a', 'b', 'c'].flatMap((k) => [st(`ds.pay-${k}`, 'Payment', 'payer', 'ds.hub', ref), st(`ds.pay-${k}`, 'Payment', 'beneficiary', `ds.${k}`, ref)]),
        st('ds.pay-d', 'Payment', 'payer', 'ds.c', { ...ref, compartment: 'op-x' }),
        st('ds.pay-d', 'Payment', 'beneficiary', 'ds.d', { ...ref, compartment: 'op-x' }),
      ],
    });
    await store.createUser(sys, { name: 'olga', roles: ['analyst'], compartments: [], tlpCeiling: 'AMBER', passwordHash: await hashPassword('olga-password') });
    await store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('lists the analyses with their parameters', () => {
    const r = corvid('network', 'analyses', '--json');
    assert.equal(r.status, 0, r.stderr);
    const list = JSON.parse(r.stdout) as { name: string; params: { name: string }[] }[];
    assert.deepEqual(
      list.find((a) => a.name === 'degree')?.params.map((p) => p.name),
      ['normalized', 'weighted'],
    );
  });

  test('runs an analysis with typed parameters over what the caller may see', () => {
    const all = corvid('network', 'analyze', 'degree', '--param', 'normalized=false', '--json');
    assert.equal(all.status, 0, all.stderr);
    const seen = JSON.parse(all.stdout) as { params: { normalized: boolean }; result: Record<string, number> };
    assert.equal(seen.params.normalized, false);
    assert.deepEqual(seen.result, { 'ds.hub': 3, 'ds.a': 1, 'ds.b': 1, 'ds.c': 2, 'ds.d': 1 });
    const olga = JSON.parse(corvid('--as', 'olga', 'network', 'analyze', 'degree', '-p', 'normalized=false', '--json').stdout) as {
      result: Record<string, number>;
    };
    assert.deepEqual(olga.result, { 'ds.hub': 3, 'ds.a': 1, 'ds.b': 1, 'ds.c': 1 });
    const text = corvid('network', 'analyze', 'degree', '-p', 'normalized=false', '--top', '1');
    assert.match(text.stdout, /HUB {2}\[ds\.hub\]/);
  });

  test('unknown analyses and bad parameters exit 2 with their code', () => {
    const unknown = corvid('network', 'analyze', 'astrology', '--json');
    assert.equal(unknown.status, 2);
    assert.equal((JSON.parse(unknown.stdout) as { error: { code: string } }).error.code, 'CORVID_ERR_NETWORK_UNKNOWN_ALGORITHM');
    const bad = corvid('network', 'analyze', 'pagerank', '-p', 'alpha=high', '--json');
    assert.equal(bad.status, 2);
    assert.equal((JSON.parse(bad.stdout) as { error: { code: string } }).error.code, 'CORVID_ERR_VALIDATION');
  });
});

describe('corvid network analyze --save', () => {
  let dir: string;
  const corvid = (...args: string[]) => run(dir, args);
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corvid-network-save-'));
    const store = await openStore({ data: dir });
    const sys = systemContext();
    await store.upsertDataset(sys, { name: 'ds', title: 'DS' });
    await store.writeBatch(sys, {
      dataset: 'ds',
      statements: [
        ...['hub', 'a', 'b'].map((k) => st(`ds.${k}`, 'Person', 'name', k.toUpperCase())),
        ...['a', 'b'].flatMap((k) => [st(`ds.call-${k}`, 'Call', 'caller', 'ds.hub', ref), st(`ds.call-${k}`, 'Call', 'receiver', `ds.${k}`, ref)]),
      ],
    });
    await store.createUser(sys, { name: 'olga', roles: ['analyst'], compartments: [], tlpCeiling: 'AMBER', passwordHash: await hashPassword('olga-password') });
    await store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('an analyst saves each entity’s score with the algorithm and parameters as its source, once', () => {
    const r = corvid('--as', 'olga', 'network', 'analyze', 'degree', '-p', 'normalized=false', '--save', '--json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { saved: { written: number; unchanged: number; source: string } };
    assert.equal(out.saved.written, 3);
    assert.match(out.saved.source, /degree/);
    const hub = (JSON.parse(corvid('--as', 'olga', 'show', 'ds.hub', '--json').stdout) as { entity: { statements: { prop: string; value: string; source: string }[] } }).entity;
    const score = hub.statements.find((s) => s.prop === 'score');
    assert.equal(score?.value, '2');
    assert.equal(score?.source, out.saved.source);
    const again = JSON.parse(corvid('--as', 'olga', 'network', 'analyze', 'degree', '-p', 'normalized=false', '--save', '--json').stdout) as { saved: { written: number; unchanged: number } };
    assert.deepEqual([again.saved.written, again.saved.unchanged], [0, 3]);
  });

  test('an analysis without per-entity results cannot be saved', () => {
    const r = corvid('--as', 'olga', 'network', 'analyze', 'efficiency', '--save', '--json');
    assert.equal(r.status, 2);
    assert.equal((JSON.parse(r.stdout) as { error: { code: string } }).error.code, 'CORVID_ERR_VALIDATION');
  });
});
