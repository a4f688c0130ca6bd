/**
 * The bulk fast path into a Ledger: a plain CSV of transfers `from,to,time,amount,currency,transfer` (time in
 * epoch seconds, amount as exact decimal text, no quoting) parsed straight from bytes, without a string per line.
 */
import { createReadStream } from 'node:fs';
import { ValidationError } from '../errors.ts';
import { currencyScale, parseUnits } from './amount.ts';
import { ByteInterner } from './byte-intern.ts';
import { LedgerBuilder, type Ledger } from './ledger.ts';

export const LEDGER_CSV_HEADER = 'from,to,time,amount,currency,transfer';

const COMMA = 44;
const NL = 10;
const CR = 13;
const DOT = 46;
const QUOTE = 34;

/** Exact units of the decimal digits in buf[a, b) at a scale; a safe integer when it fits, else through parseUnits. */
function units(buf: Buffer, a: number, b: number, scale: number): bigint | number | null {
  let int = 0;
  let frac = 0;
  let fracDigits = -1;
  if (b - a > 15) return parseUnits(buf.toString('latin1', a, b), scale)?.units ?? null;
  for (let i = a; i < b; i++) {
    const c = buf[i]!;
    if (c === DOT && fracDigits < 0) fracDigits = 0;
    else if (c >= 48 && c <= 57) {
      if (fracDigits < 0) int = int * 10 + (c - 48);
      else {
        frac = frac * 10 + (c - 48);
        fracDigits++;
      }
    } else return parseUnits(buf.toString('latin1', a, b), scale)?.units ?? null;
  }
  if (fracDigits > scale) return parseUnits(buf.toString('latin1', a, b), scale)?.units ?? null;
  const whole = int * 10 ** scale + frac * 10 ** (scale - Math.max(fracDigits, 0));
  return Number.isSafeInteger(whole) ? whole : (parseUnits(buf.toString('latin1', a, b), scale)?.units ?? null);
}

/** Epoch seconds in buf[a, b): plain digits read from the bytes, anything else through Number(). */
function seconds(buf: Buffer, a: number, b: number): number {
  let t = 0;
  if (b - a > 15 || a === b) return Number(buf.toString('latin1', a, b));
  for (let i = a; i < b; i++) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) return Number(buf.toString('latin1', a, b));
    t = t * 10 + c;
  }
  return t;
}

/** Whether buf[a, b) holds the bytes of `text` (latin1). */
function bytesAre(buf: Buffer, a: number, b: number, text: string | null): boolean {
  if (text === null || b - a !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (buf[a + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Feeds CSV bytes into a builder line by line; a line cut by the chunk boundary is carried to the next chunk. */
export class LedgerCsvParser {
  readonly b = new LedgerBuilder();
  private carry: Buffer | null = null;
  private header = true;
  private line = 0;
  private lastCurrency: string | null = null;
  private lastIndex = 0;
  private lastScale = 0;
  private readonly ids = new ByteInterner();
  private readonly newNode = (id: string): number => this.b.node(id);
  /** Lines skipped: a bad amount or time, or the wrong number of fields. */
  skipped = 0;

  push(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    for (let i = buf.indexOf(NL, start); i >= 0; i = buf.indexOf(NL, start)) {
      this.lineAt(buf, start, i > start && buf[i - 1] === CR ? i - 1 : i);
      start = i + 1;
    }
    this.carry = start < buf.length ? buf.subarray(start) : null;
  }

  finish(): Ledger {
    if (this.carry) this.lineAt(this.carry, 0, this.carry.length);
    return this.b.build();
  }

  private lineAt(buf: Buffer, a: number, b: number): void {
    this.line++;
    if (this.header) {
      this.header = false;
      if (buf.toString('latin1', a, b) !== LEDGER_CSV_HEADER) throw new ValidationError('CORVID_ERR_INGEST_FORMAT', `ledger CSV must start with ${LEDGER_CSV_HEADER}`);
      return;
    }
    if (a === b) return;
    const f = [a, 0, 0, 0, 0, 0, 0];
    let k = 1;
    for (let i = a; i < b && k < 7; i++) {
      const c = buf[i]!;
      if (c === COMMA) f[k++] = i + 1;
      else if (c === QUOTE) throw new ValidationError('CORVID_ERR_INGEST_FORMAT', `line ${this.line}: quoted fields are not supported by the ledger fast path`);
    }
    if (k !== 6) return void this.skipped++;
    f[6] = b + 1;
    if (!bytesAre(buf, f[4]!, f[5]! - 1, this.lastCurrency)) {
      const cur = buf.toString('latin1', f[4]!, f[5]! - 1);
      this.lastCurrency = cur;
      this.lastIndex = this.b.currency(cur);
      this.lastScale = currencyScale(cur);
    }
    const u = units(buf, f[3]!, f[4]! - 1, this.lastScale);
    const time = seconds(buf, f[2]!, f[3]! - 1);
    const from = this.ids.get(buf, f[0]!, f[1]! - 1, this.newNode);
    const to = this.ids.get(buf, f[1]!, f[2]! - 1, this.newNode);
    if (u === null || !this.b.addUnits(from, to, time, u, this.lastIndex, buf.toString('latin1', f[5]!, f[6]! - 1))) this.skipped++;
  }
}

/**
 * Reads a ledger CSV file into a Ledger, tagging the given nodes (id → category).
 * @example const { ledger, skipped } = await loadLedgerCsv('.bench-data/money-10000000.csv');
 */
export async function loadLedgerCsv(path: string, tags: Record<string, string> = {}): Promise<{ ledger: Ledger; skipped: number }> {
  const p = new LedgerCsvParser();
  for (const [id, category] of Object.entries(tags)) p.b.tag(id, category, 'account');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) p.push(chunk as Buffer);
  return { ledger: p.finish(), skipped: p.skipped };
}
