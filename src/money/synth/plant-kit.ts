/** What every planter shares: the sink, draws, fresh and unused accounts, and the ground-truth record it appends to. */
import { DAY, EPOCH, type Population } from './background.ts';
import { cents, type Draw } from './draw.ts';
import { accountId, type RowSink } from './sink.ts';

export interface PlantedTruth {
  typology: string;
  /** Entity ids of the accounts that belong to the pattern. */
  accounts: string[];
  /** Row numbers of the pattern's transfers. */
  transfers: number[];
}

export class Kit {
  readonly truth: PlantedTruth[] = [];
  private taken = new Set<number>();
  constructor(
    readonly sink: RowSink,
    readonly d: Draw,
    readonly pop: Population,
    readonly cur: string,
  ) {}

  /** An existing person (active from the start) not yet in any pattern. */
  person(): number {
    for (;;) {
      const i = this.d.int(0, this.pop.persons - 1);
      const a = this.pop.firstPerson + i;
      if (this.pop.startDay[i] === 0 && !this.taken.has(a)) return (this.taken.add(a), a);
    }
  }

  /** A brand-new account. */
  fresh(): number {
    const a = this.pop.used++;
    this.taken.add(a);
    return a;
  }

  /** A day well inside the period, leaving `room` days after it. */
  day(room = 40): number {
    return this.d.int(40, Math.max(41, this.pop.days - room));
  }

  /** Seconds at a day plus a random time of day. */
  time(day: number): number {
    return EPOCH + day * DAY + this.d.int(0, DAY - 1);
  }

  /** Emits a row and returns its number. */
  pay(from: number, to: number, time: number, amount: number): number {
    return this.sink.add(from, to, time, cents(amount), this.cur);
  }

  record(typology: string, accounts: number[], transfers: number[]): void {
    this.truth.push({ typology, accounts: [...new Set(accounts)].map(accountId), transfers });
  }
}
