/** Authentication primitives: scrypt password hashes, API tokens (stored only as SHA-256), the first admin. */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuthError } from '../errors.ts';
import { makeContext, systemContext, type Context } from '../model/context.ts';
import type { Tlp } from '../model/handling.ts';
import type { Store, User } from '../store/port.ts';

/** scrypt cost: N = 2^14, r = 8, p = 1 (OWASP's minimum for scrypt), 64-byte key, 16-byte salt. */
const SCRYPT = { N: 16384, r: 8, p: 1, keyLen: 64, saltLen: 16 } as const;
/** Upper bounds for parameters read back from a stored hash, so a corrupt row cannot exhaust memory. */
const SCRYPT_MAX = { N: 1 << 20, r: 32, p: 16 } as const;

export const TOKEN_PREFIX = 'cvd_';
const TOKEN_RE = /^cvd_[A-Za-z0-9_-]{43}$/;

function scrypt(password: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function scryptOptions(N: number, r: number, p: number): ScryptOptions {
  // Node refuses keys needing more than maxmem (32 MiB by default); allow what these parameters need.
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

/**
 * Hashes a password as `scrypt$N$r$p$saltB64$hashB64`.
 * @example const stored = await hashPassword('correct horse battery staple');
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLen);
  const key = await scrypt(password, salt, SCRYPT.keyLen, scryptOptions(SCRYPT.N, SCRYPT.r, SCRYPT.p));
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a password against a stored hash in constant time; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > SCRYPT_MAX.N || !Number.isInteger(r) || r < 1 || r > SCRYPT_MAX.r || !Number.isInteger(p) || p < 1 || p > SCRYPT_MAX.p) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || expected.length < 16) return false;
  const actual = await scrypt(password, salt, expected.length, scryptOptions(N, r, p));
  return timingSafeEqual(actual, expected);
}

/** A hash that no password matches, verified against when the user does not exist (equal timing). */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** A new API token: `cvd_` and 32 random bytes in base64url. Shown once, never stored. */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What the store keeps of a token: its SHA-256, hex. Looking tokens up by hash makes comparison constant-time. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeToken(token: string): boolean {
  return TOKEN_RE.test(token);
}

/**
 * Creates an API token for a user and returns it (the only time it is visible).
 * @example const token = await issueToken(store, ctx, 'alice', 'laptop');
 */
export async function issueToken(store: Store, ctx: Context, user: string, label: string, expiresAt: string | null = null): Promise<string> {
  const token = generateToken();
  await store.createToken(ctx, { tokenHash: hashToken(token), user, label, expiresAt });
  return token;
}

/** The Context a user acts in; the signal cancels the work when the request goes away. */
export function contextForUser(user: Pick<User, 'name' | 'compartments' | 'tlpCeiling' | 'roles'>, signal?: AbortSignal): Context {
  return makeContext({ actor: user.name, compartments: user.compartments, tlpCeiling: user.tlpCeiling, roles: user.roles, ...(signal ? { signal } : {}) });
}

/**
 * Resolves a bearer token to its active user, or throws CORVID_ERR_AUTH_INVALID. The same error for
 * every failure (unknown, revoked, expired, disabled user), so the answer tells an attacker nothing.
 */
export async function userForToken(store: Store, token: string): Promise<{ user: User; tokenHash: string }> {
  const invalid = new AuthError('CORVID_ERR_AUTH_INVALID', 'invalid or expired token');
  if (!looksLikeToken(token)) throw invalid;
  const tokenHash = hashToken(token);
  const row = await store.findToken(tokenHash);
  if (!row || row.revoked || (row.expiresAt !== null && Date.parse(row.expiresAt) <= Date.now())) throw invalid;
  const user = await store.getUser(systemContext(), row.user);
  if (!user || user.disabled) throw invalid;
  return { user, tokenHash };
}

/** Checks name and password; throws CORVID_ERR_AUTH_INVALID (after the same work) when either is wrong. */
export async function checkLogin(store: Store, name: string, password: string): Promise<User> {
  const user = await store.getUser(systemContext(), name);
  const ok = await verifyPassword(password, user && !user.disabled ? user.passwordHash : await dummyPasswordHash());
  if (!ok || !user || user.disabled) throw new AuthError('CORVID_ERR_AUTH_INVALID', 'wrong user name or password');
  return user;
}

export interface AdminCredentials {
  name: string;
  password: string;
  /** Where they were written (mode 0600). */
  file: string;
}

export const ADMIN_NAME = 'admin';
const ADMIN_TLP: Tlp = 'RED';

/**
 * On first start (no user exists), creates the local administrator `admin` with a random password,
 * writes the credentials to `<dataDir>/admin-credentials.txt` (mode 0600) and returns them, so the
 * caller can say where they are. Returns null when users exist already. Never logs the password.
 */
export async function ensureAdmin(store: Store, dataDir: string): Promise<AdminCredentials | null> {
  const ctx = systemContext();
  if ((await store.listUsers(ctx)).length > 0) return null;
  const password = randomBytes(18).toString('base64url');
  await store.createUser(ctx, { name: ADMIN_NAME, roles: ['admin'], compartments: '*', tlpCeiling: ADMIN_TLP, passwordHash: await hashPassword(password) });
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'admin-credentials.txt');
  const text = [
    '# Corvid: the first administrator, created on first start.',
    '# Log in (POST /api/v1/auth/login), create your own users and tokens, then delete this file.',
    `user: ${ADMIN_NAME}`,
    `password: ${password}`,
    '',
  ].join('\n');
  // A stale file would keep its old permissions: remove it and create the new one exclusively, 0600.
  await rm(file, { force: true });
  await writeFile(file, text, { mode: 0o600, flag: 'wx' });
  return { name: ADMIN_NAME, password, file };
}
