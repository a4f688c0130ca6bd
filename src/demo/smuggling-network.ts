/**
 * The migrant-smuggling network ("Balkan route"): a leader in Istanbul, recruiters advertising online,
 * drivers and safe-house keepers along the route, and the shared money collector, paid by the migrants'
 * relatives after arrival (by bank transfer or in cash, all noted in his ledger) and settling with the
 * leader in USDT.
 */
import type { Activity } from './activity.ts';
import type { AssetFactory } from './assets.ts';
import type { Brokers } from './broker.ts';
import { DAY, HOUR, STORY_START, atHour } from './clock.ts';
import type { PersonFactory } from './people.ts';
import type { Rng } from './rng.ts';
import type { WPayment, WPerson, WWallet } from './world.ts';

export const SMUGGLING_START = STORY_START + 50 * DAY;
export const SMUGGLING_END = STORY_START + 480 * DAY;

export interface Journey {
  migrant: WPerson;
  recruiter: WPerson;
  driverA: WPerson;
  keeper: WPerson;
  driverB: WPerson;
  departure: number;
  arrival: number;
  apprehended: boolean;
  place: string;
  code: string;
}

/** One line of the collector's ledger: who paid for whom, how much, how (bank payment or cash). */
export interface HawalaEntry {
  key: string;
  payer: WPerson;
  migrant: WPerson;
  amount: number;
  currency: 'EUR' | 'USD';
  time: number;
  code: string;
  payment?: WPayment;
}

export interface SmugglingStory {
  leader: WPerson;
  recruiters: WPerson[];
  drivers: WPerson[];
  keepers: WPerson[];
  leaderWallet: WWallet;
  journeys: Journey[];
  relatives: WPerson[];
  ledger: HawalaEntry[];
}

const PLACES = ['Passau, BAB 3', 'Rosenheim, BAB 93', 'Görlitz, BAB 4', 'Freilassing, B 20'];

/** Builds the network and runs its journeys, payments and calls. */
export function runSmuggling(act: Activity, people: PersonFactory, assets: AssetFactory, rng: Rng, brokers: Brokers, scale: number): SmugglingStory {
  const world = act.world;
  const net = { network: 'balkan' as const };
  const leader = people.make({
    ...net,
    nationality: 'iq',
    residence: 'tr',
    city: 'İstanbul',
    gender: 'male',
    age: [38, 50],
    role: 'leader',
    phones: ['TR', 'IQ'],
  });
  const recruiters = (['sy', 'iq', 'af'] as const).map((n) =>
    people.make({ ...net, nationality: n, residence: 'tr', city: 'İstanbul', gender: 'male', age: [24, 40], role: 'recruiter', phones: ['TR'] }),
  );
  const driversA = [
    people.make({ ...net, nationality: 'rs', city: 'Subotica', gender: 'male', age: [25, 50], role: 'driver', phones: ['RS'] }),
    people.make({ ...net, nationality: 'rs', city: 'Beograd', gender: 'male', age: [25, 50], role: 'driver', phones: ['RS'] }),
    people.make({ ...net, nationality: 'ro', city: 'Timișoara', gender: 'male', age: [25, 50], role: 'driver', phones: ['RO'] }),
  ];
  const driversB = [
    people.make({ ...net, nationality: 'sy', residence: 'de', city: 'Dortmund', gender: 'male', age: [22, 35], role: 'driver', phones: ['DE'] }),
    people.make({ ...net, nationality: 'sy', residence: 'de', city: 'Duisburg', gender: 'male', age: [22, 35], role: 'driver', phones: ['DE'] }),
    people.make({ ...net, nationality: 'de', city: 'Leipzig', gender: 'male', age: [30, 55], role: 'driver', phones: ['DE'] }),
  ];
  const keepers = [
    people.make({ ...net, nationality: 'rs', city: 'Subotica', age: [35, 60], role: 'safe-house keeper', phones: ['RS'] }),
    people.make({ ...net, nationality: 'at', city: 'Wien', age: [35, 60], role: 'safe-house keeper', phones: ['AT'] }),
    people.make({ ...net, nationality: 'de', city: 'Dortmund', age: [35, 60], role: 'safe-house keeper', phones: ['DE'] }),
  ];
  const leaderWallet = assets.wallet({ chain: 'tron', holder: leader.key, role: 'leader' });
  const collectorDe = brokers.collector.phones[0]!;

  const journeys: Journey[] = [];
  const relatives: WPerson[] = [];
  const ledger: HawalaEntry[] = [];
  const nMigrants = Math.round(90 * scale);
  const span = SMUGGLING_END - SMUGGLING_START;
  for (let i = 0; i < nMigrants; i++) {
    const nat = rng.weighted([
      ['sy', 40],
      ['iq', 30],
      ['af', 30],
    ] as const);
    const migrant = people.make({
      nationality: nat,
      residence: nat,
      age: [16, 45],
      role: 'migrant',
      phones: [rng.chance(0.6) ? 'TR' : nat.toUpperCase()],
      emails: 0,
    });
    const departure = atHour(SMUGGLING_START + rng.float(0, span), rng.int(18, 23), rng.int(0, 59));
    const j: Journey = {
      migrant,
      recruiter: rng.chance(0.8) ? recruiters[['sy', 'iq', 'af'].indexOf(nat)]! : rng.pick(recruiters),
      driverA: rng.pick(driversA),
      keeper: rng.chance(0.6) ? keepers[0]! : rng.pick(keepers.slice(1)),
      driverB: rng.pick(driversB),
      departure,
      arrival: departure + rng.int(6, 14) * DAY,
      apprehended: rng.chance(0.55),
      place: rng.pick(PLACES),
      code: String(rng.int(100, 999)),
    };
    journeys.push(j);
    const m = migrant.phones[0]!;
    act.callSeries(m, j.recruiter.phones[0]!, rng.int(1, 3), departure - 20 * DAY, departure - DAY, 'smuggling-booking', 180);
    act.call(j.driverA.phones[0]!, m, departure - rng.int(1, 3) * HOUR, rng.int(30, 200), 'smuggling-pickup');
    act.call(j.driverA.phones[0]!, j.keeper.phones[0]!, departure + rng.int(2, 4) * DAY, rng.int(30, 300), 'smuggling-route');
    act.call(j.keeper.phones[0]!, j.driverB.phones[0]!, j.arrival - rng.int(10, 30) * HOUR, rng.int(30, 300), 'smuggling-route');
    act.call(j.driverB.phones[0]!, m, j.arrival - rng.int(2, 8) * HOUR, rng.int(20, 120), 'smuggling-pickup');
    act.call(j.driverB.phones[0]!, collectorDe, j.arrival + rng.int(1, 4) * HOUR, rng.int(30, 180), 'smuggling-delivery');
    act.call(leader.phones[0]!, j.driverA.phones[0]!, departure - rng.int(1, 2) * DAY, rng.int(30, 240), 'smuggling-internal');

    if (!rng.chance(0.75)) continue;
    const home = nat;
    const residence = rng.weighted([
      ['de', 40],
      ['nl', 20],
      [home, 40],
    ] as const);
    const relative = people.make({
      nationality: nat,
      residence,
      age: [28, 65],
      role: 'relative',
      phones: [residence.toUpperCase()],
      emails: residence === home ? 0 : 1,
      familyOf: migrant,
    });
    relatives.push(relative);
    const usd = rng.int(8, nat === 'af' ? 14 : 17) * 500;
    const time = j.arrival + rng.int(2, 96) * HOUR;
    const entry: HawalaEntry = { key: world.nextKey('hwl'), payer: relative, migrant, amount: usd, currency: 'USD', time, code: j.code };
    if (residence !== home) {
      entry.currency = 'EUR';
      entry.amount = Math.round((usd * 0.92) / 10) * 10;
      if (rng.chance(0.5)) {
        const from = assets.account(relative.key, residence, 'relative');
        const to = brokers.collectorAccounts[residence === 'nl' ? 1 : 0]!;
        entry.payment = act.pay(
          from.key,
          to.key,
          entry.amount * 100,
          time,
          rng.pick(['Familienhilfe', 'hulp familie', 'support', 'Darlehen', `code ${j.code}`]),
          'relative',
        );
      }
    }
    act.call(relative.phones[0]!, collectorDe, time - rng.int(1, 20) * HOUR, rng.int(40, 300), 'smuggling-payment');
    act.call(relative.phones[0]!, m, j.arrival + rng.int(1, 30) * HOUR, rng.int(60, 900), 'family');
    ledger.push(entry);
  }

  // Weekly settlement: the collector pays the leader in USDT out of the fraud network's coins.
  const weeks = new Map<number, number>();
  for (const e of ledger) {
    const week = Math.floor((e.time - STORY_START) / (7 * DAY));
    weeks.set(week, (weeks.get(week) ?? 0) + (e.currency === 'USD' ? e.amount : e.amount / 0.92));
  }
  for (const [week, usd] of [...weeks.entries()].sort((a, b) => a[0] - b[0])) {
    const time = atHour(STORY_START + (week + 1) * 7 * DAY + rng.int(0, 2) * DAY, rng.int(9, 21), rng.int(0, 59));
    act.transfer(brokers.collectorWallet.key, leaderWallet.key, usd * 0.85 * 1e6, time);
  }

  const g = Math.sqrt(scale);
  act.callSeries(leader.phones[0]!, collectorDe, Math.round(40 * g), SMUGGLING_START, SMUGGLING_END, 'smuggling-internal', 200);
  for (const r of recruiters) act.callSeries(leader.phones[0]!, r.phones[0]!, Math.round(25 * g), SMUGGLING_START, SMUGGLING_END, 'smuggling-internal');
  for (const d of driversB) act.callSeries(collectorDe, d.phones[0]!, Math.round(10 * g), SMUGGLING_START, SMUGGLING_END, 'smuggling-internal');
  act.callSeries(brokers.forger.phones[1]!, leader.phones[0]!, 8, SMUGGLING_START, SMUGGLING_END, 'broker', 150);

  world.networks.push({
    key: 'balkan',
    name: 'Balkan-route smuggling network',
    crimeAreas: ['migrant smuggling', 'document fraud'],
    members: [
      { key: leader.key, role: 'leader' },
      ...recruiters.map((p) => ({ key: p.key, role: 'recruiter' })),
      ...[...driversA, ...driversB].map((p) => ({ key: p.key, role: 'driver' })),
      ...keepers.map((p) => ({ key: p.key, role: 'safe-house keeper' })),
      { key: brokers.collector.key, role: 'money collector (hawaladar)' },
      { key: brokers.forger.key, role: 'document forger' },
    ],
    leaders: [leader.key],
  });
  return { leader, recruiters, drivers: [...driversA, ...driversB], keepers, leaderWallet, journeys, relatives, ledger };
}
