/** Seeded randomness for the network algorithms (repeatable results): mulberry32 and a Fisher–Yates shuffle. */

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): fast, seedable, good enough for visit orders and pivots.
 * @example const next = seeded(42); next() // a number in [0, 1)
 */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles `a` in place (Fisher–Yates) and returns it. */
export function shuffle<T extends { length: number; [i: number]: number }>(a: T, next: () => number): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const x = a[i];
    a[i] = a[j];
    a[j] = x;
  }
  return a;
}
