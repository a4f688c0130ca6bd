/**
 * Ids interned from their bytes: the bulk CSV path looks a node up by the bytes of its id (FNV-1a, open addressing
 * over typed arrays) and makes a string only for an id it has not seen, instead of a string and a Map look-up a row.
 * Dense ids, one non-digit byte and a number ("a123", "p7"), are found in an array indexed by the number.
 */

const EMPTY = -1;
/** Numbers of dense ids past this take the hashed path (the arrays stay small). */
const DENSE_MAX = 1 << 24;

export class ByteInterner {
  private slots = new Int32Array(1 << 16).fill(EMPTY);
  private hash = new Uint32Array(1024);
  private start = new Uint32Array(1024);
  private length = new Uint32Array(1024);
  private value = new Int32Array(1024);
  private bytes = new Uint8Array(1 << 20);
  private used = 0;
  private entries = 0;
  private readonly dense: (Int32Array | undefined)[] = [];

  /** The number of a dense id in buf[a, b) (a non-digit byte, then digits without a leading zero), or -1. */
  private denseNumber(buf: Uint8Array, a: number, b: number): number {
    if (b - a < 2 || b - a > 8) return -1;
    const p = buf[a]!;
    if (p >= 48 && p <= 57) return -1;
    if (buf[a + 1] === 48 && b - a > 2) return -1;
    let k = 0;
    for (let i = a + 1; i < b; i++) {
      const c = buf[i]! - 48;
      if (c < 0 || c > 9) return -1;
      k = k * 10 + c;
    }
    return k < DENSE_MAX ? k : -1;
  }

  /**
   * The value of the id in buf[a, b), calling `make` (with the id as a string) the first time it is seen.
   * @example const n = interner.get(buf, 0, 3, (id) => builder.node(id));
   */
  get(buf: Uint8Array, a: number, b: number, make: (id: string) => number): number {
    const k = this.denseNumber(buf, a, b);
    if (k < 0) return this.hashed(buf, a, b, make);
    const p = buf[a]!;
    let d = this.dense[p];
    if (d === undefined || k >= d.length) {
      const next = new Int32Array(Math.max(1024, k + 1, (d?.length ?? 0) * 2)).fill(EMPTY);
      if (d) next.set(d);
      this.dense[p] = d = next;
    }
    const v = d[k]!;
    if (v !== EMPTY) return v;
    return (d[k] = this.hashed(buf, a, b, make));
  }

  private hashed(buf: Uint8Array, a: number, b: number, make: (id: string) => number): number {
    let h = 2166136261;
    for (let i = a; i < b; i++) h = Math.imul(h ^ buf[i]!, 16777619);
    h >>>= 0;
    const mask = this.slots.length - 1;
    const n = b - a;
    for (let k = h & mask; ; k = (k + 1) & mask) {
      const e = this.slots[k]!;
      if (e === EMPTY) return this.insert(k, h, buf, a, b, make);
      if (this.hash[e] === h && this.length[e] === n && this.same(e, buf, a, n)) return this.value[e]!;
    }
  }

  private same(e: number, buf: Uint8Array, a: number, n: number): boolean {
    const s = this.start[e]!;
    for (let i = 0; i < n; i++) if (this.bytes[s + i] !== buf[a + i]) return false;
    return true;
  }

  private insert(k: number, h: number, buf: Uint8Array, a: number, b: number, make: (id: string) => number): number {
    const v = make(Buffer.from(buf.buffer, buf.byteOffset + a, b - a).toString('latin1'));
    const e = this.entries++;
    if (e >= this.hash.length) this.growEntries();
    while (this.used + (b - a) > this.bytes.length) this.bytes = grown(this.bytes, this.bytes.length * 2);
    this.bytes.set(buf.subarray(a, b), this.used);
    this.hash[e] = h;
    this.start[e] = this.used;
    this.length[e] = b - a;
    this.value[e] = v;
    this.used += b - a;
    this.slots[k] = e;
    if (this.entries * 2 > this.slots.length) this.rehash();
    return v;
  }

  private growEntries(): void {
    const n = this.hash.length * 2;
    this.hash = grown(this.hash, n);
    this.start = grown(this.start, n);
    this.length = grown(this.length, n);
    this.value = grown(this.value, n);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let e = 0; e < this.entries; e++) {
      let k = this.hash[e]! & mask;
      while (slots[k] !== EMPTY) k = (k + 1) & mask;
      slots[k] = e;
    }
    this.slots = slots;
  }
}

function grown<T extends Uint8Array | Uint32Array | Int32Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
