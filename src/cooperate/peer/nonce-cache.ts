/** The replay guard: nonces seen within the accepted clock window, forgotten once they could only be stale. */

/**
 * A set of nonces with expiry. Only requests whose signature verified are entered, so an attacker
 * cannot fill it; the size cap is a second fence (when full, the oldest entries go first).
 * @example
 * const seen = new NonceCache(600);
 * seen.remember('n1', now); // true: first time
 * seen.remember('n1', now); // false: a replay
 */
export class NonceCache {
  private readonly entries = new Map<string, number>();

  constructor(
    /** How long a nonce is kept, in seconds: at least the whole window (twice the skew). */
    private readonly ttlSeconds: number,
    private readonly maxEntries = 1_000_000,
  ) {}

  /** Records the nonce at `now` (unix seconds); false when it was already there (a replay). */
  remember(nonce: string, now: number): boolean {
    this.sweep(now);
    if (this.entries.has(nonce)) return false;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(nonce, now + this.ttlSeconds);
    return true;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Entries are in insertion order, so expired ones are at the front. */
  private sweep(now: number): void {
    for (const [nonce, until] of this.entries) {
      if (until > now) break;
      this.entries.delete(nonce);
    }
  }
}
