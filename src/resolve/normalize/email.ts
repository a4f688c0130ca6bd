// E-mail addresses for matching: one lower-case form per mailbox, with provider-specific aliases folded away.
import { domainToASCII } from 'node:url';
import { cleanEmail } from '../../model/types.ts';

/** How a provider reads the local part of its addresses (see {@link EMAIL_PROVIDERS}). */
export interface EmailProvider {
  plus: boolean;
  dots: boolean;
  canonical?: string;
}

const plusOnly = (domains: string[]) => domains.map((d): [string, EmailProvider] => [d, { plus: true, dots: false }]);

/**
 * Providers whose mailboxes ignore parts of the local part, so that aliases of one mailbox get one key.
 * `plus`: everything from the first `+` is a tag (sub-addressing, RFC 5233). `dots`: dots are ignored.
 * `canonical`: the domain the provider treats as the same mailbox.
 *
 * Source of truth: the providers' own help pages where they exist (read 2025; review when a provider changes policy):
 * - Gmail: "Dots don't matter in Gmail addresses" (support.google.com/mail/answer/7436150) and `+` aliases
 *   (support.google.com/a/users/answer/9282734); googlemail.com is the same mailbox as gmail.com.
 * - Microsoft (outlook.com, hotmail.com, live.com, msn.com): plus addressing (learn.microsoft.com, "Plus addressing
 *   in Exchange Online"; on for Outlook.com consumer mailboxes).
 * - Apple iCloud (icloud.com, me.com, mac.com): `+` tags are delivered (receive only) but Apple does not document
 *   them; observed behaviour, also listed by email-normalize below.
 * - Proton (protonmail.com, protonmail.ch, proton.me, pm.me): "+" aliases (proton.me/support/creating-aliases).
 *   Proton's web client also ignores `.`, `-` and `_` when it compares addresses; not applied until confirmed for delivery.
 * - Fastmail (fastmail.com, fastmail.fm): plus addressing (fastmail.help, "Plus addressing and subdomain addressing").
 * - Yandex (yandex.ru, yandex.com, ya.ru): `+` addresses (yandex.com/support/mail).
 * Cross-checked with the provider table of the email-normalize library (gmr/email-normalize). Yahoo's `-` aliases
 * are user-chosen base names, not tags, so Yahoo is deliberately absent.
 */
export const EMAIL_PROVIDERS: ReadonlyMap<string, EmailProvider> = new Map<string, EmailProvider>([
  ['gmail.com', { plus: true, dots: true }],
  ['googlemail.com', { plus: true, dots: true, canonical: 'gmail.com' }],
  ...plusOnly(['outlook.com', 'hotmail.com', 'live.com', 'msn.com']),
  ...plusOnly(['icloud.com', 'me.com', 'mac.com']),
  ...plusOnly(['protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me']),
  ...plusOnly(['fastmail.com', 'fastmail.fm']),
  ...plusOnly(['yandex.ru', 'yandex.com', 'ya.ru']),
]);

// RFC 5321 limits a path to 256 octets; leave room for a display name, refuse anything far longer.
const MAX_LENGTH = 512;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;

/**
 * A mailbox key: trimmed, `mailto:` and a display name (`"Jan" <jan@x.nl>`) removed, lower-cased, international
 * domains in their ASCII (punycode) form, and provider aliases folded (see {@link EMAIL_PROVIDERS}). Local parts are
 * lower-cased too: RFC 5321 lets a server treat case as significant, but no public provider does. Null when the
 * result is not shaped like an address.
 * @example normalizeEmail('"Jan Jansen" <Jan.Jansen+shop@GoogleMail.com>') // 'janjansen@gmail.com'
 * @example normalizeEmail('mailto:info@example.nl?subject=Hi') // 'info@example.nl'
 */
export function normalizeEmail(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH || CONTROL.test(raw)) return null;
  let s = raw.normalize('NFKC').trim();
  // A display name: keep what is inside the last angle brackets.
  const open = s.lastIndexOf('<');
  if (open >= 0) {
    const close = s.indexOf('>', open);
    if (close < 0) return null;
    s = s.slice(open + 1, close).trim();
  }
  s = s.replace(/^mailto:/i, '');
  // mailto: URIs carry headers after `?`; they are not part of the address.
  const query = s.indexOf('?');
  if (query >= 0) s = s.slice(0, query);
  const cleaned = cleanEmail(s);
  if (!cleaned.ok) return null;
  const at = cleaned.value.lastIndexOf('@');
  let local = cleaned.value.slice(0, at).toLowerCase();
  let domain = cleaned.value.slice(at + 1).replace(/\.$/, '');
  // Top-level domains are letters in some script (`.nl`, `.рф`); a digit or symbol there means this is not an address.
  if (!/\.(?:[\p{L}\p{M}]{2,63}|xn--[a-z0-9-]{1,59})$/u.test(domain)) return null;
  // Non-ASCII domains to punycode, so `bücher.de` and `xn--bcher-kva.de` meet; '' means not a valid host name.
  domain = /^[\x21-\x7E]*$/.test(domain) ? domain : domainToASCII(domain);
  if (domain === '') return null;
  const provider = EMAIL_PROVIDERS.get(domain);
  if (provider) {
    if (provider.plus) {
      const plus = local.indexOf('+');
      if (plus >= 0) local = local.slice(0, plus);
    }
    if (provider.dots) local = local.replace(/\./g, '');
    if (provider.canonical) domain = provider.canonical;
    if (local === '') return null;
  }
  return `${local}@${domain}`;
}
