/**
 * Small helpers shared by the STIX and MISP mappings: reading loosely typed JSON values as strings and
 * collecting FtM property values without empties or duplicates.
 */

/** A parsed JSON object with the two fields every STIX object has (checked before mapping). */
export interface StixObject {
  id: string;
  type: string;
  [key: string]: unknown;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A non-empty string, or undefined (numbers and booleans are data too in loose formats like MISP). */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** The strings of a value that may be one string or an array of them. */
export function strings(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => (str(x) === undefined ? [] : [str(x)!]));
  const s = str(v);
  return s === undefined ? [] : [s];
}

/** Property values of one entity, in insertion order, without empty strings or repeats. */
export class Props {
  private readonly map = new Map<string, string[]>();

  /** Adds one value or several; undefined and blank values are ignored. */
  add(prop: string, value: string | readonly string[] | undefined): this {
    const values = value === undefined ? [] : typeof value === 'string' ? [value] : value;
    for (const v of values) {
      if (v.trim() === '') continue;
      const list = this.map.get(prop);
      if (!list) this.map.set(prop, [v]);
      else if (!list.includes(v)) list.push(v);
    }
    return this;
  }

  has(prop: string): boolean {
    return this.map.has(prop);
  }

  out(): Record<string, string[]> {
    return Object.fromEntries(this.map);
  }
}

/** An ISO timestamp from Unix seconds given as a number or a numeric string (MISP's `timestamp`). */
export function isoFromEpoch(v: unknown): string | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const d = new Date(n * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Size (characters of strings and keys, roughly the JSON length) and depth of a parsed JSON value. */
export interface JsonMeasure {
  chars: number;
  tooDeep: boolean;
  tooLarge: boolean;
}

/**
 * Measures a parsed value without recursion (JSON.stringify overflows the stack on deep input), and
 * stops as soon as a limit is broken.
 */
export function measureJson(value: unknown, maxDepth: number, maxChars: number): JsonMeasure {
  const stack: [unknown, number][] = [[value, 1]];
  let chars = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') chars += v.length + 2;
    else if (v === null || typeof v !== 'object') chars += 8;
    else {
      if (depth > maxDepth) return { chars, tooDeep: true, tooLarge: false };
      chars += 2;
      if (Array.isArray(v)) for (const x of v) stack.push([x, depth + 1]);
      else
        for (const [k, x] of Object.entries(v)) {
          chars += k.length + 3;
          stack.push([x, depth + 1]);
        }
    }
    if (chars > maxChars) return { chars, tooDeep: false, tooLarge: true };
  }
  return { chars, tooDeep: false, tooLarge: false };
}

/** FtM's checksum type holds 40 characters (SHA-1); its name type 384. */
export const CHECKSUM_MAX = 40;
export const NAME_MAX = 384;

/**
 * Adds a hash: MD5 and SHA-1 fit FtM's `contentHash`; longer ones (SHA-256, SHA-512, ssdeep, TLSH) would be
 * refused by it, so they go to `notes` as `algorithm: value`, where search still finds them.
 */
export function addHash(p: Props, algorithm: string, value: string): void {
  if (value.trim().length <= CHECKSUM_MAX) p.add('contentHash', value);
  else p.add('notes', `${algorithm}: ${value}`);
}

/** Adds a value as the name; one too long for FtM's name type is shortened there and kept whole in `description`. */
export function addName(p: Props, value: string | undefined): void {
  if (value === undefined) return;
  if (value.length <= NAME_MAX) p.add('name', value);
  else {
    p.add('name', `${value.slice(0, NAME_MAX - 1)}…`);
    p.add('description', value);
  }
}
