import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/corvid.mjs');

/** Runs `corvid …` as a user would, in a fresh data directory. */
function corvid(data: string, ...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, '--data', data, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, CORVID_DB: '' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('the corvid command', () => {
  let dir: string;
  let data: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'corvid-cli-'));
    data = join(dir, 'data');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('import prints its counts as JSON; search finds with typos; show gives provenance', () => {
    const file = join(dir, 'case.ftm.json');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'p1', schema: 'Person', properties: { name: ['Giuseppe Lombardo'], phone: ['+39 333 1234567'], birthDate: ['1968-04-02'] } }),
        'not json at all',
        JSON.stringify({ id: 'p2', schema: 'Person', properties: { name: ['Oleksandr Kovalenko'] } }),
      ].join('\n'),
    );
    const imp = corvid(data, 'import', file, '--dataset', 'police-it', '--grading', 'B2', '--tlp', 'AMBER', '--handling', 'H1', '--json');
    assert.equal(imp.status, 0, imp.stderr);
    const s = JSON.parse(imp.stdout) as { read: number; imported: number; rejected: number; skipped: number };
    assert.deepEqual([s.read, s.imported, s.rejected, s.skipped], [3, 2, 1, 0]);

    const found = corvid(data, 'search', 'Guiseppe', 'Lombrado', '--json');
    assert.equal(found.status, 0, found.stderr);
    const hits = (JSON.parse(found.stdout) as { results: { entity: { id: string; caption: string } }[] }).results;
    assert.equal(hits[0]?.entity.id, 'police-it.p1');

    const shown = corvid(data, 'show', 'police-it.p1', '--json');
    const e = (JSON.parse(shown.stdout) as { entity: { properties: Record<string, string[]>; statements: { prop: string; grading: string; handling: string; source: string; record: string; original: string }[] } }).entity;
    assert.deepEqual(e.properties.phone, ['+393331234567']);
    const phone = e.statements.find((x) => x.prop === 'phone')!;
    assert.deepEqual([phone.grading, phone.handling, phone.source, phone.record, phone.original], ['B2', 'H1', 'case.ftm.json', '1', '+39 333 1234567']);
    assert.match(corvid(data, 'show', 'police-it.p1').stdout, /B2/);
  });

  test('an unknown entity and a bad option give clear errors with codes', () => {
    const missing = corvid(data, 'show', 'police-it.nobody', '--json');
    assert.equal(missing.status, 2);
    assert.equal((JSON.parse(missing.stdout) as { error: { code: string } }).error.code, 'CORVID_ERR_NOT_FOUND');
    const bad = corvid(data, 'import', join(dir, 'case.ftm.json'), '--grading', 'Q9', '--json');
    assert.equal((JSON.parse(bad.stdout) as { error: { code: string } }).error.code, 'CORVID_ERR_MODEL_INVALID_GRADING');
    const nofile = corvid(data, 'import', join(dir, 'missing.json'), '--json');
    assert.equal((JSON.parse(nofile.stdout) as { error: { code: string } }).error.code, 'CORVID_ERR_INGEST_FILE');
  });

  test('exports: FtM lines re-import; CSV neutralises formulas; H2 withheld; nothing above --tlp-max', () => {
    const file = join(dir, 'mixed.ftm.json');
    writeFileSync(file, `${JSON.stringify({ id: 'x1', schema: 'Company', properties: { name: ['=cmd|calc'] } })}\n`);
    assert.equal(corvid(data, 'import', file, '--dataset', 'mixed', '--tlp', 'GREEN', '--handling', 'H0').status, 0);
    const secret = join(dir, 'secret.ftm.json');
    writeFileSync(secret, `${JSON.stringify({ id: 'x2', schema: 'Company', properties: { name: ['Red Co'] } })}\n`);
    assert.equal(corvid(data, 'import', secret, '--dataset', 'mixed', '--tlp', 'RED').status, 0);
    const h2 = join(dir, 'h2.ftm.json');
    writeFileSync(h2, `${JSON.stringify({ id: 'x3', schema: 'Company', properties: { name: ['Provider Only Ltd'] } })}\n`);
    assert.equal(corvid(data, 'import', h2, '--dataset', 'mixed', '--handling', 'H2').status, 0);

    const out = join(dir, 'out.ftm.json');
    const ex = corvid(data, 'export', '--format', 'ftm', '--dataset', 'mixed', '--tlp-max', 'AMBER', '--out', out);
    assert.equal(ex.status, 0, ex.stderr);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; properties: Record<string, string[]> });
    assert.deepEqual(lines.map((l) => l.id), ['mixed.x1'], 'the RED entity and the H2 entity stay home');
    assert.match(ex.stderr, /withheld \d+ H2/);
    const re = corvid(join(dir, 'other-node'), 'import', out, '--dataset', 'received', '--json');
    assert.equal((JSON.parse(re.stdout) as { imported: number }).imported, 1);

    const csv = corvid(data, 'export', '--format', 'csv', '--dataset', 'mixed', '--tlp-max', 'GREEN');
    assert.match(csv.stdout, /'=cmd\|calc/, 'formula cell prefixed with an apostrophe');
    assert.doesNotMatch(csv.stdout, /,=cmd/);
  });

  test('audit verify passes, then detects a record changed behind its back', () => {
    const ok = corvid(data, 'audit', 'verify', '--json');
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { ok: boolean }).ok, true);
    // An attacker with file access drops the append-only trigger and edits a record.
    const db = new Database(join(data, 'corvid.db'));
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'").all() as { name: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    db.prepare("UPDATE audit SET actor = 'someone-else' WHERE seq = 2").run();
    db.close();
    const bad = corvid(data, 'audit', 'verify', '--json');
    assert.equal(bad.status, 3);
    const v = JSON.parse(bad.stdout) as { ok: boolean; broken: { seq: number } };
    assert.equal(v.ok, false);
    assert.equal(v.broken.seq, 2);
  });

  test('--as a user sees only their compartments', () => {
    const file = join(dir, 'op.ftm.json');
    writeFileSync(file, `${JSON.stringify({ id: 'o1', schema: 'Person', properties: { name: ['Salvatore Nascosto'] } })}\n`);
    assert.equal(corvid(data, 'import', file, '--dataset', 'op', '--compartment', 'op-montagna').status, 0);
    assert.equal(corvid(data, 'user', 'add', 'dora', '--compartments', 'op-other', '--tlp', 'RED', '--json').status, 0);
    assert.equal(corvid(data, 'user', 'add', 'emil', '--compartments', 'op-montagna', '--tlp', 'AMBER', '--json').status, 0);
    assert.equal(corvid(data, '--as', 'dora', 'search', 'Salvatore', 'Nascosto').status, 1, 'no matches for an outsider');
    assert.equal(corvid(data, '--as', 'emil', 'search', 'Salvatore', 'Nascosto').status, 0);
  });
});

describe('the demo investigation through the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corvid-demo-'));
  const data = join(dir, 'data');
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('corvid demo imports every source without rejects, and search finds the people of the ground truth', () => {
    const r = corvid(data, 'demo', '--json');
    assert.equal(r.status, 0, r.stderr);
    const res = JSON.parse(r.stdout) as { truth: string; imports: { rejected: number; imported: number; read: number }[] };
    assert.ok(res.imports.length >= 6);
    for (const s of res.imports) assert.deepEqual([s.rejected, s.imported], [0, s.read]);
    const truth = JSON.parse(readFileSync(res.truth, 'utf8')) as { entities: { kind: string; name: string; records: { dataset: string; id?: string }[] }[] };
    // The members of the networks are in at least one source each: search must find them by name.
    const people = truth.entities.filter((e) => e.kind === 'person' && e.records.some((x) => typeof x.id === 'string')).slice(0, 5);
    assert.ok(people.length > 0);
    for (const p of people) {
      const found = corvid(data, 'search', p.name, '--schema', 'Person', '--json');
      assert.equal(found.status, 0, `search for ${p.name}: ${found.stderr}`);
      const hits = (JSON.parse(found.stdout) as { results: { entity: { caption: string } }[] }).results;
      assert.ok(hits.length > 0, `found ${p.name}`);
    }
  });

  test('the STIX export of the demo is a valid bundle that Corvid reads back', () => {
    const out = join(dir, 'demo.stix.json');
    const ex = corvid(data, 'export', '--format', 'stix', '--dataset', 'police-de', '--out', out);
    assert.equal(ex.status, 0, ex.stderr);
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as { type: string; objects: { type: string; id: string; source_ref?: string; target_ref?: string; object_marking_refs?: string[] }[] };
    assert.equal(bundle.type, 'bundle');
    const ids = new Set(bundle.objects.map((o) => o.id));
    const rels = bundle.objects.filter((o) => o.type === 'relationship');
    assert.ok(bundle.objects.some((o) => o.type === 'identity') && rels.length > 0);
    for (const r of rels) assert.ok(ids.has(r.source_ref!) && ids.has(r.target_ref!), 'relationships point at exported objects');
    for (const o of bundle.objects.filter((x) => x.object_marking_refs)) assert.ok(o.object_marking_refs!.every((m) => ids.has(m)), 'markings are defined in the bundle');
    const re = corvid(join(dir, 'peer'), 'import', out, '--dataset', 'from-peer', '--json');
    assert.equal(re.status, 0, re.stderr);
    const s = JSON.parse(re.stdout) as { rejected: number; imported: number; read: number };
    assert.equal(s.rejected, 0, 'every exported object validates against the STIX 2.1 schemas');
    assert.equal(s.read, bundle.objects.length);
  });
});

describe('the corvid command on PostgreSQL (--db)', () => {
  const base = process.env.CORVID_TEST_PG ?? 'postgresql://root@localhost/test';
  const dbName = `corvid_cli_${process.pid}_${Date.now()}`;
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  const dir = mkdtempSync(join(tmpdir(), 'corvid-cli-pg-'));
  before(async () => {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  test('import, search, show and audit verify work the same with --db postgres://…', () => {
    const file = join(dir, 'case.ftm.json');
    writeFileSync(file, `${JSON.stringify({ id: 'p1', schema: 'Person', properties: { name: ['Nicolò Santangelo'], birthDate: ['1959-03-12'] } })}\n{"broken"\n`);
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, '--data', join(dir, 'data'), '--db', url.toString(), ...args], { encoding: 'utf8', cwd: ROOT });
    const imp = run('import', file, '--dataset', 'police-it', '--json');
    assert.equal(imp.status, 0, imp.stderr);
    assert.deepEqual(((s) => [s.imported, s.rejected])(JSON.parse(imp.stdout) as { imported: number; rejected: number }), [1, 1]);
    const found = run('search', 'Nicolo', 'Santangelo', '--json');
    assert.equal((JSON.parse(found.stdout) as { results: { entity: { id: string } }[] }).results[0]?.entity.id, 'police-it.p1');
    assert.match(run('show', 'police-it.p1').stdout, /1959-03-12/);
    assert.equal((JSON.parse(run('audit', 'verify', '--json').stdout) as { ok: boolean }).ok, true);
  });
});
