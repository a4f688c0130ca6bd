/**
 * The ground truth of the demo: which source records describe which real-world person, company, account
 * or wallet; the networks with members and roles; the brokers; the planted money flows. Resolution,
 * network, money and detection tests grade themselves against it.
 */
import { isoTime } from './clock.ts';
import type { World } from './world.ts';

/**
 * A record in a source file. FtM files: the entity `id` as written. Mapped CSV files: the mapping's
 * entity name and its key values in the mapping's key order (the importer derives the id from them,
 * with the entity's `key_literal`).
 */
export type SourceRef = { dataset: string; file: string; id: string } | { dataset: string; file: string; entity: string; keys: string[] };

export interface TruthEntity {
  key: string;
  kind: 'person' | 'company' | 'organization' | 'account' | 'wallet' | 'useraccount';
  name: string;
  role?: string;
  network?: string;
  /** Selectors a human would use to recognise it: E.164 phones, e-mails, IBAN, wallet address. */
  phones?: string[];
  emails?: string[];
  iban?: string;
  address?: string;
  /** For accounts, wallets and user accounts: the person or company behind it. */
  holder?: string;
  records: SourceRef[];
}

export interface TruthHop {
  kind: 'bank' | 'crypto';
  record: SourceRef;
  from: string;
  to: string;
  amount: string;
  currency: string;
  time: string;
}

export interface TruthFlow {
  key: string;
  victim: string;
  amount: string;
  currency: string;
  hops: TruthHop[];
  cashOut: string;
  /** Complaint records in which the victim reported the first payment. */
  reportedIn: SourceRef[];
}

export interface Truth {
  seed: number;
  scale: number;
  entities: TruthEntity[];
  networks: { key: string; name: string; crimeAreas: string[]; leaders: string[]; members: { key: string; role: string }[] }[];
  brokers: { key: string; connects: string[]; why: string }[];
  flows: TruthFlow[];
  /** Pairs of different people with the same name: resolution must not merge them. */
  namesakes: [string, string][];
}

/** Collects source references while the sources are rendered, keyed by world key (entities, payments, transfers). */
export class TruthCollector {
  private readonly refs = new Map<string, SourceRef[]>();
  private readonly seen = new Set<string>();

  add(key: string, ref: SourceRef): void {
    const sig = `${key}\u001f${ref.file}\u001f${'id' in ref ? ref.id : ref.keys.join('\u001f')}`;
    if (this.seen.has(sig)) return;
    this.seen.add(sig);
    const list = this.refs.get(key);
    if (list) list.push(ref);
    else this.refs.set(key, [ref]);
  }

  of(key: string): SourceRef[] {
    return this.refs.get(key) ?? [];
  }

  /** Assembles the truth document from the world and the collected references. */
  build(world: World, seed: number, scale: number): Truth {
    const entities: TruthEntity[] = [];
    for (const p of world.people) {
      const address = [p.address.street, `${p.address.postcode} ${p.address.city}`.trim(), p.address.country].filter((x) => x).join(', ');
      entities.push({
        key: p.key,
        kind: 'person',
        name: `${p.given} ${p.family}`,
        role: p.role,
        ...(p.network ? { network: p.network } : {}),
        phones: p.phones,
        emails: p.emails,
        address,
        records: this.of(p.key),
      });
    }
    for (const c of world.companies)
      entities.push({
        key: c.key,
        kind: 'company',
        name: c.name,
        role: c.role,
        ...(c.network ? { network: c.network } : {}),
        phones: c.phones,
        records: this.of(c.key),
      });
    for (const p of world.platforms)
      entities.push({
        key: p.key,
        kind: 'organization',
        name: p.name,
        role: 'fake investment platform',
        network: 'trident',
        phones: p.phones,
        records: this.of(p.key),
      });
    for (const a of world.accounts)
      entities.push({ key: a.key, kind: 'account', name: a.iban, role: a.role, iban: a.iban, holder: a.holder, records: this.of(a.key) });
    for (const w of world.wallets)
      entities.push({
        key: w.key,
        kind: 'wallet',
        name: w.label ?? w.address,
        role: w.role,
        ...(w.holder ? { holder: w.holder } : {}),
        address: w.address,
        records: this.of(w.key),
      });
    for (const u of world.userAccounts)
      entities.push({ key: `nexa-${u.key}`, kind: 'useraccount', name: u.username, role: u.kind, holder: u.owner, records: this.of(`nexa-${u.key}`) });

    const flows: TruthFlow[] = world.flows.map((f) => {
      const first = f.hops[0]!;
      return {
        key: f.key,
        victim: f.victim,
        amount: first.amount,
        currency: first.currency,
        hops: f.hops.map((h) => ({
          kind: h.kind,
          record: this.of(h.ref)[0]!,
          from: h.from,
          to: h.to,
          amount: h.amount,
          currency: h.currency,
          time: isoTime(h.time),
        })),
        cashOut: f.cashOut,
        reportedIn: this.of(`reported:${first.ref}`),
      };
    });
    return {
      seed,
      scale,
      entities,
      networks: world.networks.map((n) => ({ key: n.key, name: n.name, crimeAreas: n.crimeAreas, leaders: n.leaders, members: n.members })),
      brokers: world.brokers.map((b) => ({ key: b.key, connects: b.connects, why: b.why })),
      flows,
      namesakes: world.namesakes,
    };
  }
}
