/** Seeded randomness for the network algorithms (repeatable results): mulberry32 and a Fisher–Yates shuffle. */

/** mulberry32 (src/model/random.ts): the same generator the resolver samples with. */
export { mulberry32 as seeded } from '../../model/random.ts';

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
