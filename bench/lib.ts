/** Helpers shared by the benchmarks: a seeded PRNG, timing, memory, and printing figures. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const BENCH_DIR = resolve(process.env.CORVID_BENCH_DIR ?? '.bench-data');

export function benchPath(...parts: string[]): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  return join(BENCH_DIR, ...parts);
}

/** mulberry32: a small, fast, seeded PRNG (benchmarks must be repeatable). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
