/**
 * MISP attribute types and object templates → FtM schemata and properties. The same table, with the
 * reasons, is in docs/stix-misp-mapping.md. Types and templates not listed fall back to a Note.
 */

/** Where one attribute type goes: a schema, and the properties that receive the value (or each `|` part). */
export interface AttributeTarget {
  schema: string;
  /** Properties receiving the whole value (simple types). */
  props?: readonly string[];
  /** For composite types (`filename|sha256`): properties for each `|`-separated part. */
  parts?: readonly (readonly string[])[];
  /** Constant property values (e.g. the currency of a wallet type). */
  fixed?: Readonly<Record<string, string>>;
}

const note = (...props: string[]): AttributeTarget => ({ schema: 'Note', props: ['name', ...props] });
const doc = (...props: string[]): AttributeTarget => ({ schema: 'Document', props });
const account = (service: string): AttributeTarget => ({ schema: 'UserAccount', props: ['username'], fixed: { service } });
const emailAccount: AttributeTarget = { schema: 'UserAccount', props: ['email', 'username'], fixed: { service: 'email' } };
const wallet = (currency: string): AttributeTarget => ({ schema: 'CryptoWallet', props: ['publicKey'], fixed: { currency } });
const person = (...props: string[]): AttributeTarget => ({ schema: 'Person', props });

/** Hash types of files (checksums of the file's content). */
export const FILE_HASH_TYPES: readonly string[] = [
  'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512/224', 'sha512/256', 'sha3-224', 'sha3-256', 'sha3-384',
  'sha3-512', 'ssdeep', 'imphash', 'telfhash', 'impfuzzy', 'authentihash', 'vhash', 'cdhash', 'tlsh', 'pehash',
];

/** Free-text types: the value is a description, not a name. */
export const TEXT_TYPES: ReadonlySet<string> = new Set(['text', 'comment', 'other', 'email-body', 'yara', 'snort', 'sigma', 'bro', 'zeek', 'pattern-in-file', 'pattern-in-memory', 'pattern-in-traffic', 'email-header']);

export const ATTRIBUTE_TYPES: Readonly<Record<string, AttributeTarget>> = {
  // Network: FtM has no host or address schema; a Note named by the value, with the typed mention.
  'ip-src': note('ipMentioned'),
  'ip-dst': note('ipMentioned'),
  'ip-src|port': { schema: 'Note', parts: [['name', 'ipMentioned'], []] },
  'ip-dst|port': { schema: 'Note', parts: [['name', 'ipMentioned'], []] },
  domain: note(),
  hostname: note(),
  'domain|ip': { schema: 'Note', parts: [['name'], ['ipMentioned']] },
  'hostname|port': { schema: 'Note', parts: [['name'], []] },
  url: note(),
  uri: note(),
  link: note('sourceUrl'),
  // E-mail addresses and online accounts.
  email: emailAccount,
  'email-src': emailAccount,
  'email-dst': emailAccount,
  'email-reply-to': emailAccount,
  'target-email': emailAccount,
  'whois-registrant-email': emailAccount,
  'dns-soa-email': emailAccount,
  eppn: emailAccount,
  'jabber-id': account('jabber'),
  'github-username': account('github'),
  'twitter-id': account('twitter'),
  'email-subject': { schema: 'Email', props: ['subject'] },
  'email-message-id': { schema: 'Email', props: ['messageId'] },
  'email-attachment': doc('fileName', 'title'),
  // Files.
  filename: doc('fileName', 'title'),
  attachment: doc('fileName', 'title'),
  'malware-sample': { schema: 'Document', parts: [['fileName', 'title'], ['contentHash']] },
  ...Object.fromEntries(FILE_HASH_TYPES.map((h) => [h, doc('title', 'contentHash')])),
  ...Object.fromEntries(FILE_HASH_TYPES.map((h) => [`filename|${h}`, { schema: 'Document', parts: [['fileName', 'title'], ['contentHash']] }])),
  // People and organisations.
  'full-name': person('name'),
  'first-name': person('firstName'),
  'middle-name': person('middleName'),
  'last-name': person('lastName'),
  'date-of-birth': person('birthDate'),
  'place-of-birth': person('birthPlace'),
  nationality: person('nationality'),
  gender: person('gender'),
  'passport-number': person('passportNumber'),
  'identity-card-number': person('idNumber'),
  'whois-registrant-name': { schema: 'LegalEntity', props: ['name'] },
  'whois-registrant-org': { schema: 'Organization', props: ['name'] },
  'whois-registrar': { schema: 'Organization', props: ['name'] },
  'threat-actor': { schema: 'Organization', props: ['name'], fixed: { topics: 'crime.cyber' } },
  'campaign-name': { schema: 'Event', props: ['name'] },
  // Phones: no phone-line schema in FtM; a Note with the typed mention (matches LegalEntity phones).
  'phone-number': note('phoneMentioned'),
  'whois-registrant-phone': note('phoneMentioned'),
  prtn: note('phoneMentioned'),
  // Money.
  iban: { schema: 'BankAccount', props: ['iban'] },
  'bank-account-nr': { schema: 'BankAccount', props: ['accountNumber'] },
  'cc-number': { schema: 'BankAccount', props: ['accountNumber'], fixed: { accountType: 'card' } },
  bic: { schema: 'Organization', props: ['swiftBic'] },
  btc: wallet('BTC'),
  xmr: wallet('XMR'),
  dash: wallet('DASH'),
};

/** Properties that a value of this attribute type can fill on any schema that has them (object fallback). */
export function typedFallback(type: string): readonly string[] {
  if (type.startsWith('ip-')) return ['ipAddress', 'ipMentioned'];
  if (ATTRIBUTE_TYPES[type] === emailAccount) return ['email', 'emailMentioned'];
  if (type === 'phone-number' || type === 'whois-registrant-phone') return ['phone', 'number', 'phoneMentioned'];
  if (type === 'iban') return ['iban', 'ibanMentioned'];
  if (FILE_HASH_TYPES.includes(type)) return ['contentHash'];
  if (type === 'btc' || type === 'xmr' || type === 'dash') return ['publicKey'];
  return [];
}

/** One object template: its schema and where each `object_relation` goes. */
export interface ObjectTarget {
  schema: string;
  relations: Readonly<Record<string, readonly string[]>>;
}

const fileHashes = Object.fromEntries(FILE_HASH_TYPES.map((h) => [h, ['contentHash']]));

export const OBJECT_TEMPLATES: Readonly<Record<string, ObjectTarget>> = {
  person: {
    schema: 'Person',
    relations: {
      'full-name': ['name'], 'first-name': ['firstName'], 'middle-name': ['middleName'], 'last-name': ['lastName'], alias: ['alias'],
      'date-of-birth': ['birthDate'], 'place-of-birth': ['birthPlace'], nationality: ['nationality'], gender: ['gender'],
      'passport-number': ['passportNumber'], 'identity-card-number': ['idNumber'], 'social-security-number': ['socialSecurityNumber'],
      title: ['title'], 'phone-number': ['phone'], 'e-mail': ['email'], email: ['email'], text: ['description'],
    },
  },
  'legal-entity': {
    schema: 'Company',
    relations: {
      name: ['name'], 'commercial-name': ['alias'], 'registration-number': ['registrationNumber'], 'legal-form': ['legalForm'],
      business: ['sector'], 'phone-number': ['phone'], website: ['website'], text: ['description'], 'tax-reference': ['taxNumber'],
    },
  },
  organization: { schema: 'Organization', relations: { name: ['name'], alias: ['alias'], description: ['description'], role: ['keywords'], 'type-of-organization': ['legalForm'] } },
  'bank-account': {
    schema: 'BankAccount',
    relations: {
      iban: ['iban'], swift: ['bic'], 'account-nr': ['accountNumber'], 'account-name': ['name'], 'institution-name': ['bankName'],
      currency: ['currency'], text: ['description'], balance: ['balance'],
    },
  },
  file: { schema: 'Document', relations: { filename: ['fileName', 'title'], 'size-in-bytes': ['fileSize'], mimetype: ['mimeType'], text: ['description'], state: ['keywords'], ...fileHashes } },
  'domain-ip': { schema: 'Note', relations: { domain: ['name'], hostname: ['name'], ip: ['ipMentioned'], text: ['description'] } },
  url: { schema: 'Note', relations: { url: ['name'], text: ['description'] } },
  email: {
    schema: 'Email',
    relations: {
      subject: ['subject'], from: ['from'], to: ['to'], cc: ['cc'], bcc: ['bcc'], 'message-id': ['messageId'], 'send-date': ['date'],
      'email-body': ['bodyText'], 'in-reply-to': ['inReplyTo'], 'thread-index': ['threadTopic'],
    },
  },
  whois: {
    schema: 'Note',
    relations: {
      domain: ['name'], 'registrant-email': ['emailMentioned'], 'registrant-phone': ['phoneMentioned'], 'registrant-name': ['namesMentioned'],
      'registrant-org': ['companiesMentioned'], 'ip-address': ['ipMentioned'], text: ['description'],
    },
  },
  'coin-address': { schema: 'CryptoWallet', relations: { address: ['publicKey'], symbol: ['currency'], text: ['description'] } },
  phone: { schema: 'Note', relations: { 'phone-number': ['name', 'phoneMentioned'], text: ['description'] } },
};
