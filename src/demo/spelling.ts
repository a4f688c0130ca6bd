/** Typing errors, as people make them when copying a name or a number by hand. */
import type { Rng } from './rng.ts';

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'qsz',
  e: 'wrd',
  i: 'uok',
  o: 'ipl',
  u: 'yij',
  n: 'bm',
  m: 'n',
  r: 'et',
  s: 'adw',
  t: 'ry',
  l: 'k',
  k: 'jl',
  h: 'gj',
  c: 'xv',
};

/** One typing error: a swap of neighbours, a dropped or doubled letter, or a neighbouring key. */
export function typo(rng: Rng, text: string): string {
  const chars = [...text];
  if (chars.length < 4) return text;
  const i = rng.int(1, chars.length - 2);
  const kind = rng.int(0, 3);
  if (kind === 0) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  else if (kind === 1) chars.splice(i, 1);
  else if (kind === 2) chars.splice(i, 0, chars[i]!);
  else {
    const near = KEYBOARD_NEIGHBOURS[chars[i]!.toLowerCase()];
    if (near) chars[i] = rng.pick([...near]);
    else chars.splice(i, 1);
  }
  return chars.join('');
}
