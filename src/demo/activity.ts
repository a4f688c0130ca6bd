/** Records things happening in the demo world (calls, payments, transfers, posts) with unique, realistic ids. */
import { isoDay } from './clock.ts';
import { txHash } from './crypto-ids.ts';
import type { Rng } from './rng.ts';
import type { PaymentKind, WCall, WMessage, WPayment, WTransfer, World } from './world.ts';

const TRON_EPOCH = Date.UTC(2024, 0, 1);

/** Appends events to the world; every id is unique within the world. */
export class Activity {
  private readonly used = new Set<string>();

  constructor(
    readonly world: World,
    private readonly rng: Rng,
  ) {}

  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  call(from: string, to: string, time: number, duration: number, kind: string): WCall {
    const c: WCall = {
      key: this.unique(() => `C${this.rng.digits(10)}`),
      from,
      to,
      time: Math.round(time / 1000) * 1000,
      duration: Math.max(1, Math.round(duration)),
      kind,
    };
    this.world.calls.push(c);
    return c;
  }

  /** A bank payment between two accounts (keys), in cents. */
  pay(from: string, to: string, cents: number, time: number, purpose: string, kind: PaymentKind): WPayment {
    const day = isoDay(time).replace(/-/g, '');
    const p: WPayment = {
      key: this.unique(() => `TX${day}${this.rng.digits(8)}`),
      from,
      to,
      cents: Math.round(cents),
      currency: 'EUR',
      time: Math.round(time / 1000) * 1000,
      purpose,
      kind,
    };
    this.world.payments.push(p);
    return p;
  }

  /** An on-chain transfer between two wallets (keys), in the currency's smallest units. */
  transfer(from: string, to: string, units: number, time: number): WTransfer {
    const w = this.world.wallet(from);
    const t = Math.round(time / 1000) * 1000;
    const block = w.chain === 'tron' ? 57_900_000 + Math.floor((t - TRON_EPOCH) / 3000) : 823_700 + Math.floor((t - TRON_EPOCH) / 600_000);
    const tr: WTransfer = {
      key: this.unique(() => txHash(this.rng)),
      from,
      to,
      units: Math.round(units),
      currency: w.currency,
      chain: w.chain,
      time: t,
      block,
    };
    this.world.transfers.push(tr);
    return tr;
  }

  message(m: Omit<WMessage, 'key'>): WMessage {
    const msg: WMessage = { key: this.unique(() => `m${this.rng.digits(12)}`), ...m, time: Math.round(m.time / 1000) * 1000 };
    this.world.messages.push(msg);
    return msg;
  }

  /** A series of calls between two numbers spread over a period, in daytime hours. */
  callSeries(a: string, b: string, count: number, from: number, to: number, kind: string, medianSeconds = 150): void {
    for (let i = 0; i < count; i++) {
      const day = this.rng.float(from, to);
      const time = day - (day % 86_400_000) + this.rng.int(7 * 3600, 22 * 3600) * 1000;
      const [x, y] = this.rng.chance(0.5) ? [a, b] : [b, a];
      this.call(x, y, time, this.rng.logNormal(medianSeconds, 0.8), kind);
    }
  }
}

/** Formats cents as a decimal string: 123456 → `1234.56`. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Formats smallest units (micro-USDT: 6 decimals; satoshi: 8) as a decimal string. */
export function unitsToDecimal(units: number, currency: 'BTC' | 'USDT'): string {
  const places = currency === 'BTC' ? 8 : 6;
  const s = String(Math.round(units)).padStart(places + 1, '0');
  return `${s.slice(0, -places)}.${s.slice(-places)}`.replace(/\.?0+$/, '');
}
