/** Helpers shared by the benchmarks: a seeded PRNG, timing, memory, and printing figures. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const BENCH_DIR = resolve(process.env.CORVID_BENCH_DIR ?? '.bench-data');

export function benchPath(...parts: string[]): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  return join(BENCH_DIR, ...parts);
}

/** mulberry32, the same seeded PRNG the resolver samples with (benchmarks must be repeatable). */
export { prng as rng } from '../src/resolve/engine/fellegi-sunter.ts';

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function figure(name: string, value: string): void {
  process.stdout.write(`${name.padEnd(58)} ${value}\n`);
}
