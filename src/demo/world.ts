/**
 * The simulated world behind the demo: what really happened (people, companies, accounts, wallets, calls,
 * payments, transfers, posts) before any agency recorded it. Sources render partial, dirty views of it.
 */

export type Gender = 'male' | 'female';
export type NetworkKey = 'trident' | 'balkan';

export interface WAddress {
  street: string;
  postcode: string;
  city: string;
  /** Lower-case ISO alpha-2. */
  country: string;
}

export interface WPerson {
  key: string;
  /** The canonical Latin spelling (passport romanisation). */
  given: string;
  family: string;
  /** The name in its own script, for Cyrillic and Arabic-script names. */
  native?: { given: string; family: string; script: 'Cyrl' | 'Arab' };
  /** Other Latin spellings officials use for the same name. */
  givenVariants: string[];
  familyVariants: string[];
  gender: Gender;
  birthDate: string;
  nationality: string;
  /** Country of residence. */
  country: string;
  address: WAddress;
  phones: string[];
  emails: string[];
  accounts: string[];
  wallets: string[];
  passport: string;
  network?: NetworkKey;
  role: string;
}

export type CompanyRole = 'shell' | 'employer' | 'shop' | 'landlord' | 'exchange' | 'onramp' | 'utility';

export interface WCompany {
  key: string;
  name: string;
  legalForm: string;
  country: string;
  regNumber: string;
  address: WAddress;
  incorporated: string;
  sector: string;
  role: CompanyRole;
  network?: NetworkKey;
  website?: string;
  email?: string;
  phones: string[];
  accounts: string[];
  directors: string[];
}

export type AccountRole = 'victim' | 'mule' | 'consolidator' | 'shell' | 'onramp' | 'collector' | 'background' | 'relative' | 'member';

export interface WAccount {
  key: string;
  iban: string;
  bic: string;
  bankName: string;
  country: string;
  /** A person or company key. */
  holder: string;
  opened: string;
  role: AccountRole;
}

export interface WWallet {
  key: string;
  address: string;
  chain: 'bitcoin' | 'tron';
  currency: 'BTC' | 'USDT';
  holder?: string;
  /** For wallets an exchange controls: the exchange's name. */
  exchange?: string;
  label?: string;
  role: 'network' | 'exchange-hot' | 'exchange-deposit' | 'onramp-hot' | 'collector' | 'leader' | 'user';
}

export type PaymentKind = 'victim' | 'mule-forward' | 'onramp-buy' | 'relative' | 'salary' | 'rent' | 'purchase' | 'p2p' | 'member';

export interface WPayment {
  key: string;
  from: string;
  to: string;
  cents: number;
  currency: 'EUR';
  time: number;
  purpose: string;
  kind: PaymentKind;
  /** The beneficiary's name as the payer typed it into the transfer order (victims get it slightly wrong). */
  payeeName?: string;
}

export interface WTransfer {
  key: string;
  from: string;
  to: string;
  /** Smallest units: micro-USDT or satoshi. */
  units: number;
  currency: 'BTC' | 'USDT';
  chain: 'bitcoin' | 'tron';
  time: number;
  block: number;
}

export interface WCall {
  key: string;
  /** E.164 numbers. */
  from: string;
  to: string;
  time: number;
  duration: number;
  kind: string;
}

export interface WUserAccount {
  key: string;
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
  ips: string[];
  owner: string;
  created: number;
  kind: string;
}

export interface WMessage {
  key: string;
  from: string;
  to?: string;
  channel?: string;
  time: number;
  /** ISO 639-3, as FtM's language type expects. */
  lang: string;
  title?: string;
  body: string;
  kind: 'smuggling-ad' | 'job-ad' | 'investment-ad' | 'dm' | 'chatter';
  url?: string;
  phone?: string;
}

export interface WEvent {
  key: string;
  name: string;
  involved: string[];
  time: number;
  place: string;
  country: string;
}

/** A fake investment brand: the name, domains and numbers victims know the fraud by. */
export interface WPlatform {
  key: string;
  name: string;
  domains: string[];
  phones: string[];
  email: string;
}

export interface FlowHop {
  kind: 'bank' | 'crypto';
  /** The payment's transaction id or the transfer's hash. */
  ref: string;
  from: string;
  to: string;
  amount: string;
  currency: string;
  time: number;
}

export interface WFlow {
  key: string;
  victim: string;
  hops: FlowHop[];
  cashOut: string;
}

export interface WNetwork {
  key: NetworkKey;
  name: string;
  crimeAreas: string[];
  members: { key: string; role: string }[];
  leaders: string[];
}

export interface WBroker {
  key: string;
  connects: NetworkKey[];
  why: string;
}

/** Everything that happened, with lookups. Keys are stable within one seed. */
export class World {
  readonly people: WPerson[] = [];
  readonly companies: WCompany[] = [];
  readonly accounts: WAccount[] = [];
  readonly wallets: WWallet[] = [];
  readonly payments: WPayment[] = [];
  readonly transfers: WTransfer[] = [];
  readonly calls: WCall[] = [];
  readonly userAccounts: WUserAccount[] = [];
  readonly messages: WMessage[] = [];
  readonly events: WEvent[] = [];
  readonly platforms: WPlatform[] = [];
  readonly flows: WFlow[] = [];
  readonly networks: WNetwork[] = [];
  readonly brokers: WBroker[] = [];
  /** Pairs of different people with the same or nearly the same name: resolution must keep them apart. */
  readonly namesakes: [string, string][] = [];

  private readonly index = new Map<string, WPerson | WCompany | WAccount | WWallet>();
  private readonly counters = new Map<string, number>();

  /** The next key with a prefix: `per-0001`, `acc-0001`, … */
  nextKey(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${String(n).padStart(4, '0')}`;
  }

  addPerson(p: WPerson): WPerson {
    this.people.push(p);
    this.index.set(p.key, p);
    return p;
  }

  addCompany(c: WCompany): WCompany {
    this.companies.push(c);
    this.index.set(c.key, c);
    return c;
  }

  addAccount(a: WAccount): WAccount {
    this.accounts.push(a);
    this.index.set(a.key, a);
    return a;
  }

  addWallet(w: WWallet): WWallet {
    this.wallets.push(w);
    this.index.set(w.key, w);
    return w;
  }

  person(key: string): WPerson {
    const p = this.index.get(key);
    if (!p || !key.startsWith('per-')) throw new RangeError(`no person ${key}`);
    return p as WPerson;
  }

  company(key: string): WCompany {
    const c = this.index.get(key);
    if (!c || !key.startsWith('com-')) throw new RangeError(`no company ${key}`);
    return c as WCompany;
  }

  account(key: string): WAccount {
    const a = this.index.get(key);
    if (!a || !key.startsWith('acc-')) throw new RangeError(`no account ${key}`);
    return a as WAccount;
  }

  wallet(key: string): WWallet {
    const w = this.index.get(key);
    if (!w || !key.startsWith('wal-')) throw new RangeError(`no wallet ${key}`);
    return w as WWallet;
  }

  isPerson(key: string): boolean {
    return key.startsWith('per-');
  }

  /** The display name of a person or company key. */
  nameOf(key: string): string {
    if (this.isPerson(key)) {
      const p = this.person(key);
      return `${p.given} ${p.family}`;
    }
    return this.company(key).name;
  }

  network(key: NetworkKey): WNetwork {
    const n = this.networks.find((x) => x.key === key);
    if (!n) throw new RangeError(`no network ${key}`);
    return n;
  }

  /** Members of a network with a role. */
  withRole(network: NetworkKey, role: string): WPerson[] {
    return this.network(network)
      .members.filter((m) => m.role === role)
      .map((m) => this.person(m.key));
  }
}
