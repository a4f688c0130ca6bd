/** This node's Ed25519 identity: created on first start, its private key sealed at rest, its name and public URL in config. */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CorvidError } from '../../errors.ts';
import { atomicWrite } from './files.ts';
import { openKey, sealKey, type SealedKey } from './sealed-key.ts';

export interface NodeIdentity {
  /** How this node calls itself (peers name it as they like). */
  name: string;
  /** The public URL peers reach it at ('' until configured); https when TLS is on. */
  url: string;
  /** Whether `corvid serve` serves HTTPS with the node's certificate (stored; CORVID_TLS overrides). */
  tls: boolean;
  /** The raw 32-byte Ed25519 public key, base64url (43 characters): what peers pin. */
  publicKey: string;
  /** A short fingerprint for reading aloud: the first 80 bits of SHA-256(public key), hex in groups of four. */
  fingerprint: string;
  createdAt: string;
  privateKey: KeyObject;
}

interface IdentityFile {
  version: 1;
  name: string;
  url: string;
  publicKey: string;
  createdAt: string;
  sealed: SealedKey;
  /** Absent in identities written before TLS existed: off. */
  tls?: boolean;
}

export interface IdentityOptions {
  /** CORVID_NODE_PASSPHRASE; without it the key is sealed under a 0600 key file beside the identity. */
  passphrase?: string | undefined;
  /** Name and URL on creation (CORVID_NODE_NAME / CORVID_NODE_URL override what is stored). */
  name?: string | undefined;
  url?: string | undefined;
}

/** The node's folder in the data directory: identity.json, identity.key (without a passphrase), peers.json. */
export const nodeDir = (dataDir: string): string => join(dataDir, 'node');
const identityPath = (dataDir: string): string => join(nodeDir(dataDir), 'identity.json');
const keyFilePath = (dataDir: string): string => join(nodeDir(dataDir), 'identity.key');

/** The raw public key of an Ed25519 KeyObject, base64url. */
export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' }) as { x?: string };
  if (!jwk.x) throw new CorvidError('CORVID_ERR_COOPERATE_IDENTITY_CORRUPT', 'not an Ed25519 key');
  return jwk.x;
}

/** A public KeyObject from the base64url raw key peers exchange; CORVID_ERR_VALIDATION when it is not one. */
export function publicKeyFrom(raw: string): KeyObject {
  if (!/^[A-Za-z0-9_-]{43}$/.test(raw)) throw new CorvidError('CORVID_ERR_VALIDATION', 'a node key is 32 bytes in base64url (43 characters)');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

/**
 * The fingerprint of a public key, for comparing over the phone.
 * @example fingerprint('11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo') // '2a5c 4f0e 91b3 07d8 6c1e'
 */
export function fingerprint(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 20);
  return hex.match(/.{4}/g)!.join(' ');
}

/** CORVID_TLS=1|true|on or 0|false|off overrides the stored setting; anything else leaves it. */
function tlsSetting(stored: boolean | undefined): boolean {
  const env = (process.env.CORVID_TLS ?? '').toLowerCase();
  if (['1', 'true', 'on'].includes(env)) return true;
  if (['0', 'false', 'off'].includes(env)) return false;
  return stored === true;
}

function toIdentity(f: IdentityFile, privateKey: KeyObject): NodeIdentity {
  const name = process.env.CORVID_NODE_NAME || f.name;
  const tls = tlsSetting(f.tls);
  const configured = process.env.CORVID_NODE_URL || f.url;
  // With TLS on the node answers only HTTPS, so the URL it gives peers says so.
  const url = tls ? configured.replace(/^http:/i, 'https:') : configured;
  return { name, url, tls, publicKey: f.publicKey, fingerprint: fingerprint(f.publicKey), createdAt: f.createdAt, privateKey };
}

function readFile(dataDir: string): IdentityFile {
  try {
    const f = JSON.parse(readFileSync(identityPath(dataDir), 'utf8')) as IdentityFile;
    if (f.version !== 1 || typeof f.publicKey !== 'string' || !f.sealed) throw new Error('shape');
    return f;
  } catch {
    throw new CorvidError('CORVID_ERR_COOPERATE_IDENTITY_CORRUPT', `the node identity ${identityPath(dataDir)} is not readable`);
  }
}

function create(dataDir: string, opts: IdentityOptions): NodeIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pub = rawPublicKey(publicKey);
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const unlock = opts.passphrase ? { passphrase: opts.passphrase } : { keyFile: keyFilePath(dataDir) };
  const file: IdentityFile = {
    version: 1,
    name: opts.name ?? hostname(),
    url: opts.url ?? '',
    publicKey: pub,
    createdAt: new Date().toISOString(),
    sealed: sealKey(der, unlock, pub),
  };
  atomicWrite(identityPath(dataDir), `${JSON.stringify(file, null, 2)}\n`);
  return toIdentity(file, privateKey);
}

/**
 * Loads this node's identity, creating it on first use. A key sealed under a passphrase needs the same
 * passphrase (CORVID_ERR_COOPERATE_IDENTITY_LOCKED otherwise).
 * @example
 * const me = loadIdentity('./corvid-data', { passphrase: process.env.CORVID_NODE_PASSPHRASE });
 * console.log(me.url, me.publicKey, me.fingerprint);
 */
export function loadIdentity(dataDir: string, opts: IdentityOptions = {}): NodeIdentity {
  if (!existsSync(identityPath(dataDir))) return create(dataDir, opts);
  const f = readFile(dataDir);
  const der = openKey(f.sealed, { passphrase: opts.passphrase, keyFile: keyFilePath(dataDir) }, f.publicKey);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  if (rawPublicKey(createPublicKey(privateKey)) !== f.publicKey) throw new CorvidError('CORVID_ERR_COOPERATE_IDENTITY_CORRUPT', 'the private key does not belong to the stored public key');
  return toIdentity(f, privateKey);
}

/** The identity with the passphrase and name/URL from the environment, as the server and CLI use it. */
export function loadIdentityFromEnv(dataDir: string): NodeIdentity {
  return loadIdentity(dataDir, { passphrase: process.env.CORVID_NODE_PASSPHRASE, name: process.env.CORVID_NODE_NAME, url: process.env.CORVID_NODE_URL });
}

/**
 * Changes the stored name, public URL or TLS setting (config; the key stays). Creates the identity if needed.
 * @example configureIdentity(dataDir, { url: 'https://corvid.fiu.example:8470', tls: true });
 */
export function configureIdentity(dataDir: string, change: { name?: string; url?: string; tls?: boolean }, opts: IdentityOptions = {}): NodeIdentity {
  loadIdentity(dataDir, opts);
  const f = readFile(dataDir);
  if (change.url !== undefined && change.url !== '' && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(change.url)) throw new CorvidError('CORVID_ERR_VALIDATION', `not an http(s) URL: ${change.url}`);
  const next: IdentityFile = { ...f, ...(change.name !== undefined ? { name: change.name } : {}), ...(change.url !== undefined ? { url: change.url.replace(/\/+$/, '') } : {}), ...(change.tls !== undefined ? { tls: change.tls } : {}) };
  atomicWrite(identityPath(dataDir), `${JSON.stringify(next, null, 2)}\n`);
  return loadIdentity(dataDir, opts);
}
