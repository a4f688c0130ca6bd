/** Synthetic selector sets for bench/psi: distinct E.164 mobile numbers per side, with a planted overlap. */
import { rng } from './lib.ts';

/**
 * `n` distinct Dutch mobile numbers for one side: the first `overlap` are shared by both sides (seed 0), the
 * rest are the side's own (a side prefix keeps the two sets apart), shuffled by the side's seed.
 */
export function selectorSet(n: number, overlap: number, side: 1 | 2): string[] {
  const out: string[] = [];
  for (let i = 0; i < overlap; i++) out.push(`+3160${String(i).padStart(7, '0')}`);
  for (let i = overlap; i < n; i++) out.push(`+316${side}${String(i).padStart(7, '0')}`);
  const next = rng(side);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
