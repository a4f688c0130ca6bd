/**
 * Legitimate small and repeated payments for the synthetic background — the look-alikes of split payments: friends
 * settling a shared evening in two or three small transfers, parents topping up a teenager's account several times a
 * day (small for the parent, usual for the teenager), and monthly subscriptions of a few euros to subscription services.
 */
import { DAY, EPOCH, type Population } from './background.ts';
import { cents, type Draw } from './draw.ts';
import type { RowSink } from './sink.ts';

function person(p: Population, d: Draw): number {
  return p.firstPerson + d.int(0, p.persons - 1);
}

/** One person pays a friend 2–3 small amounts (median 9) within 3 hours; persons / 50 such evenings. */
function splitBills(p: Population, sink: RowSink, d: Draw, cur: string): number {
  let n = 0;
  for (let e = 0, events = Math.round(p.persons / 50); e < events; e++) {
    const a = person(p, d);
    const b = person(p, d);
    const t = EPOCH + d.int(0, p.days - 1) * DAY + d.int(17, 22) * 3600;
    for (let k = 0, c = d.int(2, 3); k < c; k++, n++) sink.add(a, b, t + d.int(0, 3 * 3600), cents(d.logNormal(9, 0.5)), cur);
  }
  return n;
}

/** Teenagers (persons / 200 new accounts): a parent tops them up 1–3 times on 4–10 days; they spend it in 2–4 small purchases. */
function topUps(p: Population, sink: RowSink, d: Draw, cur: string): number {
  let n = 0;
  for (let i = 0, teens = Math.round(p.persons / 200); i < teens; i++) {
    const teen = p.used++;
    const parent = person(p, d);
    for (let k = 0, days = d.int(4, 10); k < days; k++) {
      const t = EPOCH + d.int(0, p.days - 1) * DAY + d.int(8, 18) * 3600;
      for (let j = 0, c = d.int(1, 3); j < c; j++, n++) sink.add(parent, teen, t + j * d.int(600, 7200), cents(d.logNormal(6, 0.5)), cur);
      for (let j = 0, c = d.int(2, 4); j < c; j++, n++)
        sink.add(teen, p.billers + d.int(0, p.merchants - 1), t + d.int(3600, 20 * 3600), cents(d.logNormal(4, 0.6)), cur);
    }
  }
  return n;
}

/** Subscription services (accounts / 10,000, at least 2): a fifth of the persons pay one a fixed few euros monthly. */
function subscriptions(p: Population, sink: RowSink, d: Draw, cur: string): number {
  let n = 0;
  const services = Array.from({ length: Math.max(2, Math.round((p.persons + p.firstPerson) / 10_000)) }, () => p.used++);
  for (let i = 0; i < p.persons; i++) {
    if (d.u() >= 0.2) continue;
    const to = services[d.int(0, services.length - 1)]!;
    const amount = cents(d.logNormal(8, 0.4));
    const day = d.int(0, 29);
    for (let t = Math.max(day, p.startDay[i]!); t < p.days; t += 30, n++) sink.add(p.firstPerson + i, to, EPOCH + t * DAY + d.int(0, DAY - 1), amount, cur);
  }
  return n;
}

/** All small legitimate traffic; returns the rows emitted. */
export function smallPayments(p: Population, sink: RowSink, d: Draw, cur: string): number {
  return splitBills(p, sink, d, cur) + topUps(p, sink, d, cur) + subscriptions(p, sink, d, cur);
}
