/** Slows password guessing: too many failed log-ins from one address (per user, and in all) lock it out for a while. */
import { CorvidError } from '../errors.ts';

export interface ThrottleOptions {
  /** Failures allowed for one user name from one address within the window. */
  perUser: number;
  /** Failures allowed from one address within the window, whatever the names. */
  perAddress: number;
  windowMs: number;
}

const DEFAULTS: ThrottleOptions = { perUser: 10, perAddress: 50, windowMs: 15 * 60 * 1000 };
const MAX_KEYS = 10_000;

interface Window {
  count: number;
  until: number;
}

/** In-memory and per process: enough for one embedded server; a proxy in front can do more. */
export class LoginThrottle {
  private readonly failures = new Map<string, Window>();
  private readonly opts: ThrottleOptions;

  constructor(opts: Partial<ThrottleOptions> = {}) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** Throws CORVID_ERR_AUTH_THROTTLED while this address (or this address and name) is locked out. */
  check(address: string, name: string, now = Date.now()): void {
    const over = (key: string, limit: number): boolean => {
      const w = this.failures.get(key);
      return w !== undefined && w.until > now && w.count >= limit;
    };
    if (over(`u\u0000${address}\u0000${name}`, this.opts.perUser) || over(`a\u0000${address}`, this.opts.perAddress)) {
      throw new CorvidError('CORVID_ERR_AUTH_THROTTLED', 'too many failed log-ins; try again later');
    }
  }

  fail(address: string, name: string, now = Date.now()): void {
    if (this.failures.size > MAX_KEYS) this.prune(now);
    for (const key of [`u\u0000${address}\u0000${name}`, `a\u0000${address}`]) {
      const w = this.failures.get(key);
      if (w && w.until > now) w.count++;
      else this.failures.set(key, { count: 1, until: now + this.opts.windowMs });
    }
  }

  succeed(address: string, name: string): void {
    this.failures.delete(`u\u0000${address}\u0000${name}`);
  }

  private prune(now: number): void {
    for (const [key, w] of this.failures) if (w.until <= now) this.failures.delete(key);
  }
}
