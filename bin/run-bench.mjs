#!/usr/bin/env node
// `npm run bench [-- NAME [args…]]`: runs every benchmark in bench/ (or the one named), each printing its figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const [name, ...rest] = process.argv.slice(2);
const all = readdirSync('bench').filter((f) => f.endsWith('.ts') && !/^lib\.ts$|-(data|child|quality)(-[a-z]+)?\.ts$/.test(f) && !f.endsWith('.test.ts')).map((f) => f.replace(/\.ts$/, ''));
const chosen = name ? [name] : all;
let failed = 0;
for (const b of chosen) {
  process.stdout.write(`\n== bench/${b}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${b}.ts`, ...rest], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
