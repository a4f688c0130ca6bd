#!/usr/bin/env node
// Runs the whole test suite: type-check (server and web UI), lint, then every co-located *.test.ts under src/, bench/ and web/e2e/ with Node's test
// runner (through tsx). PostgreSQL tests use CORVID_TEST_PG (a throw-away database, set by .ci/run)
// or, when unset, create and drop their own database on the local server.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(p).isDirectory()) find(p, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const filter = process.argv.slice(2);
const files = find('src').concat(find('bench'), find('web/e2e')).filter((f) => filter.length === 0 || filter.some((x) => f.includes(x))).sort();
if (filter.length === 0) {
  const tc = spawnSync('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], { stdio: 'inherit' });
  if (tc.status !== 0) {
    console.error('type-check failed');
    process.exit(1);
  }
  const web = spawnSync('npx', ['tsc', '--noEmit', '-p', 'web/tsconfig.json'], { stdio: 'inherit' });
  if (web.status !== 0) {
    console.error('type-check of the web UI failed');
    process.exit(1);
  }
  const lint = spawnSync('npx', ['eslint', '.'], { stdio: 'inherit' });
  if (lint.status !== 0) {
    console.error('lint failed');
    process.exit(1);
  }
}
const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], { stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } });
process.exit(res.status ?? 1);
