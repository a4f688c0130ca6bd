/**
 * The facilitators both networks use, so network analysis finds brokers: a hawala-style money collector
 * (takes the migrants' fees, swaps the fraud network's USDT for cash) and a document forger.
 */
import type { Activity } from './activity.ts';
import type { AssetFactory } from './assets.ts';
import { DAY, HOUR, atHour } from './clock.ts';
import { FRAUD_END, FRAUD_START, type FraudCast } from './fraud-network.ts';
import type { PersonFactory } from './people.ts';
import type { Rng } from './rng.ts';
import type { WAccount, WPerson, WWallet, World } from './world.ts';

export interface Brokers {
  collector: WPerson;
  forger: WPerson;
  collectorWallet: WWallet;
  collectorAccounts: WAccount[];
}

/** Creates the two shared facilitators with their accounts and wallet. */
export function makeBrokers(people: PersonFactory, assets: AssetFactory): Brokers {
  const collector = people.make({
    nationality: 'sy',
    residence: 'de',
    city: 'Duisburg',
    gender: 'male',
    age: [44, 52],
    role: 'money collector (hawaladar)',
    phones: ['DE', 'TR'],
    emails: 1,
  });
  const forger = people.make({ nationality: 'rs', city: 'Novi Sad', gender: 'male', age: [38, 55], role: 'document forger', phones: ['RS', 'DE'] });
  const collectorAccounts = [assets.account(collector.key, 'de', 'collector'), assets.account(collector.key, 'nl', 'collector')];
  const collectorWallet = assets.wallet({ chain: 'tron', holder: collector.key, role: 'collector' });
  return { collector, forger, collectorWallet, collectorAccounts };
}

/** The contacts that tie the brokers to the fraud network (the smuggling side is in smuggling-network.ts). */
export function brokerActivity(act: Activity, rng: Rng, b: Brokers, fraud: FraudCast, world: World): void {
  const collectorDe = b.collector.phones[0]!;
  const forgerDe = b.forger.phones[1]!;
  act.callSeries(collectorDe, fraud.deputy.phones[0]!, 15, FRAUD_START + 60 * DAY, FRAUD_END, 'broker', 90);
  act.callSeries(forgerDe, fraud.recruiter.phones[0]!, 8, FRAUD_START, FRAUD_END, 'broker', 120);
  act.callSeries(forgerDe, fraud.organiser.phones[0]!, 3, FRAUD_START, FRAUD_END, 'broker', 120);
  // Cash handovers the German police observed: USDT in, euros out.
  for (let i = 0; i < 6; i++) {
    const time = atHour(FRAUD_START + (90 + i * 55 + rng.int(0, 20)) * DAY, rng.int(10, 19), rng.int(0, 59));
    world.events.push({
      key: world.nextKey('evt'),
      name: 'Observed meeting with handover of a bag',
      involved: [b.collector.key, fraud.deputy.key],
      time,
      place: rng.pick(['Duisburg, Königstraße', 'Düsseldorf Hbf, car park P2', 'Oberhausen, Centro car park']),
      country: 'de',
    });
    act.call(collectorDe, fraud.deputy.phones[0]!, time - rng.int(1, 5) * HOUR, rng.int(20, 90), 'broker');
  }
  world.network('trident').members.push({ key: b.collector.key, role: 'money collector (cash-out)' }, { key: b.forger.key, role: 'document forger' });
  world.brokers.push(
    {
      key: b.collector.key,
      connects: ['trident', 'balkan'],
      why: "collects the migrants' fees for the smuggling network and swaps the fraud network's USDT for cash; calls and meets both sides",
    },
    {
      key: b.forger.key,
      connects: ['trident', 'balkan'],
      why: "supplies forged identity documents to the smuggling network and to the fraud network's mule recruiter",
    },
  );
}
