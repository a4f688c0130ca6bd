/** Where synthetic rows go: a LedgerBuilder, or a CSV file written as a stream for sizes a ledger in memory should not hold. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { formatUnits } from '../amount.ts';
import { LedgerBuilder, type Ledger } from '../ledger.ts';

export interface RowSink {
  /** Adds one row (amount in 4-decimal ledger units) and returns its row number. */
  add(from: number, to: number, time: number, units: bigint, currency: string): number;
}

/** Account number → entity id. */
export function accountId(n: number): string {
  return `acc${n}`;
}

/** Rows into a LedgerBuilder; row numbers are the ledger's. */
export class LedgerSink implements RowSink {
  readonly builder = new LedgerBuilder();
  add(from: number, to: number, time: number, units: bigint, currency: string): number {
    const row = this.builder.size;
    this.builder.add({ from: accountId(from), to: accountId(to), time, amount: units, currency, transferId: `t${row}` });
    return row;
  }
  build(): Ledger {
    return this.builder.build();
  }
}

/** Rows as CSV lines `transfer_id,from,to,time,amount,currency`, written synchronously in 10,000-line blocks (bounded memory; call `close`). */
export class CsvSink implements RowSink {
  private fd: number;
  private buf: string[] = [];
  private n = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, 'transfer_id,from,to,time,amount,currency\n');
  }
  add(from: number, to: number, time: number, units: bigint, currency: string): number {
    this.buf.push(`t${this.n},${accountId(from)},${accountId(to)},${time},${formatUnits(units, 4)},${currency}\n`);
    if (this.buf.length >= 10_000) this.flush();
    return this.n++;
  }
  private flush(): void {
    writeSync(this.fd, this.buf.join(''));
    this.buf = [];
  }
  /** Flushes and closes the file. */
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
