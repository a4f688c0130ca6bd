/**
 * What the fraud network does: agents call victims, victims pay first-level mules, mules forward within
 * hours (sometimes through a second mule) to consolidators and shells, who buy USDT at the on-ramp; the
 * coins hop through network wallets to the cash-out exchange or the broker. Every victim payment's path
 * is kept as a planted flow with its hops.
 */
import { centsToDecimal, unitsToDecimal, type Activity } from './activity.ts';
import type { AssetFactory } from './assets.ts';
import { DAY, HOUR, MINUTE, atHour } from './clock.ts';
import { activeMules, FRAUD_END, FRAUD_START, type FraudCast, type OutboundLine } from './fraud-network.ts';
import type { PersonFactory } from './people.ts';
import type { Rng } from './rng.ts';
import { typo } from './spelling.ts';
import type { FlowHop, WPayment, WPerson, WPlatform, WWallet } from './world.ts';

/** A victim's case: the brand they were lured by, the line that called them, what they paid. */
export interface VictimCase {
  victim: WPerson;
  platform: WPlatform;
  line: OutboundLine;
  firstCall: number;
  payments: WPayment[];
}

export interface FraudStory {
  cast: FraudCast;
  cases: VictimCase[];
}

const PURPOSES: Record<string, readonly string[]> = {
  de: ['Einzahlung {brand}', 'Investition', 'Trading-Konto {n}', 'Rechnung {n}', 'Einzahlung'],
  at: ['Einzahlung {brand}', 'Investition', 'Rechnung {n}'],
  nl: ['Storting {brand}', 'investering', 'factuur {n}', 'inleg account {n}'],
  it: ['deposito', 'investimento {brand}', 'fattura {n}'],
};
const FORWARD_PURPOSES = ['terugbetaling lening', 'Miete', 'loan repayment', 'gift', 'consultancy invoice {n}', 'Darlehen', 'huur', 'prestito'];

interface Pending {
  time: number;
  cents: number;
  hops: FlowHop[];
  victim: string;
}

const bankHop = (p: WPayment): FlowHop => ({
  kind: 'bank',
  ref: p.key,
  from: p.from,
  to: p.to,
  amount: centsToDecimal(p.cents),
  currency: p.currency,
  time: p.time,
});

/** Runs the fraud: victims, calls, payments, forwarding, crypto purchases and cash-out. */
export function runFraud(
  act: Activity,
  people: PersonFactory,
  assets: AssetFactory,
  rng: Rng,
  cast: FraudCast,
  collectorWallet: WWallet,
  scale: number,
): FraudStory {
  const world = act.world;
  const cases: VictimCase[] = [];
  const inbox = new Map<string, Pending[]>();
  const span = FRAUD_END - 45 * DAY - FRAUD_START;
  const nVictims = Math.round(230 * scale);

  for (let i = 0; i < nVictims; i++) {
    const nat = rng.weighted([
      ['de', 45],
      ['nl', 35],
      ['at', 8],
      ['it', 12],
    ] as const);
    const victim = people.make({ nationality: nat, age: [38, 82], role: 'victim', emails: 1 });
    const account = assets.account(victim.key, nat, 'victim');
    const t0 = atHour(FRAUD_START + rng.float(0, span), rng.int(8, 17), rng.int(0, 59), rng.int(0, 59));
    let brandIdx = Math.min(2, Math.floor(((t0 - FRAUD_START) / span) * 3));
    if (rng.chance(0.15)) brandIdx = Math.max(0, brandIdx - 1);
    const platform = cast.platforms[brandIdx]!;
    const lineNumber = rng.pick(platform.phones);
    const line = cast.lines.find((l) => l.number === lineNumber)!;
    const agentPhone = line.number;
    const victimPhone = victim.phones[0]!;
    act.call(agentPhone, victimPhone, t0, rng.logNormal(600, 0.5), 'fraud-pitch');

    const k = rng.weighted([
      [1, 30],
      [2, 30],
      [3, 20],
      [4, 12],
      [5, 8],
    ] as const);
    let time = t0 + rng.int(1, 3) * DAY;
    let cents = rng.pick([25000, 25000, 25000, 30000, 50000]);
    const payments: WPayment[] = [];
    for (let j = 0; j < k; j++) {
      time = atHour(time, rng.int(9, 17), rng.int(0, 59), rng.int(0, 59));
      if (rng.chance(0.7)) act.call(agentPhone, victimPhone, time - rng.int(30, 180) * MINUTE, rng.logNormal(420, 0.6), 'fraud-pressure');
      const mule = rng.pick(activeMules(cast, time));
      const purpose = rng.pick(PURPOSES[nat]!).replace('{brand}', platform.name).replace('{n}', rng.digits(5));
      const p = act.pay(account.key, mule.account.key, cents, time, purpose, 'victim');
      const m = mule.person;
      p.payeeName = rng.weighted([
        [`${m.given} ${m.family}`, 75],
        [`${m.given.slice(0, 1)}. ${m.family}`, 15],
        [typo(rng, `${m.given} ${m.family}`), 10],
      ] as const);
      payments.push(p);
      forwardFromMule(mule.account.key, p, [bankHop(p)], victim.key);
      time += rng.int(3, 15) * DAY;
      cents = Math.min(5_000_000, Math.round((cents * rng.float(1.8, 5)) / 10000) * 10000);
    }
    const followUps = rng.int(1, 4);
    for (let j = 0; j < followUps; j++)
      act.call(agentPhone, victimPhone, atHour(t0 + rng.int(1, 60) * DAY, rng.int(8, 18), rng.int(0, 59)), rng.logNormal(360, 0.8), 'fraud-followup');
    const callbacks = rng.int(0, 2);
    for (let j = 0; j < callbacks; j++)
      act.call(victimPhone, agentPhone, atHour(t0 + rng.int(2, 70) * DAY, rng.int(8, 20), rng.int(0, 59)), rng.logNormal(200, 0.8), 'victim-callback');
    cases.push({ victim, platform, line, firstCall: t0, payments });
  }

  /** A mule forwards what arrived, keeping a cut, within hours; sometimes via a second mule. */
  function forwardFromMule(accountKey: string, arrived: WPayment, hops: FlowHop[], victim: string): void {
    const mule = cast.mules.find((m) => m.account.key === accountKey)!;
    const viaSecond = hops.length === 1 && rng.chance(0.15);
    const others = activeMules(cast, arrived.time).filter((m) => m.account.key !== accountKey);
    const time = arrived.time + rng.int(30, 360) * MINUTE;
    const purpose = rng.pick(FORWARD_PURPOSES).replace('{n}', rng.digits(4));
    if (viaSecond && others.length > 0) {
      const next = rng.pick(others);
      const p = act.pay(accountKey, next.account.key, arrived.cents * rng.float(0.95, 0.98), time, purpose, 'mule-forward');
      forwardFromMule(next.account.key, p, [...hops, bankHop(p)], victim);
      return;
    }
    const p = act.pay(accountKey, mule.forwardTo, arrived.cents * rng.float(0.93, 0.97), time, purpose, 'mule-forward');
    const box = inbox.get(mule.forwardTo) ?? [];
    box.push({ time: p.time, cents: p.cents, hops: [...hops, bankHop(p)], victim });
    inbox.set(mule.forwardTo, box);
  }

  // Second level: consolidators and shells batch what arrived and buy USDT at the on-ramp.
  const monthly = new Map<string, number>();
  const deposits: { wallet: string; time: number; units: number }[] = [];
  for (const l2 of cast.level2) {
    const items = (inbox.get(l2.key) ?? []).sort((a, b) => a.time - b.time);
    let batch: Pending[] = [];
    const flush = (): void => {
      if (batch.length === 0) return;
      const last = batch[batch.length - 1]!.time;
      const total = batch.reduce((s, x) => s + x.cents, 0);
      const buy = act.pay(l2.key, cast.onrampAccount.key, total, last + rng.int(60, 600) * MINUTE, `Coinbridge order CB-${rng.digits(6)}`, 'onramp-buy');
      const usdt = Math.round((total / 100) * rng.float(1.06, 1.1) * 0.985 * 1e6);
      const collect = cast.collectWallets[buy.time < FRAUD_START + (FRAUD_END - FRAUD_START) / 2 ? 0 : 1]!;
      const t1 = act.transfer(cast.onrampWallet.key, collect.key, usdt, buy.time + rng.int(20, 180) * MINUTE);
      const t2 = act.transfer(collect.key, rng.pick(cast.layerWallets).key, usdt, t1.time + rng.int(60, 720) * MINUTE);
      const toBroker = rng.chance(0.3);
      const out = toBroker ? collectorWallet : rng.pick(cast.depositWallets);
      const t3 = act.transfer(t2.to, out.key, usdt, t2.time + rng.int(2, 36) * HOUR);
      if (!toBroker) {
        deposits.push({ wallet: out.key, time: t3.time, units: usdt });
        const month = new Date(t3.time).toISOString().slice(0, 7);
        monthly.set(month, (monthly.get(month) ?? 0) + usdt);
      }
      const crypto = [t1, t2, t3].map((t): FlowHop => ({
        kind: 'crypto',
        ref: t.key,
        from: t.from,
        to: t.to,
        amount: unitsToDecimal(t.units, 'USDT'),
        currency: 'USDT',
        time: t.time,
      }));
      for (const x of batch) world.flows.push({ key: world.nextKey('flow'), victim: x.victim, hops: [...x.hops, bankHop(buy), ...crypto], cashOut: out.key });
      batch = [];
    };
    for (const x of items) {
      const first = batch[0];
      if (first && (x.time - first.time > 96 * HOUR || batch.reduce((s, y) => s + y.cents, 0) > 2_000_000)) flush();
      batch.push(x);
    }
    flush();
  }

  // The exchange sweeps its deposit addresses now and then, taking whatever has accumulated by then.
  const unswept = new Map<string, { units: number; time: number }>();
  for (const d of deposits.sort((a, b) => a.time - b.time)) {
    const pending = { units: (unswept.get(d.wallet)?.units ?? 0) + d.units, time: d.time };
    unswept.set(d.wallet, pending);
    if (rng.chance(0.35)) {
      act.transfer(d.wallet, cast.exchangeHot.key, pending.units, d.time + rng.int(10, 90) * MINUTE);
      unswept.set(d.wallet, { units: 0, time: d.time });
    }
  }
  for (const [wallet, p] of [...unswept.entries()].sort()) if (p.units > 0) act.transfer(wallet, cast.exchangeHot.key, p.units, p.time + 2 * HOUR);

  // The leader's share leaves the exchange as bitcoin once a month.
  for (const [month, usdt] of [...monthly.entries()].sort()) {
    const end = Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1) + rng.int(1, 4) * DAY + rng.int(8, 20) * HOUR;
    const price = rng.float(55_000, 95_000);
    act.transfer(cast.exchangeHotBtc.key, cast.leaderBtc.key, ((usdt / 1e6) * 0.55 * 1e8) / price, end);
  }

  internalCalls(act, rng, cast, scale);
  return { cast, cases };
}

/** Calls among the network's members: who talks to whom, and how often, is what network analysis sees. */
function internalCalls(act: Activity, rng: Rng, c: FraudCast, scale: number): void {
  const g = Math.sqrt(scale);
  const n = (x: number): number => Math.round(x * g);
  const [leaderAe, leaderUa] = [c.leader.phones[0]!, c.leader.phones[1]!];
  const [deputyNl, deputyUa] = [c.deputy.phones[0]!, c.deputy.phones[1]!];
  act.callSeries(leaderAe, deputyNl, n(35), FRAUD_START, FRAUD_END, 'fraud-internal', 300);
  act.callSeries(leaderUa, c.manager.phones[0]!, n(20), FRAUD_START, FRAUD_END, 'fraud-internal');
  act.callSeries(deputyNl, c.organiser.phones[0]!, n(70), FRAUD_START, FRAUD_END, 'fraud-internal');
  act.callSeries(deputyUa, c.manager.phones[0]!, n(40), FRAUD_START, FRAUD_END, 'fraud-internal');
  for (const it of c.itAds) act.callSeries(deputyNl, it.phones[0]!, n(12), FRAUD_START, FRAUD_END, 'fraud-internal');
  act.callSeries(c.organiser.phones[0]!, c.recruiter.phones[0]!, n(50), FRAUD_START, FRAUD_END, 'fraud-internal');
  for (const m of c.mules)
    act.callSeries(c.recruiter.phones[0]!, m.person.phones[0]!, rng.int(3, 8), m.activeFrom - 20 * DAY, m.activeFrom + 10 * DAY, 'fraud-recruitment', 120);
  for (const p of c.consolidators) {
    act.callSeries(c.organiser.phones[0]!, p.phones[0]!, n(15), FRAUD_START, FRAUD_END, 'fraud-internal');
    act.callSeries(deputyNl, p.phones[0]!, rng.int(3, 6), FRAUD_START, FRAUD_END, 'fraud-internal');
  }
  for (const a of c.agents) act.callSeries(c.manager.phones[0]!, a.phones[0]!, rng.int(2, 5), FRAUD_START, FRAUD_END, 'fraud-internal', 90);
}
