/**
 * Realistic background traffic for synthetic ledgers: salaries from payroll accounts, recurring bills to billers,
 * purchases at merchants with Zipf popularity and power-law (Pareto) shopper activity, payments among friends,
 * savers sweeping salary to a savings account, merchants paying suppliers, gift collections, and small repeated payments
 * (background-small.ts) — the legitimately busy, bursty or small-amount accounts that look like fan-in, fan-out,
 * pass-through and split payments, so that precision means something.
 * Streams rows into a RowSink; nothing per row is kept.
 */
import { cents, draws, type Draw } from './draw.ts';
import { smallPayments } from './background-small.ts';
import type { RowSink } from './sink.ts';

export const DAY = 86_400;
/** 2024-01-01T00:00:00Z. */
export const EPOCH = 1_704_067_200;

export interface BackgroundOptions {
  accounts: number;
  /** Roughly how many rows to emit. */
  transfers: number;
  days?: number;
  seed?: number;
  currency?: string;
}

/** Account numbers by role: [0, billers) billers, then merchants, employers, persons; savings accounts after the persons. */
export interface Population {
  billers: number;
  merchants: number;
  employers: number;
  persons: number;
  /** First person's account number. */
  firstPerson: number;
  /** Accounts used (the next free account number). */
  used: number;
  days: number;
  /** Day each person's activity starts (0 for most; later for accounts opened during the period). */
  startDay: Uint16Array;
}

/** Splits the accounts into roles. */
export function population(accounts: number, days: number, d: Draw): Population {
  const billers = Math.max(3, Math.round(accounts / 2000));
  const merchants = Math.max(5, Math.round(accounts / 100));
  const employers = Math.max(3, Math.round(accounts / 200));
  const persons = Math.max(10, accounts - billers - merchants - employers);
  const startDay = new Uint16Array(persons);
  for (let i = 0; i < persons; i++) if (d.u() < 0.05) startDay[i] = d.int(1, days - 30);
  const firstPerson = billers + merchants + employers;
  return { billers, merchants, employers, persons, firstPerson, used: firstPerson + persons, days, startDay };
}

/** Zipf pick of a merchant (popularity ∝ 1/rank) by inverse transform on the harmonic approximation. */
function merchant(p: Population, d: Draw): number {
  const m = p.merchants;
  const r = Math.min(m - 1, Math.floor(Math.exp(d.u() * Math.log(m + 1))) - 1);
  return p.billers + Math.max(0, r);
}

function at(day: number, d: Draw): number {
  return EPOCH + day * DAY + d.int(7, 21) * 3600 + d.int(0, 3599);
}

/** Monthly salary and bills for one person, and the saver's sweep; returns the rows emitted. */
function recurring(p: Population, i: number, sink: RowSink, d: Draw, cur: string, saving: number | null): number {
  const me = p.firstPerson + i;
  const employer = p.billers + p.merchants + (i % p.employers);
  const salary = d.logNormal(2800, 0.4);
  const bills = Array.from({ length: d.int(1, 2) }, () => ({ to: d.int(0, p.billers - 1), amount: d.logNormal(80, 0.6), day: d.int(1, 27) }));
  let n = 0;
  for (let month = 0; month * 30 < p.days; month++) {
    const payday = month * 30 + 24 + (i % 3);
    if (payday >= p.startDay[i]! && payday < p.days) {
      const t = at(payday, d);
      sink.add(employer, me, t, cents(salary * (1 + 0.02 * d.normal())), cur);
      n++;
      if (saving !== null) {
        sink.add(me, saving, t + d.int(600, 30_000), cents(salary * (0.8 + 0.15 * d.u())), cur);
        n++;
      }
    }
    for (const b of bills) {
      const day = month * 30 + b.day;
      if (day >= p.startDay[i]! && day < p.days) {
        sink.add(me, b.to, at(day, d), cents(b.amount * (1 + 0.1 * d.normal())), cur);
        n++;
      }
    }
  }
  return n;
}

/** Discretionary rows of one person: purchases (0.3% of them large) and payments to a few friends. */
function discretionary(p: Population, i: number, count: number, sink: RowSink, d: Draw, cur: string): void {
  const me = p.firstPerson + i;
  const friends = [1, 2, 3].map((k) => p.firstPerson + ((i + k * 7919 + d.int(0, 50)) % p.persons));
  const from = p.startDay[i]!;
  for (let k = 0; k < count; k++) {
    const t = at(d.int(from, p.days - 1), d);
    if (d.u() < 0.15) sink.add(me, friends[k % 3]!, t, cents(d.logNormal(60, 0.8)), cur);
    else sink.add(me, merchant(p, d), t, cents(d.u() < 0.003 ? d.logNormal(6000, 0.8) : d.logNormal(35, 1)), cur);
  }
}

/** Merchants pay two suppliers weekly; employers are funded monthly by a merchant (their business income). */
function business(p: Population, sink: RowSink, d: Draw, cur: string): number {
  let n = 0;
  for (let m = 0; m < p.merchants; m++) {
    const suppliers = [d.int(0, p.merchants - 1), d.int(0, p.merchants - 1)].map((s) => p.billers + s);
    for (let week = 0; week * 7 < p.days; week++)
      for (const s of suppliers)
        if (s !== p.billers + m) {
          sink.add(p.billers + m, s, at(week * 7 + (m % 7), d), cents(d.logNormal(3000, 0.7)), cur);
          n++;
        }
  }
  for (let e = 0; e < p.employers; e++) {
    for (let month = 0; month * 30 < p.days; month++) {
      sink.add(p.billers + d.int(0, p.merchants - 1), p.billers + p.merchants + e, at(month * 30 + 20, d), cents(d.logNormal(200_000, 0.5)), cur);
      n++;
    }
  }
  return n;
}

/** Gift collections: 8–15 friends chip in to an organiser within 3 days, who pays a merchant the total. */
function collections(p: Population, sink: RowSink, d: Draw, cur: string): number {
  let n = 0;
  const events = Math.max(1, Math.round(p.persons / 5000));
  for (let e = 0; e < events; e++) {
    const organiser = p.firstPerson + d.int(0, p.persons - 1);
    const day = d.int(p.startDay[organiser - p.firstPerson]!, p.days - 5);
    let sum = 0;
    const k = d.int(8, 15);
    for (let j = 0; j < k; j++) {
      const a = d.logNormal(30, 0.3);
      sum += a;
      sink.add(p.firstPerson + d.int(0, p.persons - 1), organiser, at(day + d.int(0, 2), d), cents(a), cur);
    }
    sink.add(organiser, merchant(p, d), at(day + 4, d), cents(sum), cur);
    n += k + 1;
  }
  return n;
}

/**
 * Streams background rows into `sink`; returns the population (so planted patterns can pick accounts) and the rows emitted.
 * @example const { pop } = background({ accounts: 100_000, transfers: 1_500_000, seed: 1 }, new LedgerSink())
 */
export function background(o: BackgroundOptions, sink: RowSink): { pop: Population; rows: number } {
  const d = draws(o.seed ?? 1);
  const days = o.days ?? 180;
  const cur = o.currency ?? 'EUR';
  const pop = population(o.accounts, days, d);
  let rows = business(pop, sink, d, cur) + collections(pop, sink, d, cur) + smallPayments(pop, sink, d, cur);
  const weights = new Float32Array(pop.persons);
  let wsum = 0;
  for (let i = 0; i < pop.persons; i++) wsum += weights[i] = d.pareto(1.6, 200) * (1 - pop.startDay[i]! / days);
  const recurringGuess = pop.persons * (days / 30) * 2.6;
  const budget = Math.max(0, o.transfers - rows - recurringGuess);
  for (let i = 0; i < pop.persons; i++) {
    const saving = d.u() < 0.03 ? pop.used++ : null;
    rows += recurring(pop, i, sink, d, cur, saving);
    const count = Math.round((weights[i]! / wsum) * budget + d.u() - 0.5);
    discretionary(pop, i, Math.max(0, count), sink, d, cur);
    rows += Math.max(0, count);
  }
  return { pop, rows };
}
