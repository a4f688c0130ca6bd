/** Runs the whole story for a seed and scale: the two networks, the brokers, the background, life online, crypto noise. */
import { Activity } from './activity.ts';
import { AssetFactory } from './assets.ts';
import { runBackground, type Background } from './background.ts';
import { brokerActivity, makeBrokers, type Brokers } from './broker.ts';
import { DAY, STORY_END, STORY_START, atHour } from './clock.ts';
import { runFraud, type FraudStory } from './fraud-activity.ts';
import { buildFraudNetwork } from './fraud-network.ts';
import { runOnline } from './online.ts';
import { PersonFactory } from './people.ts';
import { Rng } from './rng.ts';
import { runSmuggling, type SmugglingStory } from './smuggling-network.ts';
import { World } from './world.ts';

export interface Story {
  seed: number;
  scale: number;
  world: World;
  fraud: FraudStory;
  smuggling: SmugglingStory;
  brokers: Brokers;
  background: Background;
}

/**
 * Simulates the world. Each part draws from its own labelled random stream, so the same seed always
 * gives the same world.
 * @example const story = simulate(20251, 1); story.world.people.length // ≈ 750
 */
export function simulate(seed: number, scale: number): Story {
  const root = new Rng(seed, 'corvid-demo');
  const world = new World();
  const people = new PersonFactory(world, root.fork('people'));
  const assets = new AssetFactory(world, root.fork('assets'), people);
  const act = new Activity(world, root.fork('activity'));
  const brokers = makeBrokers(people, assets);
  const cast = buildFraudNetwork(world, people, assets, root.fork('fraud-network'), scale);
  const fraud = runFraud(act, people, assets, root.fork('fraud'), cast, brokers.collectorWallet, scale);
  brokerActivity(act, root.fork('broker'), brokers, cast, world);
  const smuggling = runSmuggling(act, people, assets, root.fork('smuggling'), brokers, scale);
  const background = runBackground(act, people, assets, root.fork('background'), scale, fraud, smuggling);
  runOnline(act, root.fork('online'), fraud, smuggling, background, scale);
  cryptoNoise(act, assets, root.fork('crypto-noise'), background, fraud, scale);

  const byTime = <T extends { time: number; key: string }>(a: T, b: T): number => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  world.calls.sort(byTime);
  world.payments.sort(byTime);
  world.transfers.sort(byTime);
  world.messages.sort(byTime);
  return { seed, scale, world, fraud, smuggling, brokers, background };
}

/** Ordinary crypto users trading through a legitimate exchange and the cash-out exchange. */
function cryptoNoise(act: Activity, assets: AssetFactory, rng: Rng, background: Background, fraud: FraudStory, scale: number): void {
  const exchange = assets.company({
    country: 'at',
    role: 'exchange',
    sector: 'cryptocurrency exchange',
    name: 'Alpenchain',
    website: 'https://alpenchain.at/',
    city: 'Wien',
  });
  const hots = [
    assets.wallet({ chain: 'tron', holder: exchange.key, exchange: 'Alpenchain', label: 'Alpenchain hot wallet (TRON)', role: 'exchange-hot' }),
    assets.wallet({ chain: 'bitcoin', holder: exchange.key, exchange: 'Alpenchain', label: 'Alpenchain hot wallet (BTC)', role: 'exchange-hot' }),
    fraud.cast.exchangeHot,
    fraud.cast.exchangeHotBtc,
  ];
  const users = rng
    .sample(background.people, Math.round(40 * scale))
    .map((p) => assets.wallet({ chain: rng.chance(0.6) ? 'tron' : 'bitcoin', holder: p.key, role: 'user' }));
  const span = STORY_END - STORY_START;
  for (let i = 0; i < Math.round(150 * scale); i++) {
    const user = rng.pick(users);
    const hot = rng.pick(hots.filter((h) => h.chain === user.chain));
    const units = user.chain === 'tron' ? rng.logNormal(400, 1) * 1e6 : rng.logNormal(0.02, 1) * 1e8;
    const time = atHour(STORY_START + rng.float(0, span), rng.int(0, 23), rng.int(0, 59), rng.int(0, 59));
    const peers = users.filter((u) => u.chain === user.chain && u.key !== user.key);
    const kind = rng.int(0, 9);
    if (kind < 5) act.transfer(hot.key, user.key, units, time);
    else if (kind < 8) act.transfer(user.key, hot.key, units, time);
    else if (peers.length > 0) act.transfer(user.key, rng.pick(peers).key, units, time + DAY);
  }
}
