/** Helpers for the readers' tests: byte streams from buffers and files, collecting items, temp files. */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
export const SHARED_DATA = '/work/shared/data';

/** A buffer as a stream of chunks of `size` bytes (1 puts every boundary everywhere). */
export async function* chunksOf(data: Buffer | string, size = 65536): AsyncGenerator<Buffer> {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

/** A file as the pipeline reads it. */
export function fileStream(path: string, highWaterMark = 1 << 20): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark }) as AsyncIterable<Buffer>;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

/** Runs `fn` with a fresh temporary directory that is removed afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'corvid-readers-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Deterministic pseudo-random bytes (xorshift), for "binary garbage" inputs. */
export function garbage(length: number, seed = 0x2545f491): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
